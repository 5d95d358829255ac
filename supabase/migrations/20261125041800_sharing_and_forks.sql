-- Share links and forks. A shared chat is readable only by someone holding its token, through get_shared_chat;
-- no policy lets anyone list shares or shared chats. Unknown, revoked and expired tokens answer identically.
create table public.shared_chats (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null references public.chats (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  share_token text not null check (char_length(share_token) >= 22),
  snapshot_sequence bigint not null,
  snapshot_leaf_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  constraint shared_chats_share_token_key unique (share_token)
);
comment on table public.shared_chats is 'Share links: a token and the snapshot (messages up to snapshot_sequence on the shared branch).';
create index shared_chats_chat_id_idx on public.shared_chats (chat_id, created_at desc);
create index shared_chats_user_id_idx on public.shared_chats (user_id);
create index shared_chats_snapshot_leaf_id_idx on public.shared_chats (snapshot_leaf_id);

create table public.chat_forks (
  id uuid primary key default gen_random_uuid(),
  original_chat_id uuid references public.chats (id) on delete set null,
  forked_chat_id uuid not null references public.chats (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  shared_chat_id uuid references public.shared_chats (id) on delete set null,
  forked_at_sequence bigint not null,
  created_at timestamptz not null default now()
);
comment on table public.chat_forks is 'Where a forked chat came from; visible to the user who forked.';
create index chat_forks_original_chat_id_idx on public.chat_forks (original_chat_id);
create index chat_forks_forked_chat_id_idx on public.chat_forks (forked_chat_id);
create index chat_forks_user_id_idx on public.chat_forks (user_id);
create index chat_forks_shared_chat_id_idx on public.chat_forks (shared_chat_id);

alter table public.shared_chats enable row level security;
alter table public.chat_forks enable row level security;
create policy "Users can read the share links of their chats" on public.shared_chats for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can read their own forks" on public.chat_forks for select to authenticated using (user_id = (select auth.uid()));
grant select on public.shared_chats, public.chat_forks to authenticated;
grant select, insert, update, delete on public.shared_chats, public.chat_forks to service_role;

-- chats.is_public and share_token mirror the newest active share; kept here because callers cannot write them.
-- security definer: updates database-kept columns of chats.
create function private.sync_chat_share_flags(p_chat_id uuid) returns void
language sql security definer set search_path = '' as $$
  update public.chats c
     set is_public = s.share_token is not null, share_token = s.share_token
    from (select (select sc.share_token from public.shared_chats sc
                   where sc.chat_id = p_chat_id and sc.revoked_at is null and (sc.expires_at is null or sc.expires_at > now())
                   order by sc.created_at desc limit 1) as share_token) s
   where c.id = p_chat_id;
$$;
revoke execute on function private.sync_chat_share_flags(uuid) from public;

-- security definer: share rows are not writable by users directly; this checks the caller owns the chat.
create function private.create_share(p_chat_id uuid, p_expires_at timestamptz default null) returns public.shared_chats
language plpgsql security definer set search_path = '' as $$
declare
  chat public.chats;
  created public.shared_chats;
begin
  if auth.uid() is null then
    raise exception 'sign in to share a chat' using errcode = '42501';
  end if;
  select * into chat from public.chats c where c.id = p_chat_id and c.user_id = auth.uid() and c.deleted_at is null;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  if p_expires_at is not null and p_expires_at <= now() then
    raise exception 'the expiry must be in the future' using errcode = '22023';
  end if;
  insert into public.shared_chats (chat_id, user_id, share_token, snapshot_sequence, snapshot_leaf_id, expires_at)
  values (p_chat_id, chat.user_id,
          -- 192 bits from a CSPRNG, URL-safe.
          translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_'),
          coalesce((select m.sequence_number from public.messages m where m.id = chat.active_leaf_id), 0),
          chat.active_leaf_id, p_expires_at)
  returning * into created;
  perform private.sync_chat_share_flags(p_chat_id);
  return created;
end;
$$;

-- security definer: revoking updates a share row, which users cannot write; only the chat's owner may.
create function private.revoke_share(p_share_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  target uuid;
begin
  update public.shared_chats set revoked_at = coalesce(revoked_at, now())
   where id = p_share_id and user_id = auth.uid()
  returning chat_id into target;
  if not found then
    raise exception 'share link % not found', p_share_id using errcode = 'PT404';
  end if;
  perform private.sync_chat_share_flags(target);
end;
$$;

create function private.active_share(p_token text) returns public.shared_chats
language sql stable security definer set search_path = '' as $$
  select * from public.shared_chats s
   where s.share_token = p_token and s.revoked_at is null and (s.expires_at is null or s.expires_at > now())
$$;
revoke execute on function private.active_share(text) from public;

-- security definer: the reader holds only the token, not the chat; the function returns the snapshot and nothing
-- else, and answers every unusable token with the same error.
create function private.get_shared_chat(p_token text, p_before_sequence bigint default null, p_limit integer default 50)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  share public.shared_chats;
  chat_title text;
  page jsonb;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  select c.title into chat_title from public.chats c where c.id = share.chat_id;
  select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb) into page
    from (select * from private.branch_from(share.snapshot_leaf_id, 2147483647) x
           where p_before_sequence is null or x.sequence_number < p_before_sequence
           order by x.sequence_number desc
           limit p_limit) b;
  return jsonb_build_object(
    'title', chat_title,
    'shared_at', share.created_at,
    'snapshot_sequence', share.snapshot_sequence,
    'messages', page);
end;
$$;

-- security definer: copies another user's snapshot, which the caller cannot read, into a chat the caller owns,
-- in one transaction: the shared branch's messages, the artifacts with their versions up to the snapshot, and the
-- project rows those versions produced.
create function private.fork_chat(p_token text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  share public.shared_chats;
  source public.chats;
  me uuid := auth.uid();
  new_chat uuid;
  new_project uuid;
  msg record;
  id_map jsonb := '{}'::jsonb;
  inserted uuid;
  art record;
  new_artifact uuid;
  ver record;
  new_version uuid;
  version_map jsonb := '{}'::jsonb;
  part_map jsonb := '{}'::jsonb;
  row_ record;
  copied integer := 0;
begin
  if me is null then
    raise exception 'sign in (a guest session is enough) to continue a shared chat' using errcode = '42501';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  select * into source from public.chats where id = share.chat_id;

  if source.project_id is not null then
    insert into public.projects (user_id, name, description, category, goal, location, target_budget, currency, current_step, workflow_steps, status, metadata)
    select me, p.name, p.description, p.category, p.goal, p.location, p.target_budget, p.currency, p.current_step, p.workflow_steps, p.status, p.metadata
      from public.projects p where p.id = source.project_id
    returning id into new_project;
  end if;

  insert into public.chats (user_id, project_id, title, description, current_phase, forked_from_chat_id, metadata)
  values (me, new_project, source.title, source.description, source.current_phase, source.id, '{}'::jsonb)
  returning id into new_chat;

  for msg in
    select * from private.branch_from(share.snapshot_leaf_id, 2147483647) order by sequence_number
  loop
    insert into public.messages (chat_id, role, content, parent_id, agent_name, agent_model, agent_icon, intent,
                                 input_tokens, output_tokens, status)
    values (new_chat, msg.role, msg.content, (id_map ->> msg.parent_id::text)::uuid, msg.agent_name, msg.agent_model,
            msg.agent_icon, msg.intent, msg.input_tokens, msg.output_tokens,
            case when msg.status = 'streaming' then 'interrupted'::public.message_status else msg.status end)
    returning id into inserted;
    id_map := id_map || jsonb_build_object(msg.id::text, inserted);
    copied := copied + 1;
  end loop;

  for art in select * from public.artifacts a where a.chat_id = source.id order by a.created_at loop
    new_artifact := null;
    for ver in
      select v.* from public.artifact_versions v
       where v.artifact_id = art.id and v.created_at <= share.created_at
       order by v.version_number
    loop
      if new_artifact is null then
        insert into public.artifacts (chat_id, project_id, type, title, description, is_visible, created_by_message_id, metadata)
        values (new_chat, new_project, art.type, art.title, art.description, art.is_visible,
                (id_map ->> art.created_by_message_id::text)::uuid, art.metadata)
        returning id into new_artifact;
      end if;
      insert into public.artifact_versions (artifact_id, version_number, content, content_json, file_url, change_summary,
                                            parent_version_id, created_by_message_id)
      values (new_artifact, ver.version_number, ver.content, ver.content_json, ver.file_url, ver.change_summary,
              (version_map ->> ver.parent_version_id::text)::uuid, (id_map ->> ver.created_by_message_id::text)::uuid)
      returning id into new_version;
      version_map := version_map || jsonb_build_object(ver.id::text, new_version);
      update public.artifacts set current_version = ver.version_number, total_versions = ver.version_number where id = new_artifact;
    end loop;
  end loop;

  if new_project is not null then
    for row_ in select * from public.parts p where p.artifact_version_id is not null and version_map ? p.artifact_version_id::text loop
      insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity, voltage, current,
                                interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
      select new_project, v.artifact_id, v.id, row_.name, row_.part_number, row_.manufacturer, row_.quantity, row_.voltage, row_.current,
             row_.interface_type, row_.price, row_.supplier, row_.supplier_url, row_.specs, row_.alternatives, row_.compatibility_warnings
        from public.artifact_versions v where v.id = (version_map ->> row_.artifact_version_id::text)::uuid
      returning id into inserted;
      part_map := part_map || jsonb_build_object(row_.id::text, inserted);
    end loop;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin, from_pin_type,
                                    to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select new_project, v.artifact_id, v.id, c.sequence_number, (part_map ->> c.from_part_id::text)::uuid, c.from_pin, c.from_pin_type,
           (part_map ->> c.to_part_id::text)::uuid, c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, c.warnings
      from public.connections c join public.artifact_versions v on v.id = (version_map ->> c.artifact_version_id::text)::uuid
     where c.artifact_version_id is not null and version_map ? c.artifact_version_id::text;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content, unit_number,
                                   required_libraries, is_production_ready)
    select new_project, v.artifact_id, v.id, f.filename, f.language, f.platform, f.content, f.unit_number, f.required_libraries, f.is_production_ready
      from public.code_files f join public.artifact_versions v on v.id = (version_map ->> f.artifact_version_id::text)::uuid
     where f.artifact_version_id is not null and version_map ? f.artifact_version_id::text;
  end if;

  insert into public.chat_forks (original_chat_id, forked_chat_id, user_id, shared_chat_id, forked_at_sequence)
  values (source.id, new_chat, me, share.id, share.snapshot_sequence);
  return new_chat;
end;
$$;

-- The API surface: thin security-invoker wrappers in public over the definer functions above, which live in the
-- unexposed private schema (so only these signatures are callable through the API).
create function public.create_share(p_chat_id uuid, p_expires_at timestamptz default null) returns public.shared_chats
language sql volatile security invoker set search_path = '' as $$ select * from private.create_share(p_chat_id, p_expires_at) $$;
create function public.revoke_share(p_share_id uuid) returns void
language sql volatile security invoker set search_path = '' as $$ select private.revoke_share(p_share_id) $$;
create function public.get_shared_chat(p_token text, p_before_sequence bigint default null, p_limit integer default 50) returns jsonb
language sql stable security invoker set search_path = '' as $$ select private.get_shared_chat(p_token, p_before_sequence, p_limit) $$;
create function public.fork_chat(p_token text) returns uuid
language sql volatile security invoker set search_path = '' as $$ select private.fork_chat(p_token) $$;

revoke execute on function private.create_share(uuid, timestamptz), private.revoke_share(uuid),
  private.get_shared_chat(text, bigint, integer), private.fork_chat(text) from public;
grant execute on function private.create_share(uuid, timestamptz), private.revoke_share(uuid), private.fork_chat(text) to authenticated;
grant execute on function private.get_shared_chat(text, bigint, integer) to anon, authenticated;
grant usage on schema private to anon;
revoke execute on function public.create_share(uuid, timestamptz) from public, anon;
revoke execute on function public.revoke_share(uuid) from public, anon;
revoke execute on function public.get_shared_chat(text, bigint, integer) from public;
revoke execute on function public.fork_chat(text) from public, anon;
grant execute on function public.create_share(uuid, timestamptz) to authenticated;
grant execute on function public.revoke_share(uuid) to authenticated;
grant execute on function public.get_shared_chat(text, bigint, integer) to anon, authenticated;
grant execute on function public.fork_chat(text) to authenticated;
