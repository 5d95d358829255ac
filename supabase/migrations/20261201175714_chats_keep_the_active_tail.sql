-- Where the active branch lies in sequence order, kept on the chat, so the newest page of a chat is a range read of
-- (chat_id, sequence_number) instead of a walk of ~50 primary-key lookups up parent_id (1.3-1.8x a plain keyset
-- page at 1k-20k messages in `npm run bench -- scale`).
--
-- chats.active_tail holds the sequence numbers of the active branch's newest messages as ranges: every message of
-- the chat whose number is in it is on the active branch, every branch message numbered from its lower bound on is
-- in it, and its last range ends at the active leaf. An edit or a regeneration leaves the abandoned reply (or
-- subtree) as a gap, one more range. chats.active_tail_parent_id is the parent of its oldest message, where a page
-- that needs more walks on (null: the tail reaches the chat's first message). A null tail means "unknown": pages walk.
-- * The numbering trigger keeps both in the transaction of the insert: a reply to a message inside the tail (a
--   plain append, an edit, a regeneration) cuts the tail at its parent and adds the new number; a reply anywhere
--   else starts a new tail. At most 8 ranges are kept (the oldest are dropped), so the chat row stays small.
-- * Any other move of the active leaf (switch_branch, switch_to_sibling, a user's update, a fork's copy) places the
--   tail again in a before-update trigger, by walking up at most 100 messages from the new leaf.
-- * Messages never change chat, number or parent (private.before_message_update), and numbers only grow, so a
--   range once known stays true; the cold archive deletes and restores a chat's rows unchanged.
-- Backfill: one statement over chats (not messages), triggers off; 60,647 chats in 10.9 s at 1M messages.
--
-- Redefines private.before_message_insert (first defined in 20261125041300_messages, last in
-- 20261201110500_chat_page_reads_sibling_counts_from_the_row); public.get_chat_page reads the tail in the next
-- migration.

alter table public.chats
  add column active_tail int8multirange,
  add column active_tail_parent_id uuid;
comment on column public.chats.active_tail is
  'Sequence numbers of the active branch''s newest messages (every message numbered in these ranges is on it); kept by triggers, null when unknown.';
comment on column public.chats.active_tail_parent_id is
  'The parent of the oldest message in active_tail: where a page that needs more messages walks on.';

-- The tail of the branch ending at p_leaf: its newest 100 messages at most, as at most 8 runs of consecutive numbers.
-- Along a walk up, a number falls by at least one a step; sequence_number + depth stays the same exactly within a
-- run of consecutive numbers, so it names the run.
create function private.active_tail_of(p_leaf uuid, out tail int8multirange, out tail_parent_id uuid)
language plpgsql stable security invoker set search_path = '' as $$
begin
  with recursive path as (
    select m.id, m.parent_id, m.sequence_number, 1 as depth from public.messages m where m.id = p_leaf
    union all
    select m.id, m.parent_id, m.sequence_number, path.depth + 1
      from public.messages m join path on m.id = path.parent_id
     where path.depth < 100
  ), runs as (
    select min(p.sequence_number) as lo, max(p.sequence_number) as hi
      from path p group by p.sequence_number + p.depth order by 2 desc limit 8
  )
  select range_agg(int8range(r.lo, r.hi, '[]')),
         (select p.parent_id from path p where p.sequence_number = (select min(r2.lo) from runs r2))
    into tail, tail_parent_id
    from runs r;
end;
$$;
revoke execute on function private.active_tail_of(uuid) from public;
grant execute on function private.active_tail_of(uuid) to authenticated, service_role;

-- The leaf moved by anything but the numbering trigger (which places the tail in the same update, and so changes
-- it): place the tail again. Runs after check_active_leaf (triggers fire by name), so the leaf is the chat's.
create function private.place_active_tail() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if new.active_tail is distinct from old.active_tail or new.active_tail_parent_id is distinct from old.active_tail_parent_id then
    return new;
  end if;
  new.active_tail := null;
  new.active_tail_parent_id := null;
  if new.active_leaf_id is not null then
    select t.tail, t.tail_parent_id into new.active_tail, new.active_tail_parent_id from private.active_tail_of(new.active_leaf_id) t;
  end if;
  return new;
end;
$$;
revoke execute on function private.place_active_tail() from public;
grant execute on function private.place_active_tail() to authenticated, service_role;
create trigger place_active_tail before update of active_leaf_id on public.chats
  for each row when (old.active_leaf_id is distinct from new.active_leaf_id)
  execute function private.place_active_tail();

create or replace function private.before_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  previous record;
  siblings integer;
  parent_number bigint;
  single int8multirange;
  tail int8multirange;
  tail_parent uuid;
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
  -- The chat row locked first, with the previous leaf and tail; it gets one new version below.
  select c.user_id, c.last_sequence_number + 1 as sequence_number, c.active_leaf_id, c.active_tail, c.active_tail_parent_id
    into previous from public.chats c where c.id = new.chat_id for update;
  if not found then
    raise exception 'chat % does not exist', new.chat_id using errcode = '23503';
  end if;
  if auth.uid() is not null and previous.user_id <> auth.uid() then
    raise exception 'you can only write to your own chats' using errcode = '42501';
  end if;
  new.user_id := previous.user_id;
  new.sequence_number := previous.sequence_number;
  if new.parent_id is null then
    if coalesce(current_setting('ohm.insert_as_root', true), '') <> 'on' then
      new.parent_id := previous.active_leaf_id;
      -- The leaf ends the tail.
      parent_number := upper(previous.active_tail) - 1;
    end if;
  else
    select m.sequence_number into parent_number from public.messages m where m.id = new.parent_id and m.chat_id = new.chat_id;
    if not found then
      raise exception 'the parent message belongs to another chat' using errcode = '23503';
    end if;
  end if;
  -- A reply to a message of the tail is on a branch that shares the tail up to its parent; any other starts a tail.
  single := int8multirange(int8range(new.sequence_number, new.sequence_number, '[]'));
  if new.parent_id is not null and parent_number <@ previous.active_tail then
    tail := (previous.active_tail * int8multirange(int8range(null, parent_number, '[]'))) + single;
    tail_parent := previous.active_tail_parent_id;
    -- Only a message that starts a range (after a gap) can make one too many: keep the newest 8.
    if not (new.sequence_number - 1) <@ tail and (select count(*) from unnest(tail)) > 8 then
      select range_agg(r) into tail from (select r from unnest(tail) r order by r desc limit 8) kept;
      select m.parent_id into tail_parent from public.messages m
       where m.chat_id = new.chat_id and m.sequence_number = lower(tail);
      if not found then
        tail := null;
        tail_parent := null;
      end if;
    end if;
  else
    tail := single;
    tail_parent := new.parent_id;
  end if;
  update public.chats c
     set last_sequence_number = new.sequence_number,
         message_count = c.message_count + 1,
         last_message_at = now(),
         active_leaf_id = new.id,
         active_tail = tail,
         active_tail_parent_id = tail_parent,
         title = case
           when c.message_count = 0 and c.title = 'New chat' and new.role = 'user' and btrim(new.content) <> ''
             then left(regexp_replace(btrim(new.content), '\s+', ' ', 'g'), 80)
           else c.title end
   where c.id = new.chat_id;
  -- The new message's place among its siblings (its parent's replies, or the chat's first messages), kept on the row
  -- so a page reads ‹ 2/3 › without counting; a second sibling (an edit, a regeneration) updates the others' count.
  if new.parent_id is null then
    select count(*)::integer into siblings from public.messages m where m.chat_id = new.chat_id and m.parent_id is null;
  else
    select count(*)::integer into siblings from public.messages m where m.parent_id = new.parent_id;
  end if;
  new.sibling_index := siblings + 1;
  new.sibling_count := siblings + 1;
  if siblings > 0 then
    if new.parent_id is null then
      update public.messages m set sibling_count = siblings + 1 where m.chat_id = new.chat_id and m.parent_id is null;
    else
      update public.messages m set sibling_count = siblings + 1 where m.parent_id = new.parent_id;
    end if;
  end if;
  if new.parent_id is distinct from previous.active_leaf_id then
    perform realtime.send(jsonb_build_object('chat_id', new.chat_id, 'active_leaf_id', new.id),
                          'active_leaf_changed', 'chat:' || new.chat_id::text || ':messages', true);
  end if;
  new.created_at := now();
  new.updated_at := now();
  return new;
end;
$$;

-- Every chat's tail, walked from its leaf; triggers off, so no chat's updated_at moves and nothing is broadcast.
set session_replication_role = replica;
update public.chats c
   set (active_tail, active_tail_parent_id) = (select t.tail, t.tail_parent_id from private.active_tail_of(c.active_leaf_id) t)
 where c.active_leaf_id is not null;
reset session_replication_role;
