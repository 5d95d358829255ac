// Messages: numbered by the database (gap-free under concurrency), idempotent appends, owners from the chat,
// titles from the first message, and branches that never overwrite.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf } from './fixtures.ts';
import { adminDbUrl } from '../support/stack.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function newChat(user: Awaited<ReturnType<typeof createUser>>) {
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, { commit: true });
  return chat.id as string;
}

describe('appending messages', () => {
  it("works with the seed document's plain statements and ignores a client-sent number", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(user, async (sql) => {
      await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'Build   an ESP32\nweather station')`;
      await sql`insert into public.messages (chat_id, role, content, sequence_number) values (${chatId}, 'user', 'and a display', 999)`;
      return sql`select m.sequence_number, m.user_id, m.parent_id is null as root, c.title, c.message_count, c.last_sequence_number
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
    }, { commit: true });
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ user_id: user.id, root: true, title: 'Build an ESP32 weather station', message_count: 2 });
    expect(rows[1].root).toBe(false);
  });

  it('chains the rows of one multi-row insert, each the parent of the next, the last one active', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(user, async (sql) => {
      await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'one'), (${chatId}, 'user', 'two'), (${chatId}, 'user', 'three')`;
      return sql`select m.id, m.parent_id, m.sequence_number, c.active_leaf_id
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
    }, { commit: true });
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.parent_id)).toEqual([null, rows[0].id, rows[1].id]);
    expect(rows[0].active_leaf_id).toBe(rows[2].id);
  });

  it('numbers 50 parallel appends 1..50 without gaps or duplicates', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const pool = postgres(adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 25, onnotice: () => {} });
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => pool.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(user.claims)}, true), set_config('role', 'authenticated', true)`;
        await tx`select public.append_message(${chatId}, ${`message ${i}`}, ${`key-${i}`})`;
      })));
    } finally {
      await pool.end();
    }
    const rows = await as(user, (sql) => sql`select sequence_number from public.messages where chat_id = ${chatId} order by sequence_number`);
    expect(rows.map((r) => Number(r.sequence_number))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('returns the same row for a retried append and refuses the same key with other content', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const first = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, { commit: true });
    const retry = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, { commit: true });
    expect(retry[0].id).toBe(first[0].id);
    expect(retry[0].sequence_number).toBe(first[0].sequence_number);
    expect(await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, 'something else', 'k-1')`))).toBe('PT409');
    const [count] = await as(user, (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`);
    expect(count.n).toBe(1);
  });

  it('refuses empty and over-long messages with a clear error and saves nothing', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    expect(await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, '   ')`))).toBe('22023');
    expect(await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, ${'x'.repeat(100_001)})`))).toBe('22001');
    const [chat] = await as(user, (sql) => sql`select message_count, last_sequence_number from public.chats where id = ${chatId}`);
    expect(chat).toEqual({ message_count: 0, last_sequence_number: '0' });
  });

  it("keeps a message's identity fixed once written", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const [m] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hi')`, { commit: true });
    expect(await sqlstateOf(() => as('service_role', (sql) => sql`update public.messages set sequence_number = 7 where id = ${m.id}`))).toBe('42501');
    const [done] = await as('service_role', (sql) => sql`update public.messages set content = 'hi!' where id = ${m.id} returning content`);
    expect(done.content).toBe('hi!');
  });
});

describe('branches', () => {
  it('adds an edit as a sibling, pages the active branch and switches between branches', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const say = (content: string, parent: string | null = null, role = 'user') =>
      as(role === 'user' ? user : 'service_role', async (sql) => (await sql`select * from public.append_message(${chatId}, ${content}, null, ${parent}, ${role})`)[0], { commit: true });
    const q1 = await say('What MCU?');
    const a1 = await say('ESP32.', null, 'assistant');
    const q2 = await say('Which sensor?');
    await say('BME280.', null, 'assistant');
    const q2b = await say('Which display?', a1.id);
    const page = await as(user, (sql) => sql`select content, sibling_count, sibling_index from public.get_chat_page(${chatId}, null, 50)`);
    expect(page.map((m) => m.content)).toEqual(['Which display?', 'ESP32.', 'What MCU?']);
    expect(page[0]).toMatchObject({ sibling_count: 2, sibling_index: 2 });
    await as(user, (sql) => sql`select public.switch_branch(${chatId}, ${q2.id})`, { commit: true });
    const switched = await as(user, (sql) => sql`select content from public.get_chat_page(${chatId}, null, 50)`);
    expect(switched.map((m) => m.content)).toEqual(['BME280.', 'Which sensor?', 'ESP32.', 'What MCU?']);
    const older = await as(user, (sql) => sql`select content from public.get_chat_page(${chatId}, ${a1.sequence_number}, 10)`);
    expect(older.map((m) => m.content)).toEqual(['What MCU?']);
    const all = await as(user, (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`);
    expect(all[0].n).toBe(5);
    expect(q1.parent_id).toBeNull();
    expect(q2b.parent_id).toBe(a1.id);
  });
});
