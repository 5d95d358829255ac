// Plan shapes on data shaped like `npm run bench -- scale`: a heavy user who owns a large share of the table beside
// users with a handful of chats (the chat list's own: chat-list-plans.test.ts). Each fixed path is explained as a
// generic plan (the plan a connection keeps after its first five executions) and must use its index whoever the
// user is. Search is checked for what it returns too: a rare word found in old messages, and a common word paged
// across windows without repeats.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterScope } from '../../supabase/local/core/scope.ts';
import { adminDbUrl } from '../support/stack.ts';
import { userClaims } from '../support/users.ts';
import { admin, api, as, createUser, type TestUser } from './fixtures.ts';

const heavyId = '00000000-0000-4000-8000-00000000beef';
const heavyChats = 300;
const perChat = 200;
const heavy = { claims: userClaims(heavyId) };
let typical: TestUser;

beforeAll(async () => {
  // Built once per database (set-based, triggers off), so repeated runs reuse it.
  const [{ n }] = await admin`select count(*)::int as n from public.messages where user_id = ${heavyId}`;
  if (n < heavyChats * perChat) {
    await admin.begin(async (sql) => {
      await sql`set local session_replication_role = replica`;
      await sql`
        insert into auth.users (id, aud, role, email, created_at, updated_at, is_anonymous)
        values (${heavyId}, 'authenticated', 'authenticated', 'heavy@example.com', now(), now(), false) on conflict do nothing`;
      await sql`
        insert into public.chats (id, user_id, title, last_message_at, message_count, last_sequence_number)
        select md5('heavy-chat:' || g)::uuid, ${heavyId}, 'Heavy chat ' || g, now() - (g || ' minutes')::interval, ${perChat}, ${perChat}
          from generate_series(1, ${heavyChats}) g on conflict do nothing`;
      // Written in time order across chats; "tourmaline" is in three old messages only.
      await sql`
        insert into public.messages (chat_id, user_id, sequence_number, role, content, created_at)
        select md5('heavy-chat:' || (1 + g % ${heavyChats}))::uuid, ${heavyId}, 1 + g / ${heavyChats}, 'user',
               'heavy note ' || g || ' on the sensor wiring' || case when g in (7, 1207, 2407) then ' with a tourmaline finish' else '' end,
               now() - ((${heavyChats * perChat} - g) || ' seconds')::interval
          from generate_series(0, ${heavyChats * perChat - 1}) g on conflict do nothing`;
    });
    await admin`analyze public.messages`;
    await admin`analyze public.chats`;
  }
  typical = await createUser();
  const [chat] = await as(typical, (sql) => sql`insert into public.chats (title) values ('Few') returning id`, {
    commit: true,
  });
  for (const text of ['the sensor reads high', 'a relay and a sensor', 'no match here'])
    await as(typical, (sql) => sql`select public.append_message(${chat.id}, ${text})`, { commit: true });
}, 240_000);

afterAll(async () => {
  await api.end();
  await admin.end();
});

/**
 * The generic plan of `query` (with $1… bound to `args`), the plan a connection keeps from its sixth run: as `who`
 * (RLS on) or, for the search helpers, as the owner search_messages runs as (security definer: no row security).
 */
async function genericPlan(
  who: { claims: Record<string, unknown> } | 'owner',
  query: string,
  args: unknown[],
  settings = '',
) {
  const name = `plan_${Math.random().toString(36).slice(2)}`;
  const explain = async (sql: postgres.TransactionSql) => {
    await sql.unsafe(`set local plan_cache_mode = force_generic_plan; ${settings}`);
    await sql.unsafe(`prepare ${name} as ${query}`);
    const bound = args.map((a) => (a === null ? 'null' : `'${String(a)}'`)).join(', ');
    const explained = await sql.unsafe(`explain execute ${name}(${bound})`);
    // Prepared statements outlive the transaction on the pooled connection.
    await sql.unsafe(`deallocate ${name}`);
    return explained;
  };
  const rows = (await (who === 'owner' ? admin.begin(explain) : as(who as never, explain))) as Array<
    Record<string, string>
  >;
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('plans on a heavy user and a light one', () => {
  for (const [name, who] of [
    ['the heavy user', () => heavy],
    ['a user with one chat', () => typical],
  ] as const) {
    it(`walks ${name}'s messages newest first from the window's upper bound (search's recency scan)`, async () => {
      const text = await genericPlan(
        'owner',
        `select m.id from public.messages m
          where m.user_id = $1 and (m.created_at, m.id) < (coalesce($2::timestamptz, 'infinity'), '00000000-0000-0000-0000-000000000000'::uuid)
          order by m.created_at desc, m.id desc limit 1000`,
        [who().claims.sub, null],
        // What private.search_recent sets, so its scan never turns into a sort of the user's history.
        'set local enable_bitmapscan = off; set local enable_sort = off;',
      );
      expect(text).toMatch(/Index (Only )?Scan using messages_user_id_created_at_id_idx/);
      expect(text).toMatch(/Index Cond: \(\(user_id = \$1\) AND \(ROW\(created_at, id\) </);
    });

    it(`counts ${name}'s messages from the chats' counters newest chat first, stopping early`, async () => {
      const text = await genericPlan(
        'owner',
        `select c.message_count from public.chats c where c.user_id = $1 and c.deleted_at is null
          order by c.last_message_at desc, c.id desc`,
        [who().claims.sub],
        // What private.search_user_has_few_messages sets: a bitmap would collect all 300 chats before the first.
        'set local enable_bitmapscan = off; set local enable_sort = off;',
      );
      expect(text).toMatch(/^Index Scan using chats_user_id_last_message_at_idx/);
      expect(text).toContain('Index Cond: (user_id = $1)');
    });

    it(`finds ${name}'s rare words through the (user, word) index, never the user's btree`, async () => {
      const text = await genericPlan(
        'owner',
        `select m.id from public.messages m
          where private.search_keys(m.user_id, m.content_search) @> $2 and (m.user_id = $1) is true
            and m.content_search @@ to_tsquery('english', 'tourmaline')
          order by m.created_at desc, m.id desc limit 200`,
        [who().claims.sub, `{${12345}}`],
      );
      expect(text).toContain('messages_search_keys_idx');
      expect(text).not.toMatch(/messages_user_id_created_at_id_idx|Seq Scan on messages/);
    });
  }
});

describe('plans kept from the first call', () => {
  it('sets the fixed paths to plan once per connection, so their first five calls plan as the rest do', async () => {
    const rows = await admin`
      select p.proname, p.proconfig from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where (n.nspname = 'public' and p.proname in ('get_chat_page', 'append_message', 'list_chats', 'search_messages'))
          or (n.nspname = 'private' and p.proname like 'search\\_%' and p.proname <> 'search_keys')`;
    expect(rows.map((r) => r.proname).sort()).toEqual([
      'append_message',
      'get_chat_page',
      'list_chats',
      'search_index_is_small',
      'search_messages',
      'search_older',
      'search_query_keys',
      'search_recent',
      'search_scan_edge',
      'search_user_has_few_messages',
    ]);
    for (const r of rows) expect(r.proconfig, r.proname).toContain('plan_cache_mode=force_generic_plan');
  });

  it("walks the heavy user's branch above its tail by primary key in the generic plan get_chat_page keeps", async () => {
    const [leaf] = await admin`select active_leaf_id from public.chats where user_id = ${heavyId} limit 1`;
    const text = await genericPlan(
      heavy,
      `with recursive path as (
         select m.id, m.parent_id, m.sequence_number, 1 as depth from public.messages m where m.id = $1
         union all
         select m.id, m.parent_id, m.sequence_number, path.depth + 1
           from public.messages m join path on m.id = path.parent_id where path.depth < $2
       ) select id from path order by sequence_number desc`,
      [leaf.active_leaf_id, 50],
    );
    expect(text.match(/Index Scan using messages_pkey/g)).toHaveLength(2);
    expect(text).not.toMatch(/Seq Scan on messages|Bitmap/);
  });
  it("reads the newest page of the heavy user's long chat as one backward range of the chat's index", async () => {
    // The plans get_chat_page itself runs, from auto_explain's notices; the transaction is rolled back.
    const notices: string[] = [];
    const traced = postgres(adminDbUrl, { max: 1, onnotice: (n) => notices.push(n.message) });
    const rollback = new Error('rollback');
    let page: number[] = [];
    try {
      await traced.begin(async (sql) => {
        const [chat] = await sql`select id from public.chats where user_id = ${heavyId} order by id limit 1`;
        const [leaf] =
          await sql`select id from public.messages where chat_id = ${chat.id} and sequence_number = ${perChat}`;
        // The bulk-built chats have no parent links nor tail: the tail a chain of 200 messages has.
        await sql`update public.chats set active_leaf_id = ${leaf.id}, active_tail = ${`{[1,${perChat + 1})}`},
                         active_tail_parent_id = null where id = ${chat.id}`;
        await sql`load 'auto_explain'`;
        await sql`select set_config('auto_explain.log_min_duration', '0', true),
                         set_config('auto_explain.log_nested_statements', 'on', true),
                         set_config('auto_explain.log_level', 'notice', true)`;
        await enterScope(sql, { role: 'authenticated', claims: heavy.claims as never });
        const rows = await sql`select sequence_number from public.get_chat_page(${chat.id}, null, 50)`;
        page = rows.map((r) => Number(r.sequence_number));
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    } finally {
      await traced.end();
    }
    expect(page).toEqual(Array.from({ length: 50 }, (_, i) => perChat - i));
    const plans = notices.join('\n');
    expect(plans).toMatch(/Index Scan Backward using messages_chat_id_sequence_number_key on messages m/);
    expect(plans).toMatch(
      /Index Cond: \(\(chat_id = \$1\) AND \(sequence_number >= lower\(\$\d+\)\) AND \(sequence_number < \$\d+\)\)/,
    );
    // No walk: the tail held the whole page.
    expect(plans).not.toMatch(/messages_pkey|Seq Scan on messages|Bitmap|Sort/);
  });
});

describe('search at scale', () => {
  it("finds the heavy user's rare word in old messages, and only theirs", async () => {
    const hits = await as(
      heavy as never,
      (sql) => sql`select chat_id, snippet from public.search_messages('tourmaline', 20)`,
    );
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => (h.snippet as string).includes('<mark>tourmaline</mark>'))).toBe(true);
    expect(await as(typical, (sql) => sql`select 1 from public.search_messages('tourmaline', 20)`)).toHaveLength(0);
  });

  it('pages a common word across windows of recent matches without repeating or skipping within them', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const hits: Array<{ message_id: string; cursor: string; rank: number }> = await as(
        heavy as never,
        (sql) => sql`select message_id, cursor, rank from public.search_messages('sensor', 100, ${cursor})`,
      );
      expect(hits).toHaveLength(100);
      for (const h of hits) {
        expect(seen.has(h.message_id)).toBe(false);
        seen.add(h.message_id);
      }
      cursor = hits.at(-1)!.cursor;
    }
    // Four pages of 100 span two windows of 200: the cursor names the second one by then.
    expect(cursor!.split('~')[0]).not.toBe('');
  });

  it("reads a light user's windows from the word index and the heavy user's by recency", async () => {
    // Which helpers one search called: track_functions counts calls not yet flushed, so before and after.
    const calls = (who: { claims: Record<string, unknown> }, query: string) =>
      admin.begin(async (sql) => {
        await sql`set local track_functions = 'all'`;
        await enterScope(sql, { role: 'authenticated', claims: who.claims as never });
        const counts = async () =>
          new Map(
            (
              await sql`select funcname, calls::int from pg_catalog.pg_stat_xact_user_functions where schemaname = 'private'`
            ).map((r) => [r.funcname as string, r.calls as number]),
          );
        const before = await counts();
        await sql`select count(*) from public.search_messages(${query}, 20)`;
        const after = await counts();
        return Object.fromEntries(
          [...after]
            .filter(([name, n]) => n > (before.get(name) ?? 0))
            .map(([name, n]) => [name, n - (before.get(name) ?? 0)]),
        );
      });
    // A light user's window is one statement of search_messages' own: no helper reads it.
    const light = await calls(typical, 'sensor');
    expect(light).toMatchObject({ search_user_has_few_messages: 1 });
    expect(light.search_recent).toBeUndefined();
    expect(light.search_older).toBeUndefined();
    const heavyCommon = await calls(heavy, 'sensor');
    expect(heavyCommon).toMatchObject({ search_user_has_few_messages: 1, search_recent: 1 });
    expect(heavyCommon.search_older).toBeUndefined();
    // A word rare among the heavy user's recent messages still falls back to the index below them.
    expect(await calls(heavy, 'tourmaline')).toMatchObject({ search_recent: 1, search_scan_edge: 1, search_older: 1 });
  });

  it("pages a light user's word-index windows without repeats, though matches arrive between pages", async () => {
    const light = await createUser();
    const [chat] = await as(light, (sql) => sql`insert into public.chats (title) values ('Many') returning id`, {
      commit: true,
    });
    // 250 matches (more than a window of 200), a day apart, older than anything written during the test.
    await admin.begin(async (sql) => {
      await sql`set local session_replication_role = replica`;
      await sql`
        insert into public.messages (chat_id, user_id, sequence_number, role, content, created_at)
        select ${chat.id}, ${light.id}, g, 'user', 'relay note ' || g, now() - ((300 - g) || ' days')::interval
          from generate_series(1, 250) g`;
      await sql`update public.chats set message_count = 250, last_sequence_number = 250 where id = ${chat.id}`;
    });
    const page = (cursor: string | null) =>
      as(light, (sql) => sql`select message_id, cursor from public.search_messages('relay', 100, ${cursor})`);
    const first = await page(null);
    expect(first).toHaveLength(100);
    expect(first[0].cursor.split('~')[4]).toBe('g');
    await as(light, (sql) => sql`select public.append_message(${chat.id}, 'a fresh relay note')`, { commit: true });
    const second = await page(first.at(-1)!.cursor);
    const third = await page(second.at(-1)!.cursor);
    const ids = [...first, ...second, ...third].map((h) => h.message_id as string);
    // The first window's 200 and the second's 50, each once; the message written since belongs to no window.
    expect([second.length, third.length]).toEqual([100, 50]);
    expect(new Set(ids).size).toBe(250);
    // A date filter applies in the word index's windows too.
    const since = await as(
      light,
      (sql) =>
        sql`select count(*)::int as n from public.search_messages('relay', 100, null, null, null, now() - interval '60 days')`,
    );
    expect(since[0].n).toBe(11);
  });

  it("ranks a light user's hits as before: every match in one window", async () => {
    const hits = await as(typical, (sql) => sql`select rank, cursor from public.search_messages('sensor', 10)`);
    expect(hits).toHaveLength(2);
    expect(hits[0].rank).toBeGreaterThanOrEqual(hits[1].rank);
  });
});
