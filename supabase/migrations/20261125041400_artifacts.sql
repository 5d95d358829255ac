-- artifacts and their versions: git-style history of what the agents produce (context, BOM, code, wiring, …).
-- A new version names the version it expects to replace; a stale expectation is a conflict, never a lost update.
create table public.artifacts (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null references public.chats (id) on delete cascade,
  project_id uuid references public.projects (id) on delete set null,
  user_id uuid not null references auth.users (id) on delete cascade,
  type public.artifact_type not null,
  title text not null check (char_length(title) between 1 and 200),
  description text check (char_length(description) <= 5000),
  current_version integer not null default 0,
  total_versions integer not null default 0,
  is_visible boolean not null default true,
  created_by_message_id uuid references public.messages (id) on delete set null,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.artifacts is 'An agent''s output with a version history; current_version points into artifact_versions.';
create index artifacts_chat_id_idx on public.artifacts (chat_id) where is_visible;
create index artifacts_chat_id_all_idx on public.artifacts (chat_id);
create index artifacts_project_id_idx on public.artifacts (project_id);
create index artifacts_user_id_idx on public.artifacts (user_id);
create index artifacts_created_by_message_id_idx on public.artifacts (created_by_message_id);

create table public.artifact_versions (
  id uuid primary key default gen_random_uuid(),
  artifact_id uuid not null references public.artifacts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  version_number integer not null check (version_number >= 1),
  content text check (char_length(content) <= 1000000),
  content_json jsonb,
  file_url text check (char_length(file_url) <= 2048),
  change_summary text check (char_length(change_summary) <= 2000),
  parent_version_id uuid references public.artifact_versions (id) on delete set null,
  created_by_message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint artifact_versions_artifact_id_version_number_key unique (artifact_id, version_number)
);
comment on table public.artifact_versions is 'Immutable versions of an artifact, numbered 1, 2, 3… without gaps.';
create index artifact_versions_user_id_idx on public.artifact_versions (user_id);
create index artifact_versions_parent_version_id_idx on public.artifact_versions (parent_version_id);
create index artifact_versions_created_by_message_id_idx on public.artifact_versions (created_by_message_id);

-- security definer: the owner of an artifact is the owner of its chat, which the caller may not be able to read
-- when the agents' path (service role) writes; a signed-in caller must own the chat.
create function private.set_artifact_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  owner uuid;
begin
  select c.user_id into owner from public.chats c where c.id = new.chat_id;
  if owner is null then
    raise exception 'chat % does not exist', new.chat_id using errcode = 'PT404';
  end if;
  if auth.uid() is not null and owner <> auth.uid() then
    raise exception 'you can only add artifacts to your own chats' using errcode = '42501';
  end if;
  new.user_id := owner;
  return new;
end;
$$;
create trigger set_artifact_owner before insert on public.artifacts for each row execute function private.set_artifact_owner();
create trigger touch_artifact_updated_at before update on public.artifacts for each row execute function private.touch_updated_at();

create function private.set_artifact_version_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  select a.user_id into new.user_id from public.artifacts a where a.id = new.artifact_id;
  if new.user_id is null then
    raise exception 'artifact % does not exist', new.artifact_id using errcode = 'PT404';
  end if;
  return new;
end;
$$;
create trigger set_artifact_version_owner before insert on public.artifact_versions for each row execute function private.set_artifact_version_owner();
revoke execute on function private.set_artifact_owner(), private.set_artifact_version_owner() from public;

alter table public.artifacts enable row level security;
alter table public.artifact_versions enable row level security;
create policy "Users can read the artifacts of their chats" on public.artifacts for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can create artifacts in their chats" on public.artifacts for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can update their own artifacts" on public.artifacts for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can delete their own artifacts" on public.artifacts for delete to authenticated using (user_id = (select auth.uid()));
create policy "Users can read the versions of their artifacts" on public.artifact_versions for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can add versions to their artifacts" on public.artifact_versions for insert to authenticated with check (user_id = (select auth.uid()));

grant select, delete on public.artifacts to authenticated;
grant insert (chat_id, project_id, type, title, description, is_visible, created_by_message_id, metadata, current_version, total_versions) on public.artifacts to authenticated;
grant update (title, description, is_visible, metadata, current_version, total_versions) on public.artifacts to authenticated;
grant select on public.artifact_versions to authenticated;
grant insert (artifact_id, version_number, content, content_json, file_url, change_summary, parent_version_id, created_by_message_id) on public.artifact_versions to authenticated;
grant select, insert, update, delete on public.artifacts, public.artifact_versions to service_role;

-- security definer: messages are not writable by users, yet the message that produced an artifact records it.
-- It only links a message and an artifact of the same chat, and only for the chat's owner or the service role.
create function private.link_message_artifact(p_message_id uuid, p_artifact_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.messages m
     set created_artifact_ids = array_append(m.created_artifact_ids, p_artifact_id)
    from public.artifacts a
   where m.id = p_message_id and a.id = p_artifact_id and a.chat_id = m.chat_id
     and (auth.uid() is null or m.user_id = auth.uid())
     and not (p_artifact_id = any (m.created_artifact_ids));
end;
$$;
revoke execute on function private.link_message_artifact(uuid, uuid) from public;
grant execute on function private.link_message_artifact(uuid, uuid) to authenticated, service_role;

create function public.create_artifact_with_version(
  p_chat_id uuid,
  p_project_id uuid,
  p_type public.artifact_type,
  p_title text,
  p_content text,
  p_content_json jsonb,
  p_message_id uuid,
  p_description text default null,
  p_change_summary text default 'Initial version'
) returns uuid
language plpgsql security invoker set search_path = '' as $$
declare
  new_artifact_id uuid;
begin
  if p_title is null or btrim(p_title) = '' then
    raise exception 'an artifact needs a title' using errcode = '22023';
  end if;
  if p_content is null and p_content_json is null then
    raise exception 'an artifact version needs content or content_json' using errcode = '22023';
  end if;
  insert into public.artifacts (chat_id, project_id, type, title, description, current_version, total_versions, created_by_message_id)
  values (p_chat_id, p_project_id, p_type, btrim(p_title), p_description, 1, 1, p_message_id)
  returning id into new_artifact_id;
  insert into public.artifact_versions (artifact_id, version_number, content, content_json, change_summary, created_by_message_id)
  values (new_artifact_id, 1, p_content, p_content_json, p_change_summary, p_message_id);
  if p_message_id is not null then
    perform private.link_message_artifact(p_message_id, new_artifact_id);
  end if;
  return new_artifact_id;
end;
$$;

create function public.add_artifact_version(
  p_artifact_id uuid,
  p_expected_version integer,
  p_content text,
  p_content_json jsonb,
  p_change_summary text,
  p_message_id uuid default null
) returns public.artifact_versions
language plpgsql security invoker set search_path = '' as $$
declare
  bumped public.artifacts;
  previous_id uuid;
  created public.artifact_versions;
begin
  if p_content is null and p_content_json is null then
    raise exception 'an artifact version needs content or content_json' using errcode = '22023';
  end if;
  update public.artifacts
     set current_version = total_versions + 1, total_versions = total_versions + 1
   where id = p_artifact_id and current_version = p_expected_version
  returning * into bumped;
  if not found then
    if not exists (select 1 from public.artifacts where id = p_artifact_id) then
      raise exception 'artifact % not found', p_artifact_id using errcode = 'PT404';
    end if;
    raise exception 'artifact % has moved past version %: reload it and try again', p_artifact_id, p_expected_version
      using errcode = 'PT409', hint = 'Another writer created a newer version first.';
  end if;
  select id into previous_id from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_expected_version;
  insert into public.artifact_versions (artifact_id, version_number, content, content_json, change_summary, parent_version_id, created_by_message_id)
  values (p_artifact_id, bumped.total_versions, p_content, p_content_json, p_change_summary, previous_id, p_message_id)
  returning * into created;
  if p_message_id is not null then
    perform private.link_message_artifact(p_message_id, p_artifact_id);
  end if;
  return created;
end;
$$;

-- Restoring never rewrites history: it adds a new version equal to the old one.
create function public.restore_artifact_version(p_artifact_id uuid, p_version_number integer, p_expected_version integer)
returns public.artifact_versions
language plpgsql security invoker set search_path = '' as $$
declare
  old public.artifact_versions;
begin
  select * into old from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_version_number;
  if not found then
    raise exception 'version % of artifact % not found', p_version_number, p_artifact_id using errcode = 'PT404';
  end if;
  return public.add_artifact_version(p_artifact_id, p_expected_version, old.content, old.content_json,
    format('Restored version %s', p_version_number), null);
end;
$$;

revoke execute on function public.create_artifact_with_version(uuid, uuid, public.artifact_type, text, text, jsonb, uuid, text, text) from public, anon;
revoke execute on function public.add_artifact_version(uuid, integer, text, jsonb, text, uuid) from public, anon;
revoke execute on function public.restore_artifact_version(uuid, integer, integer) from public, anon;
grant execute on function public.create_artifact_with_version(uuid, uuid, public.artifact_type, text, text, jsonb, uuid, text, text) to authenticated, service_role;
grant execute on function public.add_artifact_version(uuid, integer, text, jsonb, text, uuid) to authenticated, service_role;
grant execute on function public.restore_artifact_version(uuid, integer, integer) to authenticated, service_role;
