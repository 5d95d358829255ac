-- Users write messages only through the functions that enforce the rules (length, idempotency, the rate limit):
-- the direct insert grant and its policy go, so 100 inserts through /rest/v1 are 100 refusals (42501), not 100
-- messages past the limit. append_message (first defined in 20261125041300_messages, redefined in
-- 20261128174753_rate_limit_user_messages) becomes the one way in: security definer, checking ownership itself,
-- and taking the limit from private.take_rate_limit (20261201102404), which holds under concurrency.
-- edit_message calls it, so edits count too. The agents' path (service role) keeps its own grants.

drop policy "Users can add their own messages to their chats" on public.messages;
revoke insert, update, delete on public.messages from authenticated, anon;

-- security definer: users have no insert grant on messages; this checks what the policy did (a signed-in caller
-- writes user messages to their own chats only) before anything else, so neither the idempotency lookup nor the
-- insert touches another user's chat.
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
    if not exists (select 1 from public.chats c where c.id = p_chat_id and c.user_id = me) then
      raise exception 'you can only write to your own chats' using errcode = '42501';
    end if;
  end if;
  if p_content is null or btrim(p_content) = '' then
    raise exception 'a message needs some text' using errcode = '22023';
  end if;
  if char_length(p_content) > 100000 then
    raise exception 'a message can be at most 100000 characters (this one has %)', char_length(p_content) using errcode = '22001';
  end if;
  if p_idempotency_key is not null then
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
  begin
    insert into public.messages (chat_id, role, content, parent_id, idempotency_key)
    values (p_chat_id, p_role, p_content, p_parent_id, p_idempotency_key)
    returning * into saved;
  exception when unique_violation then
    -- A concurrent retry with the same key won the race: answer with its row.
    select * into saved from public.messages where chat_id = p_chat_id and idempotency_key = p_idempotency_key;
    if saved.content <> p_content then
      raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
    end if;
  end;
  return saved;
end;
$$;

-- Superseded by private.rate_limit_rules ('message').
drop function private.user_messages_per_minute();
