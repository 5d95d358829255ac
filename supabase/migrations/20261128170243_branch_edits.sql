-- Editing a message: the new text is a sibling of the original (same parent, a new branch), never an overwrite.
-- An insert without a parent still continues the active branch (the seed document's plain inserts rely on it), so
-- an edit of a chat's first message asks for a second root through a transaction-local setting that only
-- edit_message sets (ohm.insert_as_root, honoured by the numbering trigger: 20261128170242).

-- Appends `p_content` as a sibling of the user message `p_message_id`; the new message becomes the active leaf.
-- Idempotent like append_message: a retry with the same key answers the row already saved.
create function public.edit_message(p_chat_id uuid, p_message_id uuid, p_content text, p_idempotency_key text default null)
returns public.messages
language plpgsql security invoker set search_path = '' as $$
declare
  original public.messages;
  saved public.messages;
begin
  select * into original from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
  if not found then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  if original.role <> 'user' then
    raise exception 'only your own messages can be edited; regenerate a reply instead' using errcode = '22023';
  end if;
  if original.parent_id is null then
    perform set_config('ohm.insert_as_root', 'on', true);
  end if;
  saved := public.append_message(p_chat_id, p_content, p_idempotency_key, original.parent_id, 'user');
  perform set_config('ohm.insert_as_root', 'off', true);
  if saved.parent_id is distinct from original.parent_id then
    raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
  end if;
  return saved;
end;
$$;
revoke execute on function public.edit_message(uuid, uuid, text, text) from public, anon;
grant execute on function public.edit_message(uuid, uuid, text, text) to authenticated, service_role;

-- ‹ 2/3 ›: shows the branch through the sibling `p_step` places after (or before, when negative) a message, in
-- the order get_chat_page numbers siblings (by sequence number), and returns the new active leaf.
create function public.switch_to_sibling(p_chat_id uuid, p_message_id uuid, p_step integer) returns uuid
language plpgsql security invoker set search_path = '' as $$
declare
  original public.messages;
  target uuid;
begin
  if p_step is null or p_step = 0 then
    raise exception 'step must be a non-zero number of branches' using errcode = '22023';
  end if;
  select * into original from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
  if not found then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  -- Two queries, not `is not distinct from`, so each reads its index (replies by parent, roots by chat).
  if original.parent_id is null then
    select s.id into target from public.messages s
     where s.chat_id = p_chat_id and s.parent_id is null
       and case when p_step > 0 then s.sequence_number > original.sequence_number else s.sequence_number < original.sequence_number end
     order by case when p_step > 0 then s.sequence_number else -s.sequence_number end
     offset abs(p_step) - 1 limit 1;
  else
    select s.id into target from public.messages s
     where s.parent_id = original.parent_id
       and case when p_step > 0 then s.sequence_number > original.sequence_number else s.sequence_number < original.sequence_number end
     order by case when p_step > 0 then s.sequence_number else -s.sequence_number end
     offset abs(p_step) - 1 limit 1;
  end if;
  if target is null then
    raise exception 'there is no branch % steps from message %', p_step, p_message_id using errcode = 'PT404';
  end if;
  return public.switch_branch(p_chat_id, target);
end;
$$;
revoke execute on function public.switch_to_sibling(uuid, uuid, integer) from public, anon;
grant execute on function public.switch_to_sibling(uuid, uuid, integer) to authenticated, service_role;
