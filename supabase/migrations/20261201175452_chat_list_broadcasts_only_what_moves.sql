-- The chat list is told about an append only when the list would change: a message in the chat that is already at
-- the top of its owner's list, within the same quarter hour, no longer broadcasts chat_changed on
-- user:<id>:chats. Every append moved last_message_at and so sent one (a realtime.messages row and its subtransaction,
-- 68 µs of an append's 790 µs in the database at 1 M messages, issue 13), although a reply to the chat in front moves
-- nothing in the list: the other tabs already show it first. The quarter hour keeps its day group true: every time
-- zone's midnight falls on a UTC quarter hour, so two instants in one UTC quarter hour are in one day everywhere,
-- and the list groups chats by day (Today, Yesterday, …). Creations, renames, archiving, deleting and a chat coming
-- to the top broadcast as before; clients still read the first page again on every re-subscription.
-- Redefines private.broadcast_chat_list_change (first defined in 20261128182825_broadcast_chat_list_changes).

-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create or replace function private.broadcast_chat_list_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE'
     and new.title is not distinct from old.title and new.archived_at is not distinct from old.archived_at
     and new.deleted_at is not distinct from old.deleted_at and new.deleted_at is null
     and date_bin('15 minutes', new.last_message_at, timestamptz '2000-01-01 00:00+00')
         = date_bin('15 minutes', old.last_message_at, timestamptz '2000-01-01 00:00+00')
     and not exists (
       select 1 from public.chats o
        where o.user_id = new.user_id and o.deleted_at is null
          and (o.last_message_at, o.id) > (old.last_message_at, old.id) and o.id <> new.id) then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'title', new.title, 'last_message_at', new.last_message_at,
                       'archived', new.archived_at is not null, 'deleted', new.deleted_at is not null),
    'chat_changed', 'user:' || new.user_id::text || ':chats', true);
  return null;
end;
$$;
