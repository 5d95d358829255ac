// Sign-in redirects stay on this site; the environment is validated with messages that name the variable.
import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/redirect';
import { parsePublicEnv } from '@/lib/env';
import { OhmError, fromAuthError, fromPostgrestError } from '@/lib/errors';

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/chat/123?x=1#m-4')).toBe('/chat/123?x=1#m-4');
    expect(safeNextPath(undefined)).toBe('/');
  });
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/\u0000x', 'chat'])(
    'refuses %j',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});

describe('parsePublicEnv', () => {
  it('accepts the local values', () => {
    expect(
      parsePublicEnv({
        NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH',
      }),
    ).toBeTruthy();
  });
  it('names what is missing', () => {
    expect(() => parsePublicEnv({ NEXT_PUBLIC_SUPABASE_URL: 'not a url' })).toThrow(
      /NEXT_PUBLIC_SUPABASE_URL.*NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY/s,
    );
  });
});

describe('the error vocabulary', () => {
  it('gives each code its status and a message for people', () => {
    const error = new OhmError('not_found:chat');
    expect(error.status).toBe(404);
    expect(error.toResult()).toEqual({
      ok: false,
      error: { code: 'not_found:chat', message: 'This chat does not exist or you do not have access to it.' },
    });
    expect(fromAuthError({ code: 'invalid_credentials', status: 400, message: 'Invalid login credentials' }).code).toBe(
      'bad_request:auth',
    );
    expect(fromPostgrestError({ code: '23505', message: 'dup' }, 'message').status).toBe(409);
    expect(fromPostgrestError({ code: 'XX000', message: 'boom' }, 'chat').code).toBe('unavailable:database');
    const tooFast = fromPostgrestError(
      { code: 'PT429', message: 'you are sending messages too fast: at most 60 a minute' },
      'message',
    );
    expect([tooFast.code, tooFast.status, tooFast.message]).toEqual([
      'rate_limit:message',
      429,
      'You are sending messages too fast. Wait a moment and try again.',
    ]);
  });

  it('answers a limit with 429 and the Retry-After the database gave, and an outage with 503', async () => {
    const limited = fromPostgrestError({ code: 'PT429', message: 'too many', details: 'retry_after=12' }, 'share');
    expect([limited.code, limited.retryAfter]).toEqual(['rate_limit:share', 12]);
    const response = limited.toResponse();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('12');
    expect(await response.json()).toEqual({ code: 'rate_limit:share', message: limited.message });
    const down = new OhmError('unavailable:database').toResponse();
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '5']);
    expect(new OhmError('bad_request:message').toResponse().headers.get('retry-after')).toBeNull();
  });
});
