-- Opening a chat cost 2.2-3.2x a plain keyset page of the same messages: every row of a page counted its siblings
-- (two index lookups per message, for ‹ 2/3 ›), and the walk lived in private.branch_from, a SQL function with
-- `set search_path` that Postgres never inlines and so planned again on every call (0.6 ms of a 1.0 ms page).
-- Now the counts live on the row (sibling_count, sibling_index), kept by the numbering trigger: an append looks up
-- whether its parent already has replies (one index probe) and only an edit or a regeneration touches other rows.
-- get_chat_page walks the branch itself, in a statement PL/pgSQL plans once per connection.
--
-- Redefines private.before_message_insert (first defined in 20261125041300_messages, last in
-- 20261128170242_numbering_trigger_moves_the_active_leaf), private.branch_from (first defined in
-- 20261125041700_chat_pages_and_branches, last in 20261125042858_sibling_counts_by_index) and
-- public.get_chat_page (20261125041700_chat_pages_and_branches).

set work_mem = '256MB';

-- A constant default: no table rewrite. Only messages with siblings need another value.
alter table public.messages
  add column sibling_count integer not null default 1 check (sibling_count >= 1),
  add column sibling_index integer not null default 1 check (sibling_index between 1 and sibling_count);

update public.messages m set sibling_count = s.n, sibling_index = s.i
  from (
    select x.id, count(*) over w as n, row_number() over (w order by x.sequence_number) as i
      from public.messages x
      join (select chat_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000') as parent
              from public.messages group by 1, 2 having count(*) > 1) b
        on b.chat_id = x.chat_id and b.parent = coalesce(x.parent_id, '00000000-0000-0000-0000-000000000000')
    window w as (partition by x.chat_id, x.parent_id)
  ) s
 where m.id = s.id;

create or replace function private.before_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chat record;
  siblings integer;
begin
  -- fork_chat's copy of a snapshot (it alone sets ohm.copying_into_chat, to the chat it has just created): numbers and
  -- parents come from the original, and the chat's counters are set once when the copy is done. Counting row by
  -- row would update the chat row once per message inside one transaction, which grows quadratically.
  if new.sequence_number > 0 and current_setting('ohm.copying_into_chat', true) = new.chat_id::text then
    -- Copies keep the time they were first written (so they never count as the forker's own recent messages).
    select c.user_id into new.user_id from public.chats c where c.id = new.chat_id;
    new.updated_at := now();
    return new;
  end if;
  update public.chats c
     set last_sequence_number = c.last_sequence_number + 1,
         message_count = c.message_count + 1,
         last_message_at = now(),
         active_leaf_id = new.id,
         title = case
           when c.message_count = 0 and c.title = 'New chat' and new.role = 'user' and btrim(new.content) <> ''
             then left(regexp_replace(btrim(new.content), '\s+', ' ', 'g'), 80)
           else c.title end
    from (select p.id, p.active_leaf_id from public.chats p where p.id = new.chat_id for update) previous
   where c.id = previous.id
  returning c.user_id, c.last_sequence_number, previous.active_leaf_id into chat;
  if not found then
    raise exception 'chat % does not exist', new.chat_id using errcode = '23503';
  end if;
  if auth.uid() is not null and chat.user_id <> auth.uid() then
    raise exception 'you can only write to your own chats' using errcode = '42501';
  end if;
  new.user_id := chat.user_id;
  new.sequence_number := chat.last_sequence_number;
  if new.parent_id is null then
    if coalesce(current_setting('ohm.insert_as_root', true), '') <> 'on' then
      new.parent_id := chat.active_leaf_id;
    end if;
  elsif not exists (select 1 from public.messages m where m.id = new.parent_id and m.chat_id = new.chat_id) then
    raise exception 'the parent message belongs to another chat' using errcode = '23503';
  end if;
  -- The new message's place among its siblings (its parent's replies, or the chat's first messages), kept on the row
  -- so a page reads ‹ 2/3 › without counting; a second sibling (an edit, a regeneration) updates the others' count.
  if new.parent_id is null then
    select count(*)::integer into siblings from public.messages m where m.chat_id = new.chat_id and m.parent_id is null;
  else
    select count(*)::integer into siblings from public.messages m where m.parent_id = new.parent_id;
  end if;
  new.sibling_index := siblings + 1;
  new.sibling_count := siblings + 1;
  if siblings > 0 then
    if new.parent_id is null then
      update public.messages m set sibling_count = siblings + 1 where m.chat_id = new.chat_id and m.parent_id is null;
    else
      update public.messages m set sibling_count = siblings + 1 where m.parent_id = new.parent_id;
    end if;
  end if;
  if new.parent_id is distinct from chat.active_leaf_id then
    perform realtime.send(jsonb_build_object('chat_id', new.chat_id, 'active_leaf_id', new.id),
                          'active_leaf_changed', 'chat:' || new.chat_id::text || ':messages', true);
  end if;
  new.created_at := now();
  new.updated_at := now();
  return new;
end;
$$;

create or replace function private.branch_from(p_start uuid, p_depth integer) returns setof public.chat_message
language sql stable security invoker set search_path = '' as $$
  with recursive path as (
    select m.*, 1 as depth from public.messages m where m.id = p_start
    union all
    select m.*, path.depth + 1 from public.messages m join path on m.id = path.parent_id where path.depth < p_depth
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         p.sibling_count, p.sibling_index
    from path p
   order by p.sequence_number desc
$$;

create or replace function public.get_chat_page(p_chat_id uuid, p_before_sequence bigint default null, p_limit integer default 50)
returns setof public.chat_message
language plpgsql stable security invoker set search_path = '' as $$
declare
  start_id uuid;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  if p_before_sequence is null then
    select c.active_leaf_id into start_id from public.chats c where c.id = p_chat_id;
    if not found then
      raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
    end if;
  else
    -- The page before a message is its ancestors: start at the parent of the message with that number.
    select m.parent_id into start_id from public.messages m where m.chat_id = p_chat_id and m.sequence_number = p_before_sequence;
    if not found then
      raise exception 'message % of chat % not found', p_before_sequence, p_chat_id using errcode = 'PT404';
    end if;
  end if;
  if start_id is null then
    return;
  end if;
  -- Every step is one primary-key lookup; the plan is the same for every chat and every user.
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
     where path.depth < p_limit
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         p.sibling_count, p.sibling_index
    from path p
   order by p.sequence_number desc;
end;
$$;
