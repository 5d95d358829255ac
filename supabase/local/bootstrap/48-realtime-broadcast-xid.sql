-- Database broadcasts reach the local gateway from realtime.messages itself, as hosted Realtime reads them from its
-- own table's WAL: each row carries the id of the transaction that wrote it, and the gateway polls the table by the
-- same rule it polls realtime.local_outbox with (supabase/local/realtime/listener.ts). Until now every broadcast
-- also wrote an outbox row from a security definer trigger (46-realtime-outbox.sql), which hosted Realtime does
-- not: at 1 M messages, with that trigger off, an append cost 1.33–1.60× a counter-plus-insert instead of about 2×
-- (issue 13). Replaces the trigger realtime.notify_local_gateway (40-realtime.sql, redefined by 46); row changes
-- (postgres_changes) keep their outbox rows. The columns are the stand-in's own: no migration may depend on them.
-- Applied once to existing clusters (the probe in supabase/local/stack.ts looks for local_xid).
drop trigger if exists notify_local_gateway on realtime.messages;
drop function if exists realtime.notify_local_gateway();

-- Dropping partitions older than three days (hosted Realtime keeps about three days, by day). Called by the
-- gateway every minute beside realtime.create_local_partitions(), and here before the index below is built, so a cluster
-- that kept every broadcast since it was created indexes only its last days. lock_timeout: dropping a partition
-- locks realtime.messages for every writer, so it gives up rather than queue them behind a long transaction
-- (the next minute tries again).
create or replace function realtime.drop_local_partitions() returns void
language plpgsql set search_path = '' set lock_timeout = '200ms' as $$
declare
  old regclass;
begin
  for old in
    select c.oid::regclass
      from pg_catalog.pg_inherits i
      join pg_catalog.pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'realtime.messages'::regclass
       and c.relname ~ '^messages_\d{4}_\d{2}_\d{2}$'
       and to_date(substr(c.relname, 10), 'YYYY_MM_DD') < current_date - 3
  loop
    execute format('drop table %s', old);
  end loop;
end;
$$;
revoke execute on function realtime.drop_local_partitions() from public;
do $$
begin
  perform realtime.drop_local_partitions();
exception
  when lock_not_available then null;
end;
$$;

-- The writer's top-level transaction id (pg_current_xact_id() inside realtime.send's subtransaction is still the
-- top-level one, which is what snapshots list) and the order of rows within that transaction, from the sequence
-- row changes already number themselves with, so broadcasts and changes of one transaction keep their order.
-- Added without a default first, then given one: rows already there keep null (long delivered) and the table is
-- not rewritten. A writer that sets these columns itself (the API roles may insert rows) only misroutes its own row.
alter table realtime.messages add column local_xid xid8, add column local_seq bigint;
alter table realtime.messages
  alter column local_xid set default pg_current_xact_id(),
  alter column local_seq set default nextval('realtime.local_change_seq');
grant usage on sequence realtime.local_change_seq to postgres, anon, authenticated, service_role;
-- The poll's range scan; partial, so the rows from before this file cost nothing to build it over.
create index messages_local_xid on realtime.messages (local_xid) where local_xid is not null;
