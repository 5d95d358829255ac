-- public.adopt_project_design: a chat inside a project starts from the project's current design. Before an agent
-- turn reads its state (lib/agents/turn/state.ts), every current artifact of the chat's project that lives in
-- another chat, of a type this chat has none of, is copied into this chat: the artifact with its versions up to the
-- current one (same numbers, so a wiring's bomVersion and the stale marks keep meaning the same versions) and the
-- rows its current version owns (a copied wiring's wires point at the copied BOM's parts, matched by line ref).
-- The chat then versions its own copy, as every turn does, and the newest copy becomes the project's current one.
-- metadata.copied_from names the source. Returns the copies as [{ type, artifactId, version, from }].
--
-- Only the agents' path calls it (service role), for the chat it was asked to answer.
create function public.adopt_project_design(p_chat_id uuid)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  chat public.chats;
  source record;
  copy_id uuid;
  copy_version_id uuid;
  copied jsonb := '[]'::jsonb;
begin
  -- The same lock complete_agent_turn takes: a turn that saves meanwhile sees the copies, never a half copy.
  select * into chat from public.chats c where c.id = p_chat_id for update;
  if not found then
    raise exception 'chat % does not exist', p_chat_id using errcode = 'PT404';
  end if;
  if chat.project_id is null then
    return copied;
  end if;
  -- Types in enum order: a BOM is copied before the wiring whose wires point at its parts.
  for source in
    select c.* from public.project_current_artifacts(chat.project_id) c
     where c.chat_id <> p_chat_id
       and not exists (select 1 from public.artifacts a where a.chat_id = p_chat_id and a.type = c.type and a.is_visible)
     order by c.type
  loop
    insert into public.artifacts (chat_id, project_id, user_id, type, title, description, current_version, total_versions, metadata)
    select p_chat_id, chat.project_id, a.user_id, a.type, a.title, a.description, source.version_number, source.version_number,
           a.metadata || jsonb_build_object('copied_from',
             jsonb_build_object('chat_id', a.chat_id, 'artifact_id', a.id, 'version', source.version_number))
      from public.artifacts a where a.id = source.artifact_id
    returning id into copy_id;
    insert into public.artifact_versions (artifact_id, version_number, content, content_json, file_url, change_summary)
    select copy_id, v.version_number, v.content, v.content_json, v.file_url, v.change_summary
      from public.artifact_versions v
     where v.artifact_id = source.artifact_id and v.version_number <= source.version_number
     order by v.version_number;
    select v.id into copy_version_id from public.artifact_versions v
     where v.artifact_id = copy_id and v.version_number = source.version_number;

    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select chat.project_id, copy_id, copy_version_id, r.name, r.part_number, r.manufacturer, r.quantity, r.voltage,
           r.current, r.interface_type, r.price, r.supplier, r.supplier_url, r.specs, r.alternatives, r.compatibility_warnings
      from public.parts r where r.artifact_version_id = source.version_id;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
      from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select chat.project_id, copy_id, copy_version_id, r.sequence_number,
           (select p.id from public.parts p join public.artifacts b on b.id = p.artifact_id
             where b.chat_id = p_chat_id and b.type = 'bom' and p.specs ->> 'ref' = f.specs ->> 'ref' limit 1),
           r.from_pin, r.from_pin_type,
           (select p.id from public.parts p join public.artifacts b on b.id = p.artifact_id
             where b.chat_id = p_chat_id and b.type = 'bom' and p.specs ->> 'ref' = t.specs ->> 'ref' limit 1),
           r.to_pin, r.to_pin_type, r.voltage, r.signal_type, r.wire_color, r.warnings
      from public.connections r
      left join public.parts f on f.id = r.from_part_id
      left join public.parts t on t.id = r.to_part_id
     where r.artifact_version_id = source.version_id;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select chat.project_id, copy_id, copy_version_id, r.filename, r.language, r.platform, r.content, r.unit_number,
           r.required_libraries, r.is_production_ready
      from public.code_files r where r.artifact_version_id = source.version_id;

    copied := copied || jsonb_build_object('type', source.type, 'artifactId', copy_id, 'version', source.version_number,
      'from', source.artifact_id);
  end loop;
  return copied;
end;
$$;

comment on function public.adopt_project_design(uuid) is
  'Copies the project''s current artifacts this chat lacks into it, with their versions and rows, before an agent turn.';
revoke execute on function public.adopt_project_design(uuid) from public, anon, authenticated;
grant execute on function public.adopt_project_design(uuid) to service_role;
