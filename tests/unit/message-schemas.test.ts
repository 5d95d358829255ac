// The limits the chat's actions check before anything reaches the database, with the messages people see.
import { describe, expect, it } from 'vitest';
import { branchStepSchema, editInputSchema, maxMessageLength } from '@/lib/messages/schemas';

const ids = { chatId: '6f1c1b1e-1111-4111-8111-111111111111', messageId: '6f1c1b1e-2222-4222-8222-222222222222' };

describe('an edit', () => {
  it('needs the chat, the message, some text within the limit and a key', () => {
    expect(
      editInputSchema.safeParse({ ...ids, content: ' Which display? ', idempotencyKey: 'key-12345' }).data?.content,
    ).toBe('Which display?');
    expect(
      editInputSchema.safeParse({ ...ids, content: '   ', idempotencyKey: 'key-12345' }).error?.issues[0].message,
    ).toBe('Type a message first.');
    expect(
      editInputSchema.safeParse({ ...ids, content: 'x'.repeat(maxMessageLength + 1), idempotencyKey: 'key-12345' })
        .error?.issues[0].message,
    ).toBe('Messages can be at most 8,000 characters.');
    expect(
      editInputSchema.safeParse({ ...ids, messageId: 'nope', content: 'hi', idempotencyKey: 'key-12345' }).success,
    ).toBe(false);
    expect(
      editInputSchema.safeParse({ messageId: ids.messageId, content: 'hi', idempotencyKey: 'key-12345' }).success,
    ).toBe(false);
  });
});

describe('a branch switch', () => {
  it('moves by a whole number of branches, never by zero', () => {
    expect(branchStepSchema.safeParse({ ...ids, step: -1 }).success).toBe(true);
    expect(branchStepSchema.safeParse({ ...ids, step: 0 }).error?.issues[0].message).toBe(
      'Choose the previous or the next branch.',
    );
    expect(branchStepSchema.safeParse({ ...ids, step: 0.5 }).success).toBe(false);
  });
});
