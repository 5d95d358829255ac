// A light user's search window, read from the (user, word) index in one statement of search_messages: it returns
// what ranking every hit returns (same hits, order and snippets), skips hits in deleted chats however many of them
// outrank the live ones, and pages on through the window without repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, type TestUser } from './fixtures.ts';

let light: TestUser;
let live: string;
let deleted: string;

beforeAll(async () => {
  light = await createUser();
  const chats = await as(
    light,
    (sql) => sql`insert into public.chats (title) values ('Live bench'), ('Gone bench') returning id, title`,
    { commit: true },
  );
  live = chats.find((c) => c.title === 'Live bench')!.id;
  deleted = chats.find((c) => c.title === 'Gone bench')!.id;
  // 40 matches in the live chat; 12 in the other, said three times so that they outrank every live one.
  await admin.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`
      insert into public.messages (chat_id, user_id, sequence_number, role, content, created_at)
      select ${live}::uuid, ${light.id}::uuid, g, 'user'::public.message_role, 'the relay <clicks> & holds, note ' || g, now() - ((100 - g) || ' hours')::interval
        from generate_series(1, 40) g
      union all
      select ${deleted}::uuid, ${light.id}::uuid, g, 'user', 'relay relay relay ' || g, now() - ((50 - g) || ' minutes')::interval
        from generate_series(1, 12) g`;
    await sql`update public.chats set message_count = 40, last_sequence_number = 40 where id = ${live}`;
    await sql`update public.chats set message_count = 12, last_sequence_number = 12, deleted_at = now() where id = ${deleted}`;
  });
});

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('a word-index window read in one statement', () => {
  it('returns what ranking every live hit returns, in the same order, with escaped snippets', async () => {
    const ours = await as(
      light,
      (sql) => sql`select message_id, chat_id, chat_title, rank, snippet from public.search_messages('relay', 100)`,
    );
    const everyHit = await admin`
      select m.id, ts_rank_cd(m.content_search, q) as rank
        from public.messages m join public.chats c on c.id = m.chat_id and c.deleted_at is null,
             websearch_to_tsquery('english', 'relay') q
       where m.user_id = ${light.id} and m.content_search @@ q
       order by rank desc, m.id desc`;
    expect(ours.map((h) => h.message_id)).toEqual(everyHit.map((h) => h.id));
    expect(ours.every((h) => h.chat_id === live && h.chat_title === 'Live bench')).toBe(true);
    expect(ours[0].snippet).toContain('<mark>relay</mark> &lt;clicks&gt; &amp; holds');
  });

  it('fills a page that hits in a deleted chat would have taken, and pages on without repeats', async () => {
    const page = (cursor: string | null) =>
      as(light, (sql) => sql`select message_id, chat_id, cursor from public.search_messages('relay', 5, ${cursor})`);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 8; i++) {
      const hits = await page(cursor);
      expect(hits).toHaveLength(5);
      expect(hits.every((h) => h.chat_id === live)).toBe(true);
      seen.push(...hits.map((h) => h.message_id as string));
      cursor = hits.at(-1)!.cursor;
    }
    expect(new Set(seen).size).toBe(40);
    expect(await page(cursor)).toHaveLength(0);
  });
});
