// The scale workloads that read: open a chat, the chat list, search, the share page; each beside its naive
// baseline in the same run, all through /rest/v1 as the user (RLS on).
import postgres from 'postgres';
import type { BenchContext } from '../types.ts';
import { restAs, sqlAs, sqlIn, time, timeInterleaved, tokenFor, type Timing } from './clients.ts';

export type Result = {
  group: string;
  name: string;
  ours: Timing;
  baseline?: { name: string; timing: Timing };
  /** Further references measured beside it (the seed document's OFFSET paging, RLS without the owner filter). */
  others?: Record<string, Timing>;
  /** A figure that is not a latency, shown beside the others (the append's database CPU per call). */
  note?: string;
  hits?: number;
};

const pair = (group: string, name: string, ours: Timing, baselineName?: string, baseline?: Timing): Result => ({
  group,
  name,
  ours,
  ...(baseline && baselineName ? { baseline: { name: baselineName, timing: baseline } } : {}),
});

export type Cast = { heavy: string; typical: string };

export async function castOf(admin: postgres.Sql): Promise<Cast> {
  const [row] =
    await admin`select md5('scale-user:1')::uuid::text as heavy, md5('scale-user:20000')::uuid::text as typical`;
  return row as unknown as Cast;
}

export async function openChat(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const rest = restAs(ctx, await tokenFor(cast.heavy));
  const apiUrl = ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:');
  const api = postgres(apiUrl, { max: 1, onnotice: () => {} });
  // The minimal design's page at its best: the planner, guessing a few hundred rows for the RLS user, would
  // otherwise intersect the chat's and the user's bitmaps and sort the chat, or (bitmaps off) walk the heavy user's
  // 200,000 messages by their own index and sort the chat's (0.9 s); this connection only has the chat's index.
  const ideal = postgres(apiUrl, {
    max: 1,
    onnotice: () => {},
    connection: { enable_bitmapscan: 'off', enable_sort: 'off' },
  });
  const chats = await admin`
    select c.id, c.message_count as n, c.title from public.chats c
     where c.user_id = ${cast.heavy} and c.title like 'Scale open-%' order by c.message_count`;
  const results: Result[] = [];
  try {
    for (const chat of chats) {
      const page = `messages?select=id,chat_id,parent_id,sequence_number,role,content,agent_name,agent_model,agent_icon,intent,input_tokens,output_tokens,created_artifact_ids,status,created_at,updated_at&chat_id=eq.${chat.id}&order=sequence_number.desc&limit=50`;
      const ours = await time(() => rest.rpc('get_chat_page', { p_chat_id: chat.id, p_limit: 50 }), { count });
      const keyset = await time(() => rest.get(page), { count });
      // The seed document's paging: oldest first, `limit 50 offset n`, here for the newest page at depth n.
      const offset = await time(
        () =>
          rest.get(page.replace('sequence_number.desc', 'sequence_number.asc') + `&offset=${Math.max(0, chat.n - 50)}`),
        { count },
      );
      results.push({
        ...pair('open a chat', `${chat.n} messages, /rest/v1`, ours, 'plain keyset page', keyset),
        others: { 'limit 50 offset n': offset },
      });
      // In alternating blocks, as the append is timed: both are about a millisecond, most of it round trips, and
      // timed one after the other the keyset page of the same 10-message chat took 0.50 ms in one run and 1.12 in
      // the next, which moved the ratio more than anything get_chat_page does.
      const [sqlOurs, sqlKeyset] = await timeInterleaved(
        [
          () => sqlAs(api, cast.heavy, (tx) => tx`select * from public.get_chat_page(${chat.id}, null, 50)`),
          () =>
            sqlAs(
              ideal,
              cast.heavy,
              (tx) => tx`
              select id, chat_id, parent_id, sequence_number, role, content, agent_name, agent_model, agent_icon, intent,
                     input_tokens, output_tokens, created_artifact_ids, status, created_at, updated_at
                from public.messages where chat_id = ${chat.id} order by sequence_number desc limit 50`,
            ),
        ],
        { count },
      );
      results.push(pair('open a chat', `${chat.n} messages, SQL`, sqlOurs, 'keyset page, index plan', sqlKeyset));
    }
  } finally {
    await api.end();
    await ideal.end();
  }
  return results;
}

export async function chatList(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const columns =
    'select=id,title,last_message_at&deleted_at=is.null&archived_at=is.null&order=last_message_at.desc,id.desc';
  // Prepared statements (postgres.js's default), so the plain query's generic plan is the one timed after five runs.
  const api = postgres(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 1, onnotice: () => {} });
  const results: Result[] = [];
  try {
    for (const [who, id] of [
      ['heavy user', cast.heavy],
      ['typical user', cast.typical],
    ] as const) {
      const rest = restAs(ctx, await tokenFor(id));
      const [{ n }] =
        await admin`select count(*)::int as n from public.chats where user_id = ${id} and deleted_at is null and archived_at is null`;
      const pages: Array<[string, { at: string; id: string } | null, number]> = [['first page', null, 0]];
      if (n > 90) {
        // The database's own text for the time (microseconds), as the app's cursor keeps it.
        const [deep] = await admin`
          select to_json(last_message_at) #>> '{}' as at, id from public.chats
           where user_id = ${id} and deleted_at is null and archived_at is null
           order by last_message_at desc, id desc offset ${n - 61} limit 1`;
        pages.push([`deep page (chat ${n - 60} of ${n})`, { at: deep.at as string, id: deep.id as string }, n - 60]);
      }
      for (const [name, cursor, offset] of pages) {
        const args = { p_before_at: cursor?.at ?? null, p_before_id: cursor?.id ?? null, p_limit: 31 };
        const ours = await time(() => rest.rpc('list_chats', args), { count });
        // The read list_chats replaced: the same page as a plain query with its own owner filter, and RLS alone.
        // Quoted for or=()'s grammar, encoded for the offset's '+'.
        const at = cursor ? encodeURIComponent(`"${cursor.at}"`) : 'infinity';
        const keyset = cursor
          ? `&last_message_at=lte.${at}&or=(last_message_at.lt.${at},and(last_message_at.eq.${at},id.lt.${cursor.id}))`
          : `&last_message_at=lte.${at}`;
        const plain = await time(() => rest.get(`chats?${columns}&user_id=eq.${id}${keyset}&limit=31`), { count });
        const rlsOnly = await time(() => rest.get(`chats?${columns}${keyset}&limit=31`), { count });
        const offsetPage = await time(() => rest.get(`chats?${columns}&user_id=eq.${id}&limit=30&offset=${offset}`), {
          count,
        });
        results.push({
          ...pair('chat list', `${who}, ${name}, /rest/v1`, ours, 'OFFSET', offsetPage),
          others: { 'plain query (before list_chats)': plain, 'no owner filter (RLS only)': rlsOnly },
        });
        const sqlOurs = await time(
          () =>
            sqlAs(api, id, (tx) => tx`select * from public.list_chats(${args.p_before_at}, ${args.p_before_id}, 31)`),
          { count },
        );
        const sqlPlain = await time(
          () =>
            sqlAs(
              api,
              id,
              (tx) => tx`
              select c.id, c.title, c.last_message_at from public.chats c
               where c.user_id = ${id} and c.deleted_at is null and c.archived_at is null
                 and (c.last_message_at, c.id) < (${cursor?.at ?? 'infinity'}::text::timestamptz,
                                                  ${cursor?.id ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff'}::uuid)
               order by c.last_message_at desc, c.id desc limit 31`,
            ),
          { count },
        );
        results.push(pair('chat list', `${who}, ${name}, SQL`, sqlOurs, 'plain query, prepared', sqlPlain));
      }
    }
  } finally {
    await api.end();
  }
  return results;
}

// Heavy-user terms from rare to common (the dataset plants "tourmaline" in exactly 4 of the heavy user's messages).
export const heavyTerms = ['tourmaline', 'bme280 mosfet', '"solder joint"', 'relay', 'solder', 'sensor'];
export const typicalTerms = ['relay', '"solder joint"', 'sensor'];

export async function search(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const results: Result[] = [];
  // The baseline runs as SQL: search_messages is timed that way too (as PostgREST runs it), so the ratio leaves out
  // the HTTP hop that only one side would pay.
  const api = postgres(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 1, onnotice: () => {} });
  for (const [who, id, terms] of [
    ['heavy user', cast.heavy, heavyTerms],
    ['typical user', cast.typical, typicalTerms],
  ] as const) {
    const rest = restAs(ctx, await tokenFor(id));
    for (const term of terms) {
      const [{ hits }] = await admin`
        select count(*)::int as hits from public.messages
         where private.search_keys(user_id, content_search) @> (private.search_query_keys(${id}::uuid, websearch_to_tsquery('english', ${term}))).keys
           and user_id = ${id} and content_search @@ websearch_to_tsquery('english', ${term})`;
      const ours = await time(() => rest.rpc('search_messages', { p_query: term, p_limit: 20 }), { count });
      // Baseline: every hit ranked before the first 20 are returned (the design this replaces), on the best index,
      // in a transaction shaped as sqlAs runs search_messages (claims set first, rolled back), so that the ratio
      // compares the database's work and not three round trips that only one side would make.
      const everyHitQuery = (sql: postgres.Sql | postgres.TransactionSql) => sql`
          select m.id, ts_headline('english', m.content, q) from (
            select m.id, m.content, ts_rank_cd(m.content_search, q) as rank from public.messages m, websearch_to_tsquery('english', ${term}) q
             where private.search_keys(m.user_id, m.content_search) @> (private.search_query_keys(${id}::uuid, q)).keys
               and m.user_id = ${id} and m.content_search @@ q
             order by rank desc, m.id desc limit 20) m, websearch_to_tsquery('english', ${term}) q`;
      // The same, showing what search_messages shows: each hit's chat title (live chats only) and its snippet as the
      // app gets it (escaped, two fragments), so that the ratio beside it compares the same work. For the typical
      // user only: the heavy user's is seconds per call, and 0.00x either way.
      const sameOutputQuery = (sql: postgres.Sql | postgres.TransactionSql) => sql`
          select m.id, c.title, ts_headline('english', private.escape_html(m.content), q,
                   'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')
            from (select m.*, ts_rank_cd(m.content_search, q) as rank from public.messages m, websearch_to_tsquery('english', ${term}) q
                   where private.search_keys(m.user_id, m.content_search) @> (private.search_query_keys(${id}::uuid, q)).keys
                     and m.user_id = ${id} and m.content_search @@ q) m
            join public.chats c on c.id = m.chat_id and c.deleted_at is null, websearch_to_tsquery('english', ${term}) q
           order by m.rank desc, m.id desc limit 20`;
      const baselineCount = Math.max(3, Math.min(count, Math.ceil(2000 / Math.max(1, hits / 100))));
      const everyHit = await time(() => sqlIn(admin, id, everyHitQuery), { count: baselineCount, warmup: 1 });
      const sameOutput: Record<string, Timing> =
        who === 'typical user'
          ? { 'every hit ranked, same output': await time(() => sqlIn(admin, id, sameOutputQuery), { count }) }
          : {};
      const oneStatement = await time(() => everyHitQuery(admin), { count: baselineCount, warmup: 1 });
      results.push({
        ...pair(`search, ${who}`, `${term} (${hits} hits)`, ours, 'every hit ranked', everyHit),
        others: sameOutput,
        hits,
      });
      const sqlOurs = await time(() => sqlAs(api, id, (tx) => tx`select * from public.search_messages(${term}, 20)`), {
        count,
      });
      results.push({
        ...pair(`search, ${who}, SQL`, `${term} (${hits} hits)`, sqlOurs, 'every hit ranked', everyHit),
        others: { ...sameOutput, 'every hit ranked, one statement': oneStatement },
      });
    }
    // The next page of the most common term: a keyset page inside its window.
    const first = (await rest.rpc('search_messages', { p_query: terms.at(-1), p_limit: 20 })) as Array<{
      cursor: string;
    }>;
    const next = await time(
      () => rest.rpc('search_messages', { p_query: terms.at(-1), p_limit: 20, p_cursor: first.at(-1)!.cursor }),
      { count },
    );
    results.push(pair(`search, ${who}`, `${terms.at(-1)}: page 2`, next));
    // The largest page the API allows: more hits than the newest window may hold, so it reads on into older ones
    // (where the word can be rare among a window's rows though common for the user).
    const large = await time(() => rest.rpc('search_messages', { p_query: terms.at(-1), p_limit: 100 }), { count });
    results.push(pair(`search, ${who}`, `${terms.at(-1)}: a page of 100`, large));
  }
  await api.end();
  return results;
}

export async function sharePage(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const [share] = await admin`
    select s.share_token from public.shared_chats s join public.chats c on c.id = s.chat_id where c.title = 'Scale shared-1000'`;
  const rest = restAs(ctx, await tokenFor(cast.typical));
  const ours = await time(() => rest.rpc('get_shared_chat', { p_token: share.share_token, p_limit: 50 }), { count });
  // Its oldest page, and its files (the share page lists them, and each shared file's signed URL asks the same):
  // both walked the branch from the snapshot's leaf before the share kept its message numbers.
  const oldest = await time(
    () => rest.rpc('get_shared_chat', { p_token: share.share_token, p_before_sequence: 51, p_limit: 50 }),
    { count },
  );
  const files = await time(() => rest.rpc('get_shared_attachments', { p_token: share.share_token }), { count });
  return [
    pair('share page', 'newest 50 of a 1,000-message share (get_shared_chat)', ours),
    pair('share page', 'oldest 50 of a 1,000-message share (get_shared_chat)', oldest),
    pair('share page', "a 1,000-message share's files (get_shared_attachments)", files),
  ];
}
