-- A word that a heavy user's newest tens of thousands of messages lack is still found in their older ones.
-- public.search_messages (last redefined in 20261202020000_search_cursors_read_an_index_window_only_when_it_is_small)
-- reads a window of the user's 1,000 newest rows below the last; where the word is rare in those rows but common in
-- the user's (user, word) index, the window is just those rows (a "sparse" window) and the next reads on below it.
-- A call reads at most 50 windows, so 50,000 rows: a user who wrote that many messages since the word was last
-- common got a short page, often an empty one, and the app shows a page shorter than asked for as the end of the
-- results. The older matches could not be reached at all.
--
-- Now each sparse window doubles the rows the call's next new windows read (1,000, 2,000, 4,000 ... up to 64,000),
-- so 50 windows reach back through any history: 191,000 rows in 8. A window that a cursor names is read again to its
-- end when it has an upper bound (every window but the first): it may be larger than the 2,000 rows a first window's
-- second read takes. Hits, order, snippets, filters and the cursor format are unchanged.

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
  -- The rows a new window reads by recency: scan_rows, doubled after each sparse window up to 64 times scan_rows.
  recent_rows integer := scan_rows;
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
  -- Whether the (user, word) index holds fewer of this user's entries for the query than a recency window reads
  -- (probed once, when a window first finds the query rare), and whether the window being read is one of recency
  -- rows that the index was too large to complete.
  index_small boolean;
  sparse boolean;
  -- Whether a window a cursor names as an index window may be read from the index (not when the index is large).
  index_window boolean := true;
  -- An index window read in one statement: its size, and the cursor prefix its hits share.
  hit record;
  window_rows bigint;
  window_cursor text;
  fetched integer;
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
  if kind = 'g' and keys is not null and not few then
    -- The cursor is the client's text: its window is read from the index only where this function would have made it.
    index_small := private.search_index_is_small(keys, any_of, scan_rows);
    index_window := index_small;
  end if;

  for step in 1..50 loop
    if keys is not null and index_window and (kind = 'g' or (kind is null and few)) then
      -- A window read from the (user, word) index (a user with few messages, or a window a cursor names) in one
      -- statement: the window's matches (its newest window_size below `high`, or those in [low, high)) ranked, with
      -- the window's size and bounds on every row, and the page's hits after the cursor, best first, joined to
      -- their chat after the LIMIT (so that only the page's rows are looked up). Snippets are made here, for the
      -- rows returned; a hit in a deleted chat is skipped, and should that leave the page short, the window is read
      -- on from the last hit seen. No arrays and no second read of the window's messages, as the recency path has.
      window_rows := null;
      returned := 0;
      fetched := 0;
      for hit in
        select w.id, w.rank, w.window_rows, w.newest_at, w.oldest_at, w.oldest_id, w.chat_id, c.title, c.id is not null as live,
               w.sequence_number, w.role, w.agent_name, w.intent, w.created_at, w.content
          from (select w.* from (select o.*,
                       count(*) over whole as window_rows,
                       first_value(o.created_at) over whole as newest_at,
                       last_value(o.created_at) over whole as oldest_at,
                       last_value(o.id) over whole as oldest_id
                  from (select m.id, m.created_at, pg_catalog.ts_rank_cd(m.content_search, q) as rank, m.chat_id,
                               m.sequence_number, m.role, m.agent_name, m.intent, m.content
                          from (select k.* from public.messages k
                                 where not any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.@>) keys
                                union all
                                select k.* from public.messages k
                                 where any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.&&) keys) m
                         where (m.user_id = me) is true
                           and m.content_search @@ q
                           and (m.created_at, m.id) < (coalesce(high_at, 'infinity'), coalesce(high_id, '00000000-0000-0000-0000-000000000000'))
                           and (m.created_at, m.id) >= (coalesce(low_at, '-infinity'), coalesce(low_id, '00000000-0000-0000-0000-000000000000'))
                           and m.created_at >= coalesce(p_from, '-infinity')
                           and (p_agent is null or m.agent_name = p_agent)
                           and (p_intent is null or m.intent = p_intent)
                         order by m.created_at desc, m.id desc
                         limit window_size) o
                window whole as (order by o.created_at desc, o.id desc rows between unbounded preceding and unbounded following)) w
                 where after_rank is null or (w.rank, w.id) < (after_rank, after_id)
                 order by w.rank desc, w.id desc
                 limit remaining) w
          left join public.chats c on c.id = w.chat_id and c.deleted_at is null
         order by w.rank desc, w.id desc
      loop
        if window_rows is null then
          window_rows := hit.window_rows;
          if kind is null then
            kind := 'g';
            -- Bound the window just above its newest match, so that reading it again for a later page (by the
            -- index, a window's worth) is not crowded out by matches written since.
            high_at := coalesce(high_at, hit.newest_at + interval '1 microsecond');
            low_at := hit.oldest_at;
            low_id := hit.oldest_id;
          end if;
          window_cursor := concat_ws('~', coalesce((extract(epoch from high_at) * 1e6)::bigint::text, ''),
                                     coalesce(high_id::text, ''), (extract(epoch from low_at) * 1e6)::bigint, low_id, kind);
        end if;
        fetched := fetched + 1;
        -- Where a second read of this window starts, should hits in deleted chats have taken up the page.
        after_rank := hit.rank;
        after_id := hit.id;
        continue when not hit.live;
        -- The escaping of private.escape_html, written out: a SQL function with `set` is called, not inlined,
        -- and that call per snippet was a twentieth of a typical search.
        return next row(hit.id, hit.chat_id, hit.title, hit.sequence_number, hit.role, hit.agent_name, hit.intent,
                        hit.created_at, hit.rank,
                        ts_headline('english',
                          replace(replace(replace(replace(replace(hit.content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
                          q, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
                        concat_ws('~', window_cursor, hit.rank, hit.id))::public.search_hit;
        returned := returned + 1;
      end loop;
      if window_rows is null then
        if kind is null then
          -- No match at all.
          return;
        end if;
        -- Nothing after the cursor in the window it names: whether that was the last window.
        select count(*) into window_rows
          from private.search_older(me, q, keys, any_of, high_at, high_id, low_at, low_id, p_from, p_agent, p_intent, window_size);
      end if;
      if remaining <= returned then
        return;
      end if;
      if fetched = remaining then
        -- The page held hits in deleted chats: the rest of this window first.
        remaining := remaining - returned;
        continue;
      end if;
      remaining := remaining - returned;
      if window_rows < window_size then
        return;
      end if;
      -- On to the next window, below this one (a new window has no lower bound).
      high_at := low_at;
      high_id := low_id;
      low_at := null;
      low_id := null;
      kind := null;
      after_rank := null;
      after_id := null;
      continue;
    end if;
    if kind is null then
      -- A new window: the newest matches below `high`, read newest first.
      select coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
        into ids, ats, ranks
        from private.search_recent(me, q, high_at, high_id, null, null, p_from, p_agent, p_intent, recent_rows, window_size) r;
      kind := 'r';
      sparse := false;
      if cardinality(ids) < rare_below then
        select e.created_at, e.id into edge_at, edge_id
          from private.search_scan_edge(me, high_at, high_id, p_from, recent_rows - 1) e;
        last_window := not found;
        if not last_window and keys is not null and index_small is null then
          index_small := private.search_index_is_small(keys, any_of, scan_rows);
        end if;
        if not last_window and keys is not null and not index_small then
          -- Rare among these rows but not for this user: reading every older match from the index would read all
          -- of them (a heavy user's common word, tens of thousands) to keep the newest few. The window is the rows
          -- just read instead, and the next one reads on by recency below them, twice as many, so that the
          -- windows a call may read reach back through any history.
          sparse := true;
          recent_rows := least(recent_rows * 2, 64 * scan_rows);
        elsif not last_window then
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
      if sparse then
        low_at := edge_at;
        low_id := edge_id;
      elsif cardinality(ids) = 0 then
        return;
      else
        low_at := ats[cardinality(ats)];
        low_id := ids[cardinality(ids)];
      end if;
    else
      -- The window a cursor names, read again: by recency (a first window, which has no upper bound, twice its rows
      -- for messages written since; any other to its end, as it may be a sparse window of many rows), or for a
      -- query the index cannot narrow or an index window of a large index, by recency to the window's end (an index
      -- window is read above).
      select coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.rank), '{}')
        into ids, ranks
        from (select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  case when high_at is null then 2 * scan_rows else 2147483647 end,
                                                  window_size)
               where kind = 'r'
              union all
              select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  2147483647, window_size)
               where kind = 'g' and (keys is null or not index_window)) r;
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
