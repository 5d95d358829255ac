-- Roles as hosted Supabase has them (reference/supabase-db-platform.md §1.1). Runs as supabase_admin, the superuser.
create role postgres login password 'postgres' nosuperuser createdb createrole replication bypassrls;
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;
create role authenticator login noinherit password 'postgres';
grant anon, authenticated, service_role to authenticator;

create role supabase_auth_admin login noinherit createrole noreplication password 'postgres';
create role supabase_storage_admin login noinherit createrole noreplication password 'postgres';
create role supabase_realtime_admin noinherit nologin createrole replication;
create role supabase_replication_admin login replication;
create role supabase_read_only_user login bypassrls;
create role dashboard_user nosuperuser createdb createrole replication;
grant pg_read_all_data to supabase_read_only_user;
grant authenticator to supabase_storage_admin;
grant anon, authenticated, service_role to supabase_realtime_admin;

grant anon, authenticated, service_role to postgres with admin option;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;
-- Local deviation: hosted lets postgres create policies on storage.objects and realtime.messages through supautils,
-- which plain Postgres lacks; ownership (through membership) is the only way Postgres allows it.
grant supabase_storage_admin, supabase_realtime_admin to postgres;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role postgres set search_path = "$user", public, extensions;
alter role supabase_admin set search_path = "$user", public, auth, extensions;
alter role supabase_auth_admin set search_path = auth;
alter role supabase_storage_admin set search_path = storage;
alter role supabase_realtime_admin set search_path = public, extensions, realtime;

alter database postgres owner to postgres;
-- splinter (supabase db advisors) only lints the schemas PostgREST exposes.
alter database postgres set "pgrst.db_schemas" = 'public';
