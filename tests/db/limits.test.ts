// Limits the database enforces and the one way in: users write messages only through append_message, the rate
// limits hold under concurrency, replies, shares and uploads are limited too, and guests get lower limits.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';
import { adminDbUrl } from '../support/stack.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function newChat(user: TestUser) {
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, {
    commit: true,
  });
  return chat.id as string;
}

/** Runs `count` calls at once, each its own request (transaction) as `user`; returns the SQLSTATE of each. */
async function concurrently(
  user: TestUser,
  count: number,
  statement: (tx: postgres.TransactionSql, i: number) => Promise<unknown>,
) {
  const pool = postgres(adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 25, onnotice: () => {} });
  try {
    return await Promise.all(
      Array.from({ length: count }, (_, i) =>
        sqlstateOf(() =>
          pool.begin(async (tx) => {
            await tx`select set_config('request.jwt.claims', ${JSON.stringify(user.claims)}, true), set_config('role', 'authenticated', true)`;
            await statement(tx, i);
          }),
        ),
      ),
    );
  } finally {
    await pool.end();
  }
}

describe('the one way in', () => {
  it('refuses direct inserts and updates of messages by users, even of their own chats', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'hi')`),
      ),
    ).toBe('42501');
    const [saved] = await as(user, (sql) => sql`select id from public.append_message(${chatId}, 'hello')`, {
      commit: true,
    });
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`update public.messages set content = 'rewritten' where id = ${saved.id}`),
      ),
    ).toBe('42501');
  });

  it("refuses appending to another user's chat, without revealing its messages through the idempotency key", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const chatId = await newChat(owner);
    await as(owner, (sql) => sql`select public.append_message(${chatId}, 'secret plan', 'known-key')`, {
      commit: true,
    });
    expect(
      await sqlstateOf(() =>
        as(stranger, (sql) => sql`select * from public.append_message(${chatId}, 'x', 'known-key')`),
      ),
    ).toBe('42501');
    expect(
      await sqlstateOf(() =>
        as(owner, (sql) => sql`select public.append_message(${chatId}, 'I am the agent', null, null, 'assistant')`),
      ),
    ).toBe('42501');
  });
});

describe('rate limits', () => {
  it('lets exactly a guest’s limit of 50 concurrent sends through, and says when to retry', async () => {
    const guest = await createUser({ anonymous: true });
    const chatId = await newChat(guest);
    const codes = await concurrently(
      guest,
      50,
      (tx, i) => tx`select public.append_message(${chatId}, ${`burst ${i}`}, ${`burst-${i}`})`,
    );
    expect(codes.filter((c) => c === null)).toHaveLength(20);
    expect(codes.filter((c) => c === 'PT429')).toHaveLength(30);
    const [{ n }] = await admin`select count(*)::int as n from public.messages where chat_id = ${chatId}`;
    expect(n).toBe(20);
    const refusal = await as(guest, (sql) => sql`select public.append_message(${chatId}, 'one more')`).catch((e) => e);
    expect(refusal.code).toBe('PT429');
    expect(refusal.detail).toMatch(/^retry_after=\d+$/);
    expect(Number(refusal.detail.split('=')[1])).toBeLessThanOrEqual(60);
  });

  it('gives signed-in users a higher limit than guests, and a new window once the old one is over', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const codes = await concurrently(user, 61, (tx, i) => tx`select public.append_message(${chatId}, ${`m ${i}`})`);
    expect(codes.filter((c) => c === null)).toHaveLength(60);
    await admin`update private.rate_limit_counters set window_started_at = now() - interval '61 seconds' where user_id = ${user.id} and action = 'message'`;
    await as(user, (sql) => sql`select public.append_message(${chatId}, 'next minute')`);
  });

  it('limits replies asked for (send, Regenerate, Retry), only in chats of the caller', async () => {
    const guest = await createUser({ anonymous: true });
    const stranger = await createUser();
    const chatId = await newChat(guest);
    const codes = await concurrently(guest, 35, (tx) => tx`select public.take_reply_allowance(${chatId})`);
    expect(codes.filter((c) => c === null)).toHaveLength(30);
    expect(codes.filter((c) => c === 'PT429')).toHaveLength(5);
    expect(await sqlstateOf(() => as(stranger, (sql) => sql`select public.take_reply_allowance(${chatId})`))).toBe(
      'PT404',
    );
  });

  it('limits share links and uploads per user', async () => {
    const guest = await createUser({ anonymous: true });
    const chatId = await newChat(guest);
    await as(guest, (sql) => sql`select public.append_message(${chatId}, 'share me')`, { commit: true });
    const shares = await concurrently(guest, 12, (tx) => tx`select public.create_share(${chatId})`);
    expect(shares.filter((c) => c === null)).toHaveLength(10);
    expect(shares.filter((c) => c === 'PT429')).toHaveLength(2);
    const uploads = await concurrently(
      guest,
      12,
      (tx, i) =>
        tx`insert into public.attachments (chat_id, filename, file_type, file_size, storage_path) values (${chatId}, 'a.png', 'image/png', 1, ${`${guest.id}/${chatId}/${i}-a.png`})`,
    );
    expect(uploads.filter((c) => c === null)).toHaveLength(10);
    expect(uploads.filter((c) => c === 'PT429')).toHaveLength(2);
  });
});
