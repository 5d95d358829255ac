-- list_chats: one page of the caller's chat list (the sidebar, its "load more", the archive, MCP's list_chats), as a
-- function whose plan cannot depend on the table's statistics. Read as a plain query, the plan followed the planner's
-- guess at how many chats one user has (rows / n_distinct(user_id)): on a database with thousands of one-chat users
-- that guess falls under a page, and the generic plan became a bitmap scan and a sort, which sorts all of a heavy
-- user's 2,000 chats before returning 30. Pinning n_distinct only moved the flip to ~200 chats a user.
--
-- Here the only plan left is the walk of the list's partial index (20261128174049_chat_list_indexes) in its own
-- order, starting at the cursor: bitmap scans and sorts (full and incremental) are disabled for the function's
-- statements, so any plan other than an ordered index walk costs more than the walk whatever the statistics say,
-- and plan_cache_mode = force_generic_plan makes the first five calls of a connection plan as the rest do. (The
-- limit being a parameter already tilts the guess towards the walk, the planner then expecting to read a tenth of
-- the rows, as measured on such a database; the settings make it a rule rather than a guess.) The
-- cursor is a row comparison (last_message_at, id) < (at, id), which the btree takes as its start key; the first page
-- starts at (infinity, the greatest uuid), a key no chat has (last_message_at is only ever set by the database to a
-- message's time, and no random or client uuid is all ones).
--
-- The owner filter is the function's own, user_id = (select auth.uid()), beside RLS (security invoker: the policies
-- still apply). The archived list is a second static statement, so each has its partial index's predicate in its
-- own text: a generic plan cannot prove `archived_at is null` from a parameter.
create function public.list_chats(
  p_before_at timestamptz default null,
  p_before_id uuid default null,
  p_limit integer default 30,
  p_archived boolean default false
)
returns table (id uuid, title text, last_message_at timestamptz)
language plpgsql stable security invoker set search_path = ''
set plan_cache_mode = force_generic_plan
set enable_bitmapscan = off
set enable_sort = off
set enable_incremental_sort = off
as $$
declare
  bound_at timestamptz := coalesce(p_before_at, 'infinity');
  bound_id uuid := coalesce(p_before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff');
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'A chat-list page holds between 1 and 200 chats (asked for %).', p_limit using errcode = '22023';
  end if;
  if (p_before_at is null) <> (p_before_id is null) then
    raise exception 'A chat-list cursor needs both the time and the id of the last chat shown.' using errcode = '22023';
  end if;
  if p_archived then
    return query
    select c.id, c.title, c.last_message_at
      from public.chats c
     where c.user_id = (select auth.uid()) and c.deleted_at is null and c.archived_at is not null
       and (c.last_message_at, c.id) < (bound_at, bound_id)
     order by c.last_message_at desc, c.id desc
     limit p_limit;
  else
    return query
    select c.id, c.title, c.last_message_at
      from public.chats c
     where c.user_id = (select auth.uid()) and c.deleted_at is null and c.archived_at is null
       and (c.last_message_at, c.id) < (bound_at, bound_id)
     order by c.last_message_at desc, c.id desc
     limit p_limit;
  end if;
end $$;
comment on function public.list_chats(timestamptz, uuid, integer, boolean) is
  'One page of the caller''s chats (archived or not), newest activity first, after the cursor (at, id); its plan is the ordered walk of the list''s index whatever the statistics.';

revoke execute on function public.list_chats(timestamptz, uuid, integer, boolean) from public, anon;
grant execute on function public.list_chats(timestamptz, uuid, integer, boolean) to authenticated, service_role;
