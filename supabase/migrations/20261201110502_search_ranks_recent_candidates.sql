-- Search that stays fast for a user with hundreds of thousands of messages. It replaces public.search_messages
-- (first defined in 20261125042100_search), which scored every hit before returning 20: for a common word that is
-- tens of thousands of rows; and the planner, not knowing whose rows auth.uid() selects, read the heavy user's whole
-- history for a rare one (seconds either way for the heavy user of `npm run bench -- scale`).
--
-- Hits are ranked within windows of recent candidates. A window is the user's newest matches, found by reading the
-- user's messages newest first (at most 1,000 rows, at most 200 matches) and ranked by ts_rank_cd among themselves;
-- the next window continues below the oldest key of the previous one. When the newest 1,000 messages hold fewer
-- than 20 matches the words are rare for this user, and the window's older matches come from an inverted index
-- keyed by (user, word): its posting lists hold only this user's messages with that word, so a rare word costs a
-- few index pages however many messages the user or the table has. (The (user_id, tsvector) GIN index it replaces
-- intersected the user's whole posting list with the word's: hundreds of milliseconds for the heavy user.)
-- So no call ranks more than 200 rows or reads more than about 1,000 by recency; a user with fewer matches than a
-- window gets the same ranking as before; a heavy user sees the best of their recent matches first.
--
-- The cursor names its window (its bounds and how it was found) and the last hit's (rank, id) inside it, so a page
-- continues the window it came from whatever was written since. Filters (agent, intent, dates) apply in every scan.

set maintenance_work_mem = '512MB';

-- Newest first with a tie-break on id: the order a window is read in (and the rate limit's per-user recent count).
create index messages_user_id_created_at_id_idx on public.messages (user_id, created_at desc, id desc);
drop index if exists public.messages_user_id_created_at_idx;

-- One key per (user, word) of a message: the inverted index's entries.
create function private.search_keys(p_user uuid, p_doc tsvector) returns bigint[]
language sql immutable parallel safe security invoker set search_path = '' as $$
  select array(select pg_catalog.hashtextextended(p_user::text || w, 0) from pg_catalog.unnest(pg_catalog.tsvector_to_array(p_doc)) w)
$$;
revoke execute on function private.search_keys(uuid, tsvector) from public;
grant execute on function private.search_keys(uuid, tsvector) to authenticated, service_role;

create index messages_search_keys_idx on public.messages using gin (private.search_keys(user_id, content_search));
drop index if exists public.messages_user_id_content_search_idx;

-- The keys a match must all have (the words outside negations), or for an OR query the keys a match has at least
-- one of; null when the index cannot narrow the query (only negations, or OR mixed with NOT). websearch_to_tsquery
-- writes a negated word as !'word' and a negated phrase as !( ... ), never nested.
create function private.search_query_keys(p_user uuid, p_query tsquery, out keys bigint[], out any_of boolean)
language sql immutable security invoker set search_path = '' as $$
  select case when t.text like '%!%' and t.text like '%|%' then null
              else (select pg_catalog.array_agg(distinct pg_catalog.hashtextextended(p_user::text || replace(w[1], '''''', ''''), 0))
                      from pg_catalog.regexp_matches(
                             pg_catalog.regexp_replace(t.text, '!\s*(''(?:[^'']|'''')*''|\([^)]*\))', '', 'g'),
                             '''((?:[^'']|'''')*)''', 'g') w) end,
         t.text like '%|%'
    from (select p_query::text as text) t
$$;
revoke execute on function private.search_query_keys(uuid, tsquery) from public;
grant execute on function private.search_query_keys(uuid, tsquery) to authenticated, service_role;

-- The user's newest messages in [low, high) that match, read newest first: at most p_scan_rows rows, at most
-- p_limit matches. Bitmap scans and sorts are off because the planner, not knowing how many messages the user has
-- (a generic estimate is a few hundred), would otherwise fetch the user's whole history and sort it; walking the
-- index newest first costs the same for every user. The bounds are written without `param is null or`, so that
-- they are index conditions: the scan starts at `high` instead of walking down to it.
create function private.search_recent(
  p_user uuid, p_query tsquery, p_high_at timestamptz, p_high_id uuid, p_low_at timestamptz, p_low_id uuid,
  p_from timestamptz, p_agent text, p_intent public.message_intent, p_scan_rows integer, p_limit integer
) returns table (id uuid, created_at timestamptz, rank real)
language sql stable security invoker set search_path = ''
  set enable_bitmapscan = off set enable_sort = off set max_parallel_workers_per_gather = 0 as $$
  select s.id, s.created_at, pg_catalog.ts_rank_cd(s.content_search, p_query)
    from (select m.id, m.created_at, m.content_search, m.agent_name, m.intent
            from public.messages m
           where m.user_id = p_user
             and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
             and (m.created_at, m.id) >= (coalesce(p_low_at, '-infinity'), coalesce(p_low_id, '00000000-0000-0000-0000-000000000000'))
             and m.created_at >= coalesce(p_from, '-infinity')
           order by m.created_at desc, m.id desc
           limit p_scan_rows) s
   where s.content_search @@ p_query
     and (p_agent is null or s.agent_name = p_agent)
     and (p_intent is null or s.intent = p_intent)
   order by s.created_at desc, s.id desc
   limit p_limit
$$;
revoke execute on function private.search_recent(uuid, tsquery, timestamptz, uuid, timestamptz, uuid, timestamptz, text, public.message_intent, integer, integer) from public;
grant execute on function private.search_recent(uuid, tsquery, timestamptz, uuid, timestamptz, uuid, timestamptz, text, public.message_intent, integer, integer) to authenticated, service_role;

-- The key of the user's p_offset-th newest message below high (index only, newest first, for the reason above).
create function private.search_scan_edge(p_user uuid, p_high_at timestamptz, p_high_id uuid, p_from timestamptz, p_offset integer)
returns table (created_at timestamptz, id uuid)
language sql stable security invoker set search_path = ''
  set enable_bitmapscan = off set enable_sort = off set max_parallel_workers_per_gather = 0 as $$
  select m.created_at, m.id
    from public.messages m
   where m.user_id = p_user
     and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
     and m.created_at >= coalesce(p_from, '-infinity')
   order by m.created_at desc, m.id desc
  offset p_offset limit 1
$$;
revoke execute on function private.search_scan_edge(uuid, timestamptz, uuid, timestamptz, integer) from public;
grant execute on function private.search_scan_edge(uuid, timestamptz, uuid, timestamptz, integer) to authenticated, service_role;

-- The user's matches in [low, high) through the (user, word) index, newest first. The user check is written so that
-- no btree can serve it (`is true`): otherwise the planner, guessing a few hundred rows for any user, could read the
-- heavy user's whole history through messages_user_id_created_at_id_idx instead.
create function private.search_older(
  p_user uuid, p_query tsquery, p_keys bigint[], p_any_of boolean, p_high_at timestamptz, p_high_id uuid,
  p_low_at timestamptz, p_low_id uuid, p_from timestamptz, p_agent text, p_intent public.message_intent, p_limit integer
) returns table (id uuid, created_at timestamptz, rank real)
language sql stable security invoker set search_path = '' set max_parallel_workers_per_gather = 0 as $$
  select m.id, m.created_at, pg_catalog.ts_rank_cd(m.content_search, p_query)
    from (select k.* from public.messages k
           where not p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.@>) p_keys
          union all
          select k.* from public.messages k
           where p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.&&) p_keys) m
   where (m.user_id = p_user) is true
     and m.content_search @@ p_query
     and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
     and (m.created_at, m.id) >= (coalesce(p_low_at, '-infinity'), coalesce(p_low_id, '00000000-0000-0000-0000-000000000000'))
     and m.created_at >= coalesce(p_from, '-infinity')
     and (p_agent is null or m.agent_name = p_agent)
     and (p_intent is null or m.intent = p_intent)
   order by m.created_at desc, m.id desc
   limit p_limit
$$;
revoke execute on function private.search_older(uuid, tsquery, bigint[], boolean, timestamptz, uuid, timestamptz, uuid, timestamptz, text, public.message_intent, integer) from public;
grant execute on function private.search_older(uuid, tsquery, bigint[], boolean, timestamptz, uuid, timestamptz, uuid, timestamptz, text, public.message_intent, integer) to authenticated, service_role;

-- security definer: the function reads only the caller's rows (every scan filters by auth.uid(), as the policies do),
-- but runs without row security so that its `user_id = (select auth.uid())` qual, whose value the planner cannot
-- see and guesses at a few hundred rows, cannot steer the plans (it made the candidate join read the heavy user's
-- whole history once per chat). Deleted chats are left out here, as before.
create or replace function public.search_messages(
  p_query text,
  p_limit integer default 20,
  p_cursor text default null,
  p_agent text default null,
  p_intent public.message_intent default null,
  p_from timestamptz default null,
  p_to timestamptz default null
) returns setof public.search_hit
language plpgsql stable security definer set search_path = '' as $$
declare
  scan_rows constant integer := 1000;
  window_size constant integer := 200;
  rare_below constant integer := 20;
  me uuid := auth.uid();
  q tsquery;
  keys bigint[];
  any_of boolean;
  -- The current window is the keys (created_at, id) in [low, high); a null high has no upper bound, and a high
  -- without an id (p_to) excludes that instant.
  high_at timestamptz := p_to;
  high_id uuid;
  low_at timestamptz;
  low_id uuid;
  kind text;
  after_rank real;
  after_id uuid;
  ids uuid[];
  ats timestamptz[];
  ranks real[];
  edge_at timestamptz;
  edge_id uuid;
  last_window boolean := false;
  remaining integer := p_limit;
  returned integer;
  parts text[];
begin
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'limit must be between 1 and 100 (got %)', p_limit using errcode = '22023';
  end if;
  if p_query is null or char_length(p_query) > 1000 then
    raise exception 'a search can be at most 1000 characters' using errcode = '22001';
  end if;
  q := websearch_to_tsquery('english', p_query);
  if q is null or numnode(q) = 0 or me is null then
    return;
  end if;
  select k.keys, k.any_of into keys, any_of from private.search_query_keys(me, q) k;
  if p_cursor is not null then
    -- high~high_id~low~low_id~kind~rank~id, times as microseconds since the epoch.
    begin
      parts := string_to_array(p_cursor, '~');
      if cardinality(parts) <> 7 or parts[5] not in ('r', 'g') then
        raise exception 'bad cursor';
      end if;
      high_at := case when parts[1] <> '' then to_timestamp(0) + (parts[1]::bigint || ' microseconds')::interval end;
      high_id := nullif(parts[2], '')::uuid;
      low_at := to_timestamp(0) + (parts[3]::bigint || ' microseconds')::interval;
      low_id := parts[4]::uuid;
      kind := parts[5];
      after_rank := parts[6]::real;
      after_id := parts[7]::uuid;
    exception when others then
      raise exception 'invalid search cursor' using errcode = '22023';
    end;
  end if;

  for step in 1..50 loop
    if kind is null then
      -- A new window: the newest matches below `high`, read newest first.
      select coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
        into ids, ats, ranks
        from private.search_recent(me, q, high_at, high_id, null, null, p_from, p_agent, p_intent, scan_rows, window_size) r;
      kind := 'r';
      if cardinality(ids) < rare_below then
        select e.created_at, e.id into edge_at, edge_id
          from private.search_scan_edge(me, high_at, high_id, p_from, scan_rows - 1) e;
        last_window := not found;
        if found then
          -- Rare for this user: the matches older than the rows just read come from the (user, word) index (or,
          -- for a query it cannot narrow, from reading on by recency).
          kind := 'g';
          select ids || coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
                 ats || coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
                 ranks || coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
            into ids, ats, ranks
            from (select * from private.search_older(me, q, keys, any_of, edge_at, edge_id, null, null, p_from, p_agent,
                                                     p_intent, window_size - cardinality(ids))
                   where keys is not null
                  union all
                  select * from private.search_recent(me, q, edge_at, edge_id, null, null, p_from, p_agent, p_intent,
                                                      2147483647, window_size - cardinality(ids))
                   where keys is null) r;
          -- The index gave every older match there is unless the window filled up.
          last_window := cardinality(ids) < window_size;
        end if;
      end if;
      if cardinality(ids) = 0 then
        return;
      end if;
      low_at := ats[cardinality(ats)];
      low_id := ids[cardinality(ids)];
    else
      -- The window a cursor names, read again: by recency (twice the rows, for messages written since) or by index.
      select coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.rank), '{}')
        into ids, ranks
        from (select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  2 * scan_rows, window_size)
               where kind = 'r'
              union all
              select * from private.search_older(me, q, keys, any_of, high_at, high_id, low_at, low_id, null, p_agent,
                                                 p_intent, window_size)
               where kind = 'g' and keys is not null
              union all
              select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  2147483647, window_size)
               where kind = 'g' and keys is null) r;
      last_window := kind = 'g' and cardinality(ids) < window_size;
    end if;

    -- The window's best hits after the cursor; snippets only for the rows returned.
    return query
    select h.id, h.chat_id, c.title, h.sequence_number, h.role, h.agent_name, h.intent, h.created_at, w.rank,
           ts_headline('english', private.escape_html(h.content), q,
             'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
           concat_ws('~', coalesce((extract(epoch from high_at) * 1e6)::bigint::text, ''), coalesce(high_id::text, ''),
                     (extract(epoch from low_at) * 1e6)::bigint, low_id, kind, w.rank, h.id)
      from (select u.id, u.rank from unnest(ids, ranks) u(id, rank)
             where after_rank is null or (u.rank, u.id) < (after_rank, after_id)
             order by u.rank desc, u.id desc) w
      cross join lateral (select m.* from public.messages m where m.id = w.id) h
      join public.chats c on c.id = h.chat_id and c.deleted_at is null
     order by w.rank desc, w.id desc
     limit remaining;
    get diagnostics returned = row_count;
    remaining := remaining - returned;
    if remaining <= 0 or last_window then
      return;
    end if;
    -- On to the next window, below this one.
    high_at := low_at;
    high_id := low_id;
    kind := null;
    after_rank := null;
    after_id := null;
  end loop;
end;
$$;
