-- Live tabs follow branch switches: when a chat's active leaf moves anywhere but one step down the branch it was
-- on (switch_branch, an edit, a regeneration), the chat's private topic gets an `active_leaf_changed` event, and
-- every open tab reloads the active branch. Plain appends need no event: their message broadcast says it all.

-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
-- Leaf moves made by the numbering trigger (a nested trigger, depth > 1) announce themselves (20261128170242); this
-- covers switch_branch and users.
create function private.broadcast_active_leaf_change() returns trigger
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
revoke execute on function private.broadcast_active_leaf_change() from public;
create trigger broadcast_active_leaf_change after update of active_leaf_id on public.chats
  for each row when (old.active_leaf_id is distinct from new.active_leaf_id)
  execute function private.broadcast_active_leaf_change();
