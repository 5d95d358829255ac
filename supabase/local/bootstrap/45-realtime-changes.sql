-- Local stand-in for Realtime's postgres_changes capture. Hosted Realtime reads the WAL of the tables in the
-- supabase_realtime publication through a logical slot (walrus); locally a row trigger on each of those tables
-- NOTIFYs the change to the gateway, which applies bindings, filters and RLS as the subscriber (see
-- supabase/local/realtime/postgres-changes.ts). Everything here lives in the realtime schema, out of the API's reach.

-- Changes too big for one notification (8000 bytes) wait here, announced by id; every gateway listening reads them,
-- and rows older than a minute are removed by the gateway.
create unlogged table realtime.local_changes (
  id bigint generated always as identity primary key,
  change jsonb not null,
  created_at timestamptz not null default now()
);
alter table realtime.local_changes enable row level security;
revoke all on realtime.local_changes from public, anon, authenticated, service_role;

-- Identical notifications of one transaction are folded into one by Postgres; a sequence number keeps two identical
-- changes (the same update twice) apart.
create sequence realtime.local_change_seq;
revoke all on sequence realtime.local_change_seq from public, anon, authenticated, service_role;

-- security definer: the writer (any role) must be able to queue a change it cannot otherwise touch; search_path is
-- empty so nothing the writer controls is resolved.
create function realtime.capture_local_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  change jsonb := jsonb_build_object(
    'n', nextval('realtime.local_change_seq'),
    'schema', tg_table_schema,
    'table', tg_table_name,
    'type', tg_op,
    'commit_timestamp', to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'record', case when tg_op <> 'DELETE' then to_jsonb(new) end,
    'old_record', case when tg_op <> 'INSERT' then to_jsonb(old) end);
  note text := change::text;
  queued bigint;
begin
  if octet_length(note) > 7900 then
    insert into realtime.local_changes (change) values (change) returning id into queued;
    note := queued::text;
  end if;
  perform pg_notify('realtime_local_changes', note);
  return null;
end;
$$;

-- Puts the capture trigger on every table of the publication and takes it off tables that left it.
-- security definer: called from the event trigger below while `postgres` migrates, which may not own every table.
create function realtime.sync_local_change_triggers() returns void
language plpgsql security definer set search_path = '' as $$
declare
  target regclass;
begin
  for target in
    select c.oid::regclass
      from pg_catalog.pg_publication_tables p
      join pg_catalog.pg_namespace n on n.nspname = p.schemaname
      join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
     where p.pubname = 'supabase_realtime'
       and not exists (select 1 from pg_catalog.pg_trigger t where t.tgrelid = c.oid and t.tgname = 'realtime_local_changes')
  loop
    execute format('create trigger realtime_local_changes after insert or update or delete on %s '
                   'for each row execute function realtime.capture_local_change()', target);
  end loop;
  for target in
    select t.tgrelid::regclass
      from pg_catalog.pg_trigger t
      join pg_catalog.pg_class c on c.oid = t.tgrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where t.tgname = 'realtime_local_changes'
       and not exists (select 1 from pg_catalog.pg_publication_tables p
                        where p.pubname = 'supabase_realtime' and p.schemaname = n.nspname and p.tablename = c.relname)
  loop
    execute format('drop trigger realtime_local_changes on %s', target);
  end loop;
end;
$$;

-- Tables added to the publication later (by migrations, the dashboard's SQL, tests) are covered at once, and the
-- gateway forgets what it knew about tables, grants and policies whenever they change.
-- security definer: see sync_local_change_triggers.
create function realtime.on_local_ddl() returns event_trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.sync_local_change_triggers();
  perform pg_notify('realtime_local_schema', '');
end;
$$;
create event trigger realtime_local_changes on ddl_command_end
  when tag in ('CREATE PUBLICATION', 'ALTER PUBLICATION', 'DROP PUBLICATION', 'CREATE TABLE', 'ALTER TABLE',
               'DROP TABLE', 'GRANT', 'REVOKE', 'CREATE POLICY', 'ALTER POLICY', 'DROP POLICY')
  execute function realtime.on_local_ddl();

-- Which of the given subscribers (role and claims each) may select the row with primary key `pk` under RLS, as
-- walrus checks it: with the subscriber's role and claims set locally, select the row by its key. Returns the
-- 1-based positions of those who may. Run by the gateway as the superuser, inside one statement, so the settings
-- end with it.
create function realtime.local_visible_to(entity regclass, pk jsonb, subscribers jsonb) returns int[]
language plpgsql set search_path = '' as $$
declare
  probe text;
  allowed boolean;
  visible int[] := '{}';
  subscriber record;
begin
  select 'select exists (select 1 from ' || entity::text || ' where '
         || string_agg(format('%I = %L', key, value #>> '{}'), ' and ') || ')'
    into probe
    from jsonb_each(pk);
  for subscriber in select value as claims, ordinality as position from jsonb_array_elements(subscribers) with ordinality loop
    perform set_config('role', subscriber.claims ->> 'role', true),
            set_config('request.jwt.claims', subscriber.claims::text, true),
            set_config('request.jwt.claim.sub', coalesce(subscriber.claims ->> 'sub', ''), true),
            set_config('request.jwt.claim.role', subscriber.claims ->> 'role', true);
    execute probe into allowed;
    if allowed then
      visible := visible || subscriber.position::int;
    end if;
  end loop;
  perform set_config('role', 'none', true);
  return visible;
end;
$$;

revoke execute on function realtime.capture_local_change() from public;
revoke execute on function realtime.sync_local_change_triggers() from public;
revoke execute on function realtime.on_local_ddl() from public;
revoke execute on function realtime.local_visible_to(regclass, jsonb, jsonb) from public;

select realtime.sync_local_change_triggers();
