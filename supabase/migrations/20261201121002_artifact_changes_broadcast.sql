-- Live artifacts: a new version, a restore or a stale mark is broadcast on the chat's private topic
-- chat:<chat_id>:artifacts, through realtime.send like the messages' broadcasts, and only the chat's owner may join
-- it. The payload is the artifact's head (id, type, title, current_version, stale); a tab that missed some asks
-- for the versions after the last number it saw (numbers have no gaps), so a reconnect catches up.
-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create function private.broadcast_artifact_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.current_version = old.current_version and new.metadata = old.metadata
     and new.is_visible = old.is_visible and new.title = old.title then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'chat_id', new.chat_id, 'type', new.type, 'title', new.title,
                       'current_version', new.current_version, 'is_visible', new.is_visible,
                       'stale', new.metadata -> 'stale'),
    'artifact_changed', 'chat:' || new.chat_id::text || ':artifacts', true);
  return null;
end;
$$;
revoke execute on function private.broadcast_artifact_change() from public;
create trigger broadcast_artifact_change after insert or update on public.artifacts
  for each row execute function private.broadcast_artifact_change();

-- The chat id inside an artifacts topic, or null for any other topic (the case keeps the cast off other topics).
create function private.chat_id_of_artifact_topic(p_topic text) returns uuid
language sql immutable security invoker set search_path = '' as $$
  select case when p_topic ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:artifacts$'
              then split_part(p_topic, ':', 2)::uuid end
$$;
revoke execute on function private.chat_id_of_artifact_topic(text) from public;
grant execute on function private.chat_id_of_artifact_topic(text) to authenticated;

create policy "Chat owners can receive their chat's artifact changes" on realtime.messages for select to authenticated
  using (
    extension = 'broadcast'
    and exists (
      select 1 from public.chats c
       where c.id = private.chat_id_of_artifact_topic((select realtime.topic()))
         and c.user_id = (select auth.uid())
    )
  );
