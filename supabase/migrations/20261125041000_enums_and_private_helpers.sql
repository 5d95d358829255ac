-- Enumerations of the conversation store, and the `private` schema for internals that PostgREST does not expose
-- (trigger functions and helpers the API roles must not call directly).
create extension if not exists btree_gin with schema extensions;

create type public.message_role as enum ('user', 'assistant', 'system');
create type public.message_status as enum ('complete', 'streaming', 'interrupted', 'error');
create type public.message_intent as enum ('CHAT', 'BOM', 'CODE', 'WIRING', 'CONTEXT', 'MVP', 'PRD', 'BUDGET', 'DATASHEET', 'CIRCUIT', 'OVERVIEW');
create type public.chat_phase as enum ('ideation', 'parts', 'assembly', 'code');
create type public.project_status as enum ('draft', 'active', 'completed');
create type public.artifact_type as enum ('context', 'mvp', 'prd', 'bom', 'code', 'wiring', 'circuit_diagram', 'budget', 'datasheet_analysis', 'overview');
create type public.attachment_category as enum ('circuit_image', 'datasheet', 'reference_image', 'other');
create type public.processing_status as enum ('pending', 'processing', 'done', 'failed');

grant usage on type public.message_role, public.message_status, public.message_intent, public.chat_phase,
  public.project_status, public.artifact_type, public.attachment_category, public.processing_status
  to anon, authenticated, service_role;

create schema if not exists private;
grant usage on schema private to authenticated, service_role;

create function private.touch_updated_at() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Owner columns come from the session, never from the client: a signed-in caller always owns what it inserts.
-- The service role (no auth.uid()) may set the owner explicitly, as the agents' write path does.
create function private.set_owner_from_session() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if auth.uid() is not null then
    new.user_id := auth.uid();
  elsif new.user_id is null then
    raise exception 'user_id is required when no user is signed in' using errcode = '23502';
  end if;
  return new;
end;
$$;

create function private.keep_owner() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if new.user_id is distinct from old.user_id then
    raise exception 'the owner of a row cannot be changed' using errcode = '42501';
  end if;
  return new;
end;
$$;

revoke execute on all functions in schema private from public;
