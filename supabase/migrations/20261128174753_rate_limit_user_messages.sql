-- Sending is rate-limited per user in the database, so every tab, server instance and retry counts against one
-- budget: at most private.user_messages_per_minute() user messages a minute through append_message (which the app,
-- edits included, uses). Far above what a person types; it stops scripts and runaway loops. The agents' replies
-- (service role, assistant messages) are not limited here. A refusal is PT429, which PostgREST answers with 429.
-- Replaces public.append_message, first defined in 20261125041300_messages.

create function private.user_messages_per_minute() returns integer
language sql immutable security invoker set search_path = '' as $$
  select 60
$$;
revoke execute on function private.user_messages_per_minute() from public;
grant execute on function private.user_messages_per_minute() to authenticated, service_role;

create or replace function public.append_message(
  p_chat_id uuid,
  p_content text,
  p_idempotency_key text default null,
  p_parent_id uuid default null,
  p_role public.message_role default 'user'
) returns public.messages
language plpgsql security invoker set search_path = '' as $$
declare
  saved public.messages;
begin
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
  if p_role = 'user' and (select auth.uid()) is not null and (
    select count(*) from public.messages m
     where m.user_id = (select auth.uid()) and m.role = 'user' and m.created_at > now() - interval '1 minute'
  ) >= private.user_messages_per_minute() then
    raise exception 'you are sending messages too fast: at most % a minute', private.user_messages_per_minute()
      using errcode = 'PT429', hint = 'Wait a moment and try again.';
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
