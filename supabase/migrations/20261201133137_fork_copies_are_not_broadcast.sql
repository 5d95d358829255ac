-- fork_chat's copies are not broadcast one by one: the chat they go into was created in the same transaction, so
-- nobody can have joined its topic, yet each of a long fork's thousands of copied rows wrote a realtime.messages
-- row (and, locally, an outbox row). The copy is recognised as the numbering trigger recognises it
-- (ohm.copying_into_chat names the new chat, set only by fork_chat). Redefines private.broadcast_message_change
-- (first defined in 20261125042200_realtime_broadcast, last in 20261201110501_broadcasts_leave_out_the_search_vector).
-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create or replace function private.broadcast_message_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' and current_setting('ohm.copying_into_chat', true) = new.chat_id::text then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('old_record', to_jsonb(old) - 'content_search', 'record', to_jsonb(new) - 'content_search',
                       'operation', tg_op, 'table', tg_table_name, 'schema', tg_table_schema),
    tg_op, 'chat:' || new.chat_id::text || ':messages', true);
  return null;
end;
$$;
