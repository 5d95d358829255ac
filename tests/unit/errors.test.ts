// The error vocabulary's mapping of database codes: each code the app's SQL raises means one kind of failure,
// callers only add their words, and anything unknown is the database failing (try again), never a 404.
import { describe, expect, it } from 'vitest';
import { fromPostgrestError, OhmError } from '@/lib/errors';

const from = (code: string, message = 'raised by SQL') => fromPostgrestError({ code, message }, 'message');

describe('fromPostgrestError', () => {
  it('maps every code the app interprets to its type, with its HTTP status', () => {
    expect(
      ['PGRST116', 'PT404', '23503', '42501', 'PT409', '23505', 'PT429', '22023', '22001'].map((c) => from(c).code),
    ).toEqual([
      'not_found:message',
      'not_found:message',
      'not_found:message',
      'forbidden:message',
      'conflict:message',
      'conflict:message',
      'rate_limit:message',
      'bad_request:message',
      'bad_request:message',
    ]);
    expect(from('PT409').status).toBe(409);
    expect(from('22023', 'limit must be between 1 and 200 (got 0)').message).toBe(
      'limit must be between 1 and 200 (got 0)',
    );
  });

  it('treats a failure it does not know (a timeout, a dropped connection) as the database being unavailable', () => {
    for (const error of [
      { code: '57014', message: 'canceling statement due to statement timeout' },
      { message: 'fetch failed' },
    ]) {
      const mapped = fromPostgrestError(error, 'chat');
      expect([mapped.code, mapped.status]).toEqual(['unavailable:database', 503]);
      expect(mapped.cause).toBe(error);
    }
  });

  it("uses the caller's words for a kind of failure, or another error altogether", () => {
    expect(from('PT404').message).not.toBe('That branch no longer exists.');
    const words = fromPostgrestError({ code: 'PT404', message: 'x' }, 'message', {
      not_found: 'That branch no longer exists.',
    });
    expect([words.code, words.message]).toEqual(['not_found:message', 'That branch no longer exists.']);
    const chat = fromPostgrestError({ code: '23503', message: 'x' }, 'message', {
      not_found: new OhmError('not_found:chat'),
    });
    expect(chat.code).toBe('not_found:chat');
    // The words apply to their kind only.
    expect(fromPostgrestError({ code: 'PT429', message: 'x' }, 'message', { not_found: 'gone' }).code).toBe(
      'rate_limit:message',
    );
  });
});

describe('OhmError.toResponse', () => {
  it('answers a route handler with the code, the message and the status', async () => {
    const response = new OhmError('conflict:message', 'This message already has a reply.').toResponse();
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ code: 'conflict:message', message: 'This message already has a reply.' });
  });
});
