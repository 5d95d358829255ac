-- The numbering trigger's rules, in one definition:
-- * A multi-row insert into one chat made its rows siblings, not a chain: the after-insert trigger that advanced the
--   active leaf fires only at the end of the statement, so every row took the leaf from before the statement as its
--   parent. The trigger now moves the leaf itself, in the same update as the counter (one new version of the chat
--   row per message instead of two), and reads the previous leaf from the row it locks. Since the message does not
--   exist yet when the chat row changes, it tells open tabs itself when the new message does not continue the branch
--   they show (active_leaf_changed, see 20261128170246_active_branch_broadcast).
-- * edit_message (20261128170243_branch_edits) asks for a second root through ohm.insert_as_root.
-- * fork_chat (20261128182000_fork_copies_messages_in_one_statement) copies a snapshot in one statement with its own
--   numbers and parents through ohm.copying_into_chat.
-- Replaces private.before_message_insert, first defined in 20261125041300_messages, and
-- private.check_active_leaf, first defined in 20261125041700_chat_pages_and_branches.
create or replace function private.before_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chat record;
begin
  -- fork_chat's copy of a snapshot (it alone sets ohm.copying_into_chat, to the chat it has just created): numbers and
  -- parents come from the original, and the chat's counters are set once when the copy is done. Counting row by
  -- row would update the chat row once per message inside one transaction, which grows quadratically.
  if new.sequence_number > 0 and current_setting('ohm.copying_into_chat', true) = new.chat_id::text then
    -- Copies keep the time they were first written (so they never count as the forker's own recent messages).
    select c.user_id into new.user_id from public.chats c where c.id = new.chat_id;
    new.updated_at := now();
    return new;
  end if;
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

drop trigger if exists advance_active_leaf on public.messages;
drop function if exists private.after_message_insert();

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
