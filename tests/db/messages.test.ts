// Messages: numbered by the database (gap-free under concurrency), idempotent appends, owners from the chat,
// titles from the first message, the send rate limit, identities that never change once written.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { enterScope } from '../../supabase/local/core/scope.ts';
import { adminDbUrl } from '../support/stack.ts';
import { admin, api, as, createUser, newChat, sqlstateOf } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('appending messages', () => {
  it("works with the seed document's plain statements (the agents' path) and ignores a client-sent number", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(
      'service_role',
      async (sql) => {
        await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'Build   an ESP32\nweather station')`;
        await sql`insert into public.messages (chat_id, role, content, sequence_number) values (${chatId}, 'user', 'and a display', 999)`;
        return sql`select m.sequence_number, m.user_id, m.parent_id is null as root, c.title, c.message_count, c.last_sequence_number
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
      },
      { commit: true },
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({
      user_id: user.id,
      root: true,
      title: 'Build an ESP32 weather station',
      message_count: 2,
    });
    expect(rows[1].root).toBe(false);
  });

  it('chains the rows of one multi-row insert, each the parent of the next, the last one active', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(
      'service_role',
      async (sql) => {
        await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'one'), (${chatId}, 'user', 'two'), (${chatId}, 'user', 'three')`;
        return sql`select m.id, m.parent_id, m.sequence_number, c.active_leaf_id
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
      },
      { commit: true },
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.parent_id)).toEqual([null, rows[0].id, rows[1].id]);
    expect(rows[0].active_leaf_id).toBe(rows[2].id);
  });

  it('refuses a 61st message within a minute with PT429, but still answers retries of saved ones', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    await as(
      user,
      async (sql) => {
        for (let i = 0; i < 60; i++)
          await sql`select public.append_message(${chatId}, ${`message ${i}`}, ${`rate-${i}`})`;
      },
      { commit: true },
    );
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`select public.append_message(${chatId}, 'one too many', 'rate-60')`),
      ),
    ).toBe('PT429');
    const [retried] = await as(
      user,
      (sql) => sql`select (public.append_message(${chatId}, 'message 0', 'rate-0')).sequence_number`,
    );
    expect(Number(retried.sequence_number)).toBe(1);
    // The budget is the sender's: another user is not slowed down, and the agents' replies are not counted.
    const other = await createUser();
    const otherChat = await newChat(other);
    await as(other, (sql) => sql`select public.append_message(${otherChat}, 'hello', 'rate-other')`);
    await as(
      'service_role',
      (sql) => sql`select public.append_message(${chatId}, 'a reply', 'rate-reply', null, 'assistant')`,
    );
  });

  it('numbers 50 parallel appends 1..50 without gaps or duplicates', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const pool = postgres(adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 25, onnotice: () => {} });
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          pool.begin(async (tx) => {
            await enterScope(tx, { role: 'authenticated', claims: user.claims });
            await tx`select public.append_message(${chatId}, ${`message ${i}`}, ${`key-${i}`})`;
          }),
        ),
      );
    } finally {
      await pool.end();
    }
    const rows = await as(
      user,
      (sql) => sql`select sequence_number from public.messages where chat_id = ${chatId} order by sequence_number`,
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('returns the same row for a retried append and refuses the same key with other content', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const first = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, {
      commit: true,
    });
    const retry = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, {
      commit: true,
    });
    expect(retry[0].id).toBe(first[0].id);
    expect(retry[0].sequence_number).toBe(first[0].sequence_number);
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, 'something else', 'k-1')`)),
    ).toBe('PT409');
    const [count] = await as(
      user,
      (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`,
    );
    expect(count.n).toBe(1);
  });

  it('saves one row for concurrent retries with the same key, and answers every one of them with it', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        as(user, (sql) => sql`select id from public.append_message(${chatId}, 'hello', 'k-race')`, { commit: true }),
      ),
    );
    expect(new Set(answers.map((a) => a[0].id)).size).toBe(1);
    const [chat] =
      await admin`select message_count, last_sequence_number::int as last_sequence_number from public.chats where id = ${chatId}`;
    expect(chat).toEqual({ message_count: 1, last_sequence_number: 1 });
  });

  it('refuses empty and over-long messages with a clear error and saves nothing', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    expect(await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, '   ')`))).toBe(
      '22023',
    );
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, ${'x'.repeat(100_001)})`)),
    ).toBe('22001');
    const [chat] = await as(
      user,
      (sql) => sql`select message_count, last_sequence_number from public.chats where id = ${chatId}`,
    );
    expect(chat).toEqual({ message_count: 0, last_sequence_number: '0' });
  });

  it("keeps a message's identity fixed once written", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const [m] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hi')`, { commit: true });
    expect(
      await sqlstateOf(() =>
        as('service_role', (sql) => sql`update public.messages set sequence_number = 7 where id = ${m.id}`),
      ),
    ).toBe('42501');
    const [done] = await as(
      'service_role',
      (sql) => sql`update public.messages set content = 'hi!' where id = ${m.id} returning content`,
    );
    expect(done.content).toBe('hi!');
  });
});
