-- An append no longer opens a subtransaction: public.append_message (first defined in 20261125041300_messages,
-- last redefined in 20261201102409_messages_written_only_through_functions) caught a unique_violation of the
-- idempotency key in a begin/exception block, which costs every append a subtransaction (its own xid, its own
-- WAL) although the app sends a key with every message. Instead it locks the chat row first (the numbering
-- trigger locks it anyway, so no new wait) and looks the key up under that lock: a concurrent retry with the same
-- key waits for the first to commit and then finds its row, so the race the exception handled cannot happen.
-- The unique constraint on (chat_id, idempotency_key) stays as the guard. Part of issue 13's append budget.
create or replace function public.append_message(
  p_chat_id uuid,
  p_content text,
  p_idempotency_key text default null,
  p_parent_id uuid default null,
  p_role public.message_role default 'user'
) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := auth.uid();
  saved public.messages;
begin
  if me is not null then
    if p_role <> 'user' then
      raise exception 'only the agents write replies' using errcode = '42501';
    end if;
    -- Only the caller's own chat is locked: a stranger's call finds no row and locks nothing.
    perform 1 from public.chats c where c.id = p_chat_id and c.user_id = me for update;
    if not found then
      raise exception 'you can only write to your own chats' using errcode = '42501';
    end if;
  else
    -- The agents' path; a missing chat is refused by the numbering trigger (23503).
    perform 1 from public.chats c where c.id = p_chat_id for update;
  end if;
  if p_content is null or btrim(p_content) = '' then
    raise exception 'a message needs some text' using errcode = '22023';
  end if;
  if char_length(p_content) > 100000 then
    raise exception 'a message can be at most 100000 characters (this one has %)', char_length(p_content) using errcode = '22001';
  end if;
  if p_idempotency_key is not null then
    -- Under the chat's lock: a retry that raced this call has committed by now and is seen here.
    select * into saved from public.messages where chat_id = p_chat_id and idempotency_key = p_idempotency_key;
    if found then
      if saved.content <> p_content or saved.role <> p_role then
        raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
      end if;
      return saved;
    end if;
  end if;
  -- After the idempotency lookup, so a retry of a saved message is never refused.
  if p_role = 'user' then
    perform private.take_rate_limit('message');
  end if;
  insert into public.messages (chat_id, role, content, parent_id, idempotency_key)
  values (p_chat_id, p_role, p_content, p_parent_id, p_idempotency_key)
  returning * into saved;
  return saved;
end;
$$;
