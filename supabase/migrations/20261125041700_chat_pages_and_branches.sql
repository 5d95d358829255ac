-- Reading a chat: the active branch newest-first by keyset (each page walks at most `limit` parent links, so a
-- 100k-message chat costs what a 10-message one does), sibling counts for ‹ 2/3 ›, and switching branches.
create type public.chat_message as (
  id uuid,
  chat_id uuid,
  parent_id uuid,
  sequence_number bigint,
  role public.message_role,
  content text,
  agent_name text,
  agent_model text,
  agent_icon text,
  intent public.message_intent,
  input_tokens integer,
  output_tokens integer,
  created_artifact_ids uuid[],
  status public.message_status,
  created_at timestamptz,
  updated_at timestamptz,
  sibling_count integer,
  sibling_index integer
);
grant usage on type public.chat_message to anon, authenticated, service_role;

-- The walk shared by a user's chat page and a share's snapshot: from `start` up the parent links, `depth` steps.
create function private.branch_from(p_start uuid, p_depth integer) returns setof public.chat_message
language sql stable security invoker set search_path = '' as $$
  with recursive path as (
    select m.*, 1 as depth from public.messages m where m.id = p_start
    union all
    select m.*, path.depth + 1 from public.messages m join path on m.id = path.parent_id where path.depth < p_depth
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         s.sibling_count, s.sibling_index
    from path p
    cross join lateral (
      select count(*)::integer as sibling_count,
             (count(*) filter (where sib.sequence_number <= p.sequence_number))::integer as sibling_index
        from public.messages sib
       where sib.chat_id = p.chat_id and sib.parent_id is not distinct from p.parent_id
    ) s
   order by p.sequence_number desc
$$;
revoke execute on function private.branch_from(uuid, integer) from public;
grant execute on function private.branch_from(uuid, integer) to authenticated, service_role;

create function public.get_chat_page(p_chat_id uuid, p_before_sequence bigint default null, p_limit integer default 50)
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
  return query select * from private.branch_from(start_id, p_limit);
end;
$$;

-- Messages after a sequence number, any branch: what a tab that missed realtime events fetches to catch up.
create function public.get_messages_after(p_chat_id uuid, p_after_sequence bigint, p_limit integer default 100)
returns setof public.messages
language sql stable security invoker set search_path = '' as $$
  select * from public.messages m
   where m.chat_id = p_chat_id and m.sequence_number > coalesce(p_after_sequence, 0)
   order by m.sequence_number
   limit least(greatest(coalesce(p_limit, 100), 1), 500)
$$;

-- Chooses the branch through a message: the active leaf becomes the newest descendant along the newest children.
create function public.switch_branch(p_chat_id uuid, p_message_id uuid) returns uuid
language plpgsql security invoker set search_path = '' as $$
declare
  leaf uuid;
begin
  if not exists (select 1 from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id) then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  with recursive down as (
    select p_message_id as id, 0 as depth
    union all
    select child.id, down.depth + 1
      from down
      cross join lateral (
        select m.id from public.messages m where m.chat_id = p_chat_id and m.parent_id = down.id
         order by m.sequence_number desc limit 1
      ) child
  )
  select id into leaf from down order by depth desc limit 1;
  update public.chats set active_leaf_id = leaf where id = p_chat_id;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  return leaf;
end;
$$;

-- The active leaf may only point at a message of the same chat.
create function private.check_active_leaf() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if new.active_leaf_id is distinct from old.active_leaf_id and new.active_leaf_id is not null
     and not exists (select 1 from public.messages m where m.id = new.active_leaf_id and m.chat_id = new.id) then
    raise exception 'the active message must belong to this chat' using errcode = '23503';
  end if;
  return new;
end;
$$;
create trigger check_active_leaf before update of active_leaf_id on public.chats for each row execute function private.check_active_leaf();
grant execute on function private.check_active_leaf() to authenticated, service_role;

revoke execute on function public.get_chat_page(uuid, bigint, integer) from public, anon;
revoke execute on function public.get_messages_after(uuid, bigint, integer) from public, anon;
revoke execute on function public.switch_branch(uuid, uuid) from public, anon;
grant execute on function public.get_chat_page(uuid, bigint, integer) to authenticated, service_role;
grant execute on function public.get_messages_after(uuid, bigint, integer) to authenticated, service_role;
grant execute on function public.switch_branch(uuid, uuid) to authenticated, service_role;
