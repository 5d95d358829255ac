-- A multi-row insert into one chat made its rows siblings, not a chain: the after-insert trigger that advanced the
-- active leaf fires only at the end of the statement, so every row took the leaf from before the statement as its
-- parent. The numbering trigger now moves the leaf itself, in the same update as the counter (one new version of the
-- chat row per message instead of two), and reads the previous leaf from the row it locks. It keeps edit_message's
-- second roots (ohm.insert_as_root) and, since the message does not exist yet when the chat row changes, tells open
-- tabs itself when the new message does not continue the branch they show (active_leaf_changed).
create or replace function private.before_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chat record;
begin
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
  if new.parent_id is distinct from chat.active_leaf_id then
    perform realtime.send(jsonb_build_object('chat_id', new.chat_id, 'active_leaf_id', new.id),
                          'active_leaf_changed', 'chat:' || new.chat_id::text || ':messages', true);
  end if;
  new.created_at := now();
  new.updated_at := now();
  return new;
end;
$$;

drop trigger advance_active_leaf on public.messages;
drop function private.after_message_insert();

-- The leaf check guards updates by users and by switch_branch; the numbering trigger above sets the leaf to the row
-- it is inserting, which does not exist yet when the check would run (a nested trigger, depth > 1).
create or replace function private.check_active_leaf() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.active_leaf_id is distinct from old.active_leaf_id and new.active_leaf_id is not null
     and not exists (select 1 from public.messages m where m.id = new.active_leaf_id and m.chat_id = new.id) then
    raise exception 'the active message must belong to this chat' using errcode = '23503';
  end if;
  return new;
end;
$$;

-- Leaf moves made by the numbering trigger announce themselves (above); this one covers switch_branch and users.
create or replace function private.broadcast_active_leaf_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if pg_trigger_depth() > 1 then
    return null;
  end if;
  if new.active_leaf_id is not null and not exists (
    select 1 from public.messages m where m.id = new.active_leaf_id and m.parent_id is not distinct from old.active_leaf_id
  ) then
    perform realtime.send(
      jsonb_build_object('chat_id', new.id, 'active_leaf_id', new.active_leaf_id),
      'active_leaf_changed', 'chat:' || new.id::text || ':messages', true);
  end if;
  return null;
end;
$$;
