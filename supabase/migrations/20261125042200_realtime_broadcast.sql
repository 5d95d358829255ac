-- Live tabs: every message insert and update is broadcast on the private topic chat:<chat_id>:messages, and only
-- the chat's owner may join that topic.
-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create function private.broadcast_message_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.broadcast_changes('chat:' || new.chat_id::text || ':messages', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
revoke execute on function private.broadcast_message_change() from public;
create trigger broadcast_message_change after insert or update on public.messages
  for each row execute function private.broadcast_message_change();

-- The chat id inside a topic, or null for any other topic (a case keeps the cast from running on other topics).
create function private.chat_id_of_topic(p_topic text) returns uuid
language sql immutable security invoker set search_path = '' as $$
  select case when p_topic ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:messages$'
              then split_part(p_topic, ':', 2)::uuid end
$$;
revoke execute on function private.chat_id_of_topic(text) from public;
grant execute on function private.chat_id_of_topic(text) to authenticated;

create policy "Chat owners can receive their chat's messages" on realtime.messages for select to authenticated
  using (
    extension = 'broadcast'
    and exists (
      select 1 from public.chats c
       where c.id = private.chat_id_of_topic((select realtime.topic()))
         and c.user_id = (select auth.uid())
    )
  );
