-- A message's broadcast carried its stored search vector: 1,147 of a typical broadcast's 1,943 bytes, written to
-- realtime.messages, sent to every open tab and parsed there, for a column no tab reads. The payload keeps the
-- shape realtime.broadcast_changes gives it (record, old_record, operation, table, schema) without that column.
--
-- Redefines private.broadcast_message_change (first defined in 20261125042200_realtime_broadcast).

-- security definer: realtime.messages is written with the function owner's rights, whatever the writer's role.
create or replace function private.broadcast_message_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('old_record', to_jsonb(old) - 'content_search', 'record', to_jsonb(new) - 'content_search',
                       'operation', tg_op, 'table', tg_table_name, 'schema', tg_table_schema),
    tg_op, 'chat:' || new.chat_id::text || ':messages', true);
  return null;
end;
$$;
