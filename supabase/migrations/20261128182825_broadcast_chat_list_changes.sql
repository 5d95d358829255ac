-- Every open tab's chat list follows the user's chats live: a chat created, renamed, archived, deleted or with new
-- activity anywhere (another tab, a reply finishing, a fork) is broadcast on the private topic user:<user_id>:chats,
-- which only that user may join.

-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create function private.broadcast_chat_list_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('id', new.id, 'title', new.title, 'last_message_at', new.last_message_at,
                       'archived', new.archived_at is not null, 'deleted', new.deleted_at is not null),
    'chat_changed', 'user:' || new.user_id::text || ':chats', true);
  return null;
end;
$$;
revoke execute on function private.broadcast_chat_list_change() from public;

create trigger broadcast_chat_list_insert after insert on public.chats
  for each row execute function private.broadcast_chat_list_change();
create trigger broadcast_chat_list_update after update of title, last_message_at, archived_at, deleted_at on public.chats
  for each row
  when (old.title is distinct from new.title or old.last_message_at is distinct from new.last_message_at
        or old.archived_at is distinct from new.archived_at or old.deleted_at is distinct from new.deleted_at)
  execute function private.broadcast_chat_list_change();

create policy "Users can receive changes to their own chat list" on realtime.messages for select to authenticated
  using (
    extension = 'broadcast'
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text || ':chats'
  );
