-- Database broadcasts and row changes reach the local gateway through an outbox it polls, not pg_notify: a
-- transaction that has called pg_notify takes one cluster-wide lock at commit (to append to the notification
-- queue in commit order), so concurrent writers that broadcast queue behind each other there (14–24 % of backend
-- time under 4 writers, issue 13). An insert into this unlogged table takes no such lock and writes no WAL.
-- The gateway reads the rows of transactions older than its snapshot's xmin (all of them committed or rolled back,
-- so none can still appear below it) and moves that horizon forward; see supabase/local/realtime/listener.ts.
-- Hosted Realtime reads its WAL instead; payloads have no 8000-byte limit here, so every row travels whole.
-- A broadcast's outbox row names its realtime.messages row (the gateway reads the payload when it polls, off the
-- writer's path: serialising it in the trigger doubled the cost of a bulk update's broadcasts); a row change
-- carries its change. Replaces realtime.notify_local_gateway (40-realtime.sql) and realtime.capture_local_change
-- (45-realtime-changes.sql); schema changes still NOTIFY (realtime_local_schema), as DDL is rare.
-- Rebuilt when an older shape is found (the probe in supabase/local/stack.ts looks for message_id).
drop table if exists realtime.local_outbox;
create unlogged table realtime.local_outbox (
  id bigint generated always as identity primary key,
  xid xid8 not null default pg_current_xact_id(),
  channel text not null,
  message_id uuid,
  message_at timestamp,
  note text,
  created_at timestamptz not null default now()
);
create index local_outbox_xid on realtime.local_outbox (xid);
alter table realtime.local_outbox enable row level security;
alter table realtime.local_outbox owner to supabase_realtime_admin;
revoke all on realtime.local_outbox from public, anon, authenticated, service_role;

-- security definer: realtime.send runs as its caller (any role), which must not otherwise reach the outbox.
create or replace function realtime.notify_local_gateway() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.local_outbox (channel, message_id, message_at)
  values ('realtime_local_messages', new.id, new.inserted_at);
  return null;
end;
$$;
alter function realtime.notify_local_gateway() owner to supabase_realtime_admin;

-- security definer: see 45-realtime-changes.sql.
create or replace function realtime.capture_local_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.local_outbox (channel, note)
  values ('realtime_local_changes', jsonb_build_object(
    'n', nextval('realtime.local_change_seq'),
    'schema', tg_table_schema,
    'table', tg_table_name,
    'type', tg_op,
    'commit_timestamp', to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'record', case when tg_op <> 'DELETE' then to_jsonb(new) end,
    'old_record', case when tg_op <> 'INSERT' then to_jsonb(old) end)::text);
  return null;
end;
$$;
