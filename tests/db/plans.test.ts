// Query plans on a data set where indexes matter (≥200k messages across many users): the chat page, the chat
// list and search must use their intended indexes. A plan-shape test, not a timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, type TestUser } from './fixtures.ts';

const target = 200_000;
let user: TestUser;
let chatId: string;

beforeAll(async () => {
  // Built once per database (set-based, triggers off), so repeated runs reuse it.
  const [{ n }] = await admin`select count(*)::int as n from public.messages`;
  if (n < target) {
    await admin.begin(async (sql) => {
      await sql`set local session_replication_role = replica`;
      await sql`
        insert into auth.users (id, aud, role, email, created_at, updated_at, is_anonymous)
        select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'authenticated', 'authenticated',
               'bulk-' || g || '@example.com', now(), now(), false
          from generate_series(1, 2000) g
        on conflict do nothing`;
      await sql`
        insert into public.chats (id, user_id, title, last_message_at, message_count, last_sequence_number)
        select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid,
               ('00000000-0000-4000-8000-' || lpad((1 + g % 2000)::text, 12, '0'))::uuid,
               'Bulk chat ' || g, now() - (g || ' minutes')::interval, 50, 50
          from generate_series(1, 4000) g
        on conflict do nothing`;
      await sql`
        insert into public.messages (chat_id, user_id, sequence_number, role, content)
        select ('00000000-0000-4000-9000-' || lpad((1 + (g / 50) % 4000)::text, 12, '0'))::uuid,
               ('00000000-0000-4000-8000-' || lpad((1 + ((1 + (g / 50) % 4000) % 2000))::text, 12, '0'))::uuid,
               (g % 50) + 1 + 50 * (g / 200000),
               case when g % 2 = 0 then 'user'::public.message_role else 'assistant'::public.message_role end,
               'bulk message ' || g || ' about sensors, relays and an esp32 board'
          from generate_series(0, ${target} - 1) g
        on conflict do nothing`;
    });
    await admin`analyze public.messages`;
    await admin`analyze public.chats`;
  }
  user = await createUser();
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('Plans') returning id`, {
    commit: true,
  });
  chatId = chat.id;
  for (let i = 0; i < 5; i++)
    await as(user, (sql) => sql`select public.append_message(${chatId}, ${`esp32 note ${i}`})`, { commit: true });
}, 240_000);

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function plan(query: (sql: any) => Promise<unknown>): Promise<string> {
  const rows = (await as(user, query)) as Array<Record<string, string>>;
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('query plans at scale', () => {
  it('has the data set', async () => {
    const [{ n }] = await admin`select count(*)::int as n from public.messages`;
    expect(n).toBeGreaterThanOrEqual(target);
  });

  it('walks the chat page by primary key, never scanning the chat', async () => {
    const text = await plan(
      (sql) => sql`
      explain with recursive path as (
        select m.*, 1 as depth from public.messages m where m.id = (select active_leaf_id from public.chats where id = ${chatId})
        union all
        select m.*, path.depth + 1 from public.messages m join path on m.id = path.parent_id where path.depth < 50
      ) select id from path order by sequence_number desc`,
    );
    expect(text).toContain('messages_pkey');
    expect(text).not.toMatch(/Seq Scan on messages/);
  });

  it('reads the chat list from its keyset index', async () => {
    const text = await plan(
      (sql) => sql`
      explain select id, title, last_message_at from public.chats
       where user_id = ${user.id} and deleted_at is null and (last_message_at, id) < (now(), 'ffffffff-ffff-4fff-bfff-ffffffffffff'::uuid)
       order by last_message_at desc, id desc limit 30`,
    );
    expect(text).toContain('chats_user_id_last_message_at_idx');
  });

  it("reads the sidebar's deeper pages from the index of listed chats, starting at the cursor", async () => {
    const text = await plan(
      (sql) => sql`
      explain select id, title, last_message_at from public.chats
       where deleted_at is null and archived_at is null and last_message_at <= now()
         and (last_message_at < now() or (last_message_at = now() and id < 'ffffffff-ffff-4fff-bfff-ffffffffffff'::uuid))
       order by last_message_at desc, id desc limit 31`,
    );
    expect(text).toContain('chats_user_id_listed_last_message_at_idx');
    expect(text).toMatch(/Index Cond: \(\(user_id = .*last_message_at <= now\(\)\)/s);
  });

  it("finds a user's leftover deleted chats without reading their live ones", async () => {
    const text = await plan(
      (sql) => sql`explain delete from public.chats where deleted_at < now() - interval '1 hour'`,
    );
    expect(text).toContain('chats_user_id_deleted_at_idx');
  });

  it('looks up catch-up messages by the chat and sequence index', async () => {
    const text = await plan(
      (sql) => sql`
      explain select * from public.messages where chat_id = ${chatId} and sequence_number > 3 order by sequence_number limit 100`,
    );
    expect(text).toMatch(/Index Cond: \(chat_id = /);
    expect(text).not.toMatch(/Seq Scan on messages/);
  });

  it("finds a chat's streaming replies without reading its settled history", async () => {
    const text = await plan(
      (sql) => sql`
      explain select id from public.messages m
       where m.chat_id = ${chatId} and m.status = 'streaming' and m.updated_at < now() - interval '30 seconds'`,
    );
    expect(text).toMatch(/messages_chat_id_streaming_idx|Index Cond: \(chat_id = /);
    expect(text).not.toMatch(/Seq Scan on messages/);
  });

  it('steps to a sibling branch through the parent index', async () => {
    const [first] = await admin`select id from public.messages where chat_id = ${chatId} and sequence_number = 1`;
    const text = await plan(
      (sql) => sql`
      explain select s.id from public.messages s
       where s.parent_id = ${first.id} and s.sequence_number > 2 order by s.sequence_number limit 1`,
    );
    expect(text).toMatch(/messages_parent_id_idx|messages_chat_id_parent_id_idx/);
    expect(text).not.toMatch(/Seq Scan on messages/);
  });
});
