-- The extensions schema with the extensions hosted projects have preinstalled (§1.3).
create schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant all on all functions in schema extensions to postgres with grant option;
alter default privileges in schema extensions grant all on functions to postgres with grant option;
create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;
