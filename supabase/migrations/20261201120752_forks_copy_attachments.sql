-- Forks copy the attachments their snapshot shows: private.fork_chat_attachments copies the rows of the shared
-- branch's attachments into the new chat, each under a new key in the forker's own folder, the source key kept in
-- metadata (copied_from). The bytes are copied by the app right after the fork, with the forker's session and the
-- share token (Storage lets that token read exactly the snapshot's files, see 20261201120750); a copy whose bytes
-- never arrive shows as unavailable, never as someone else's file. The copies are not the forker's uploads, so
-- private.limit_uploads (first defined in 20261201102416_limit_replies_shares_and_uploads) skips rows written while
-- ohm.copying_into_chat names their chat, as the numbering trigger does for a fork's messages.
-- Redefines private.fork_chat (first defined in 20261125041800_sharing_and_forks, last in
-- 20261128182000_fork_copies_messages_in_one_statement): the one change is the call of fork_chat_attachments after
-- the messages are copied.

-- security definer: called only from fork_chat (itself definer), it reads the sharer's attachments, which the forker
-- cannot read, and writes rows into the forker's new chat. p_message_map: source message id -> copied message id.
create function private.fork_chat_attachments(p_source_chat uuid, p_new_chat uuid, p_message_map jsonb) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := auth.uid();
  copied integer;
begin
  perform set_config('ohm.copying_into_chat', p_new_chat::text, true);
  with source as (
    select a.*, gen_random_uuid()::text as new_key
      from public.attachments a
     where a.chat_id = p_source_chat and p_message_map ? a.message_id::text
  ), inserted as (
    insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_path,
                                    thumbnail_path, category, is_processed, processing_status, metadata)
    select p_new_chat, (p_message_map ->> s.message_id::text)::uuid, me, s.filename, s.file_type, s.file_size,
           me::text || '/' || p_new_chat::text || '/' || s.new_key || '-' || s.filename,
           case when s.thumbnail_path is null then null else me::text || '/' || p_new_chat::text || '/' || s.new_key || '.thumb.webp' end,
           s.category, s.is_processed, s.processing_status,
           s.metadata || jsonb_build_object('copied_from', s.storage_path, 'thumbnail_copied_from', s.thumbnail_path)
      from source s
    returning 1
  )
  select count(*)::integer into copied from inserted;
  perform set_config('ohm.copying_into_chat', '', true);
  return copied;
end;
$$;
revoke execute on function private.fork_chat_attachments(uuid, uuid, jsonb) from public;

create or replace function private.limit_uploads() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if current_setting('ohm.copying_into_chat', true) is distinct from new.chat_id::text then
    perform private.take_rate_limit('upload');
  end if;
  return new;
end;
$$;

create or replace function private.fork_chat(p_token text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  share public.shared_chats;
  source public.chats;
  me uuid := auth.uid();
  new_chat uuid;
  new_project uuid;
  id_map jsonb := '{}'::jsonb;
  inserted uuid;
  last_copied uuid;
  copied_check integer;
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

  -- The shared branch in one statement, numbered 1..n as a chain; the id map serves the artifacts below.
  perform set_config('ohm.copying_into_chat', new_chat::text, true);
  with branch as (
    select m.*, row_number() over (order by m.sequence_number) as n, gen_random_uuid() as new_id
      from private.branch_from(share.snapshot_leaf_id, 2147483647) m
  ), copied_rows as (
    insert into public.messages (id, chat_id, role, content, parent_id, sequence_number, agent_name, agent_model,
                                 agent_icon, intent, input_tokens, output_tokens, created_at, status)
    select b.new_id, new_chat, b.role, b.content, lag(b.new_id) over (order by b.n), b.n, b.agent_name, b.agent_model,
           b.agent_icon, b.intent, b.input_tokens, b.output_tokens, b.created_at,
           case when b.status = 'streaming' then 'interrupted'::public.message_status else b.status end
      from branch b
     order by b.n
    returning id
  )
  select coalesce(jsonb_object_agg(b.id::text, b.new_id), '{}'::jsonb), count(*)::integer,
         (select b2.new_id from branch b2 order by b2.n desc limit 1),
         (select count(*) from copied_rows)
    into id_map, copied, last_copied, copied_check
    from branch b;
  perform set_config('ohm.copying_into_chat', '', true);
  if copied <> copied_check then
    raise exception 'the copy of the shared chat is incomplete' using errcode = 'XX000';
  end if;
  update public.chats
     set last_sequence_number = copied, message_count = copied, active_leaf_id = last_copied,
         last_message_at = now()
   where id = new_chat;
  perform private.fork_chat_attachments(source.id, new_chat, id_map);

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
