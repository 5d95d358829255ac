-- get_chat_page reads the active branch's tail (chats.active_tail, 20261201175714_chats_keep_the_active_tail) as one
-- backward range scan of (chat_id, sequence_number), skipping the gaps an edit or a regeneration leaves, and walks
-- parent_id only above the tail, from chats.active_tail_parent_id, for what the page still lacks. A page before a
-- message of the tail reads the tail below it the same way; before any other message it walks as it did.
--
-- Redefines public.get_chat_page (first defined in 20261125041700_chat_pages_and_branches, last in
-- 20261201110500_chat_page_reads_sibling_counts_from_the_row; its plan_cache_mode set in
-- 20261201152738_fixed_paths_plan_once_per_connection, repeated here).
create or replace function public.get_chat_page(p_chat_id uuid, p_before_sequence bigint default null, p_limit integer default 50)
returns setof public.chat_message
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan as $$
declare
  start_id uuid;
  tail int8multirange;
  tail_parent uuid;
  below bigint;
  read_rows integer := 0;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  select c.active_leaf_id, c.active_tail, c.active_tail_parent_id into start_id, tail, tail_parent
    from public.chats c where c.id = p_chat_id;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  if p_before_sequence is null then
    below := upper(tail);
  elsif p_before_sequence <@ tail then
    below := p_before_sequence;
  else
    -- The page before a message off the tail is its ancestors: start at the parent of the message with that number.
    tail := null;
    select m.parent_id into start_id from public.messages m where m.chat_id = p_chat_id and m.sequence_number = p_before_sequence;
    if not found then
      raise exception 'message % of chat % not found', p_before_sequence, p_chat_id using errcode = 'PT404';
    end if;
  end if;
  if tail is not null then
    -- Every message numbered in the tail is on the branch: the newest of them, by the (chat, number) index.
    return query
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index
      from public.messages m
     where m.chat_id = p_chat_id and m.sequence_number >= lower(tail) and m.sequence_number < below
       and m.sequence_number <@ tail
     order by m.sequence_number desc
     limit p_limit;
    get diagnostics read_rows = row_count;
    if read_rows >= p_limit then
      return;
    end if;
    start_id := tail_parent;
  end if;
  if start_id is null then
    return;
  end if;
  -- Above the tail (or without one), every step is one primary-key lookup.
  return query
  with recursive path as (
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index, 1 as depth
      from public.messages m where m.id = start_id
    union all
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index, path.depth + 1
      from public.messages m join path on m.id = path.parent_id
     where path.depth < p_limit - read_rows
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         p.sibling_count, p.sibling_index
    from path p
   order by p.sequence_number desc;
end;
$$;
