-- Search for a user with few messages costs what ranking every hit costs. public.search_messages (first defined in
-- 20261125042100_search, last redefined in 20261201110502_search_ranks_recent_candidates) read every new window by
-- recency first: for the bench's typical user (225 messages) that is all 225 rows, 231 buffers, to find 31 matches,
-- 2.7-4.1x the plan that reads the (user, word) index and ranks every hit (39 buffers) in `npm run bench -- scale`.
--
-- Now a user whose live chats hold fewer messages than a recency window reads (1,000, counted from the chats' own
-- message_count, stopping as soon as it gets there) has each window read from the (user, word) index: its posting
-- lists hold only this user's matches, so a window reads the matches and nothing else and ranks them all, as
-- before (a window holds at most 200; more page on to the next). Everyone else goes on as before: recent candidates
-- by recency, the index for what is rare among them. The cursor format is unchanged; a window read from the index
-- without an upper bound gets one just above its newest match, so that reading it again for a later page is not
-- crowded out by matches written since.
--
-- The helpers become PL/pgSQL with the same statements (private.search_query_keys, search_recent, search_scan_edge
-- and search_older, all first defined in 20261201110502_search_ranks_recent_candidates): a SQL function with `set`
-- clauses is never inlined and plans its statement again on every call (0.3 ms of a 0.4 ms recency read), while
-- PL/pgSQL keeps the plan for the connection. force_generic_plan makes that plan the same from the first call on,
-- instead of five custom plans and then perhaps another one: these statements are written so that their generic
-- plan is the intended one (the index order, or the (user, word) index), which tests/db/scale-plans checks.

create or replace function private.search_query_keys(p_user uuid, p_query tsquery, out keys bigint[], out any_of boolean)
language plpgsql immutable security invoker set search_path = '' set plan_cache_mode = force_generic_plan as $$
#variable_conflict use_column
begin
  select case when t.text like '%!%' and t.text like '%|%' then null
              else (select pg_catalog.array_agg(distinct pg_catalog.hashtextextended(p_user::text || replace(w[1], '''''', ''''), 0))
                      from pg_catalog.regexp_matches(
                             pg_catalog.regexp_replace(t.text, '!\s*(''(?:[^'']|'''')*''|\([^)]*\))', '', 'g'),
                             '''((?:[^'']|'''')*)''', 'g') w) end,
         t.text like '%|%'
    into keys, any_of
    from (select p_query::text as text) t;
end;
$$;

create or replace function private.search_recent(
  p_user uuid, p_query tsquery, p_high_at timestamptz, p_high_id uuid, p_low_at timestamptz, p_low_id uuid,
  p_from timestamptz, p_agent text, p_intent public.message_intent, p_scan_rows integer, p_limit integer
) returns table (id uuid, created_at timestamptz, rank real)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
  set enable_bitmapscan = off set enable_sort = off set max_parallel_workers_per_gather = 0 as $$
#variable_conflict use_column
begin
  return query
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
   limit p_limit;
end;
$$;

create or replace function private.search_scan_edge(p_user uuid, p_high_at timestamptz, p_high_id uuid, p_from timestamptz, p_offset integer)
returns table (created_at timestamptz, id uuid)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
  set enable_bitmapscan = off set enable_sort = off set max_parallel_workers_per_gather = 0 as $$
#variable_conflict use_column
begin
  return query
  select m.created_at, m.id
    from public.messages m
   where m.user_id = p_user
     and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
     and m.created_at >= coalesce(p_from, '-infinity')
   order by m.created_at desc, m.id desc
  offset p_offset limit 1;
end;
$$;

create or replace function private.search_older(
  p_user uuid, p_query tsquery, p_keys bigint[], p_any_of boolean, p_high_at timestamptz, p_high_id uuid,
  p_low_at timestamptz, p_low_id uuid, p_from timestamptz, p_agent text, p_intent public.message_intent, p_limit integer
) returns table (id uuid, created_at timestamptz, rank real)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan set max_parallel_workers_per_gather = 0 as $$
#variable_conflict use_column
begin
  return query
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
   limit p_limit;
end;
$$;

-- Whether the user's live chats hold fewer than p_rows messages, from the chats' own counters: read newest chat
-- first and stopping once the count reaches p_rows (a light user's few chats, a heavy user's newest handful). Only
-- a choice of plan rests on it, never what a search finds. Bitmap scans and sorts are off so that the loop streams
-- from chats_user_id_last_message_at_idx for every user instead of collecting a heavy user's 2,000 chats first.
create function private.search_user_has_few_messages(p_user uuid, p_rows integer) returns boolean
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
  set enable_bitmapscan = off set enable_sort = off as $$
declare
  counted bigint := 0;
  chat_messages integer;
begin
  for chat_messages in
    select c.message_count from public.chats c
     where c.user_id = p_user and c.deleted_at is null
     order by c.last_message_at desc, c.id desc
  loop
    counted := counted + chat_messages;
    if counted >= p_rows then
      return false;
    end if;
  end loop;
  return true;
end;
$$;
revoke execute on function private.search_user_has_few_messages(uuid, integer) from public;
grant execute on function private.search_user_has_few_messages(uuid, integer) to authenticated, service_role;

-- security definer, as before: every scan filters by auth.uid() itself, and without row security the policy's
-- `user_id = (select auth.uid())`, whose value the planner cannot see, cannot steer the plans. Its own statements
-- (the window's arrays, the page of hits) keep one generic plan too.
create or replace function public.search_messages(
  p_query text,
  p_limit integer default 20,
  p_cursor text default null,
  p_agent text default null,
  p_intent public.message_intent default null,
  p_from timestamptz default null,
  p_to timestamptz default null
) returns setof public.search_hit
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan as $$
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
  -- Whether the user's chats hold fewer messages than a recency window reads (counted once).
  few boolean;
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
  few := private.search_user_has_few_messages(me, scan_rows);
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
    if kind is null and few and keys is not null then
      -- A new window for a user with few messages: their newest matches below `high`, from the (user, word) index,
      -- which reads the matches and nothing else (reading all of a light user's messages by recency cost 3-4x that).
      kind := 'g';
      select coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
        into ids, ats, ranks
        from private.search_older(me, q, keys, any_of, high_at, high_id, null, null, p_from, p_agent, p_intent,
                                  window_size) r;
      last_window := cardinality(ids) < window_size;
      if cardinality(ids) = 0 then
        return;
      end if;
      if high_at is null then
        -- Bound the window just above its newest match, so that reading it again for a later page (by the index,
        -- a window's worth) is not crowded out by matches written since.
        high_at := ats[1] + interval '1 microsecond';
      end if;
      low_at := ats[cardinality(ats)];
      low_id := ids[cardinality(ids)];
    elsif kind is null then
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
