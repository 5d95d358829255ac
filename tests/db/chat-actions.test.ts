// The chat page's server actions, called as a signed-in guest against the real stack: validation first, then the
// database's rules (idempotent sends and edits, branches, Stop) through the user's own supabase-js client.
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { apiUrl, publishableKey } from '../support/stack.ts';
import { signInGuest } from '../support/app.ts';
import { admin } from './fixtures.ts';

const session = vi.hoisted(() => ({ client: null as unknown }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => session.client }));
const { editMessage, sendMessage, stopReply, switchBranch } = await import('@/app/(shell)/chat/actions');

const guest = signInGuest;
let me: SupabaseClient<Database>;
beforeAll(async () => {
  me = await guest();
  session.client = me;
});
afterAll(async () => {
  await admin.end();
});

const key = () => crypto.randomUUID();
const ok = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
};

describe('sendMessage', () => {
  it('creates the chat on the first send and answers a retry with the same row', async () => {
    const idempotencyKey = key();
    const first = ok(await sendMessage({ content: 'ESP32 weather station', idempotencyKey }));
    const retry = ok(await sendMessage({ chatId: first.chatId, content: 'ESP32 weather station', idempotencyKey }));
    expect(retry.message.id).toBe(first.message.id);
    const [{ n }] = await admin`select count(*)::int as n from public.messages where chat_id = ${first.chatId}`;
    expect(n).toBe(1);
  });

  it('refuses empty and too-long text with a message people can act on', async () => {
    expect(await sendMessage({ content: '  ', idempotencyKey: key() })).toEqual({
      ok: false,
      error: { code: 'bad_request:message', message: 'Type a message first.' },
    });
    expect(await sendMessage({ content: 'x'.repeat(8001), idempotencyKey: key() })).toMatchObject({
      ok: false,
      error: { message: 'Messages can be at most 8,000 characters.' },
    });
  });

  it('makes a visitor without a session a guest at their first send, and only then', async () => {
    const visitor = createSupabaseClient<Database>(apiUrl, publishableKey, { auth: { persistSession: false } });
    session.client = visitor;
    try {
      expect((await visitor.auth.getClaims()).data?.claims).toBeFalsy();
      const { chatId } = ok(await sendMessage({ content: 'hello', idempotencyKey: key() }));
      const [owner] =
        await admin`select u.id, u.is_anonymous from public.chats c join auth.users u on u.id = c.user_id where c.id = ${chatId}`;
      expect(owner.is_anonymous).toBe(true);
      expect(owner.id).toBe((await visitor.auth.getClaims()).data?.claims.sub);
      // Sending into an existing chat is no first visit: without a session it is refused, and makes no guest.
      session.client = createSupabaseClient<Database>(apiUrl, publishableKey, { auth: { persistSession: false } });
      expect(await sendMessage({ chatId, content: 'hello', idempotencyKey: key() })).toMatchObject({
        ok: false,
        error: { code: 'unauthorized:auth' },
      });
    } finally {
      session.client = me;
    }
  });
});

describe('editMessage and switchBranch', () => {
  it('saves an edit as a sibling branch, idempotently, and steps between the branches', async () => {
    const { chatId, message: question } = ok(await sendMessage({ content: 'Which sensor?', idempotencyKey: key() }));
    const idempotencyKey = key();
    const edit = ok(await editMessage({ chatId, messageId: question.id, content: 'Which display?', idempotencyKey }));
    const again = ok(await editMessage({ chatId, messageId: question.id, content: 'Which display?', idempotencyKey }));
    expect(again.message.id).toBe(edit.message.id);
    expect(edit.message.parent_id).toBe(question.parent_id);

    expect(ok(await switchBranch({ chatId, messageId: edit.message.id, step: -1 })).leafId).toBe(question.id);
    expect(ok(await switchBranch({ chatId, messageId: question.id, step: 1 })).leafId).toBe(edit.message.id);
    expect(await switchBranch({ chatId, messageId: question.id, step: -1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found:message' },
    });
    expect(await switchBranch({ chatId, messageId: question.id, step: 0 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request:message' },
    });
  });

  it("never edits another user's chat: it looks missing", async () => {
    const { chatId, message } = ok(await sendMessage({ content: 'Private plans', idempotencyKey: key() }));
    session.client = await guest();
    try {
      expect(
        await editMessage({ chatId, messageId: message.id, content: 'mine now', idempotencyKey: key() }),
      ).toMatchObject({ ok: false, error: { code: 'not_found:message' } });
      expect(await switchBranch({ chatId, messageId: message.id, step: 1 })).toMatchObject({
        ok: false,
        error: { code: 'not_found:message' },
      });
    } finally {
      session.client = me;
    }
  });
});

describe('stopReply', () => {
  it('ends a streaming reply of my chat as interrupted, and only mine', async () => {
    const { chatId } = ok(await sendMessage({ content: 'Long answer please', idempotencyKey: key() }));
    const [reply] =
      await admin`insert into public.messages (chat_id, role, content, status) values (${chatId}, 'assistant', 'Half', 'streaming') returning id`;
    session.client = await guest();
    try {
      expect(await stopReply({ chatId, messageId: reply.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found:message' },
      });
    } finally {
      session.client = me;
    }
    expect(await stopReply({ chatId, messageId: reply.id })).toEqual({ ok: true });
    const [saved] = await admin`select status, content from public.messages where id = ${reply.id}`;
    expect(saved).toEqual({ status: 'interrupted', content: 'Half' });
  });
});
