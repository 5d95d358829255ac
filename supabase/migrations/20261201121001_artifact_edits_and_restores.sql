-- The maker's own versions and restores, in the database where every writer meets:
--  * private.add_version: the one place a version is numbered (current_version = expected, or a PT409 conflict),
--    with its author. public.add_artifact_version (first defined in 20261125041400_artifacts.sql) now calls it.
--  * public.save_artifact_version: a version the user wrote (a document, a BOM line, a code file), with its parts
--    and code_files rows, within limits that say what they are (PT413), onto a visible artifact only.
--  * public.restore_artifact_version (first defined in 20261125041400_artifacts.sql), redefined: a new version
--    whose content and rows are the old one's, "Restored v1" by the user; the current version cannot be restored;
--    nothing is deleted.
--  * A BOM version the user makes (edit or restore) marks the chat's wiring, diagram and code stale.

create function private.add_version(p_artifact_id uuid, p_expected_version integer, p_content text,
  p_content_json jsonb, p_change_summary text, p_message_id uuid, p_author text)
returns public.artifact_versions
language plpgsql security invoker set search_path = '' as $$
declare
  bumped public.artifacts;
  previous_id uuid;
  created public.artifact_versions;
begin
  if p_content is null and p_content_json is null then
    raise exception 'an artifact version needs content or content_json' using errcode = '22023';
  end if;
  -- Under concurrent writers on the same expected version, the first update wins; the others wait on its row
  -- lock, re-read current_version, match nothing and get the conflict.
  update public.artifacts
     set current_version = total_versions + 1, total_versions = total_versions + 1
   where id = p_artifact_id and current_version = p_expected_version
  returning * into bumped;
  if not found then
    if not exists (select 1 from public.artifacts where id = p_artifact_id) then
      raise exception 'artifact % not found', p_artifact_id using errcode = 'PT404';
    end if;
    raise exception 'this artifact has moved past version %: someone saved a newer version first', p_expected_version
      using errcode = 'PT409', hint = 'Another writer created a newer version first.';
  end if;
  select id into previous_id from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_expected_version;
  insert into public.artifact_versions (artifact_id, version_number, content, content_json, change_summary,
                                        parent_version_id, created_by_message_id, author)
  values (p_artifact_id, bumped.total_versions, p_content, p_content_json, p_change_summary, previous_id, p_message_id, p_author)
  returning * into created;
  if p_message_id is not null then
    perform private.link_message_artifact(p_message_id, p_artifact_id);
  end if;
  return created;
end;
$$;
revoke execute on function private.add_version(uuid, integer, text, jsonb, text, uuid, text) from public, anon;
grant execute on function private.add_version(uuid, integer, text, jsonb, text, uuid, text) to authenticated, service_role;

create or replace function public.add_artifact_version(p_artifact_id uuid, p_expected_version integer, p_content text,
  p_content_json jsonb, p_change_summary text, p_message_id uuid default null)
returns public.artifact_versions
language sql security invoker set search_path = '' as $$
  select * from private.add_version(p_artifact_id, p_expected_version, p_content, p_content_json, p_change_summary,
                                    p_message_id, 'agent')
$$;

-- The visible artifact the caller may write, or a clear refusal (RLS hides other users' artifacts: not found).
create function private.writable_artifact(p_artifact_id uuid) returns public.artifacts
language plpgsql stable security invoker set search_path = '' as $$
declare
  found_artifact public.artifacts;
begin
  select * into found_artifact from public.artifacts a where a.id = p_artifact_id;
  if not found then
    raise exception 'this artifact does not exist or you do not have access to it' using errcode = 'PT404';
  end if;
  if not found_artifact.is_visible then
    raise exception '% was deleted: it can no longer be edited or restored', found_artifact.title using errcode = 'PT404';
  end if;
  return found_artifact;
end;
$$;
revoke execute on function private.writable_artifact(uuid) from public, anon;
grant execute on function private.writable_artifact(uuid) to authenticated, service_role;

-- Marks the chat's wiring, diagram and code stale after a BOM version the user made; what each was built from
-- stays as its first mark said, or the BOM version before this one.
create function private.mark_bom_dependants_stale(p_chat_id uuid, p_bom_version integer, p_reason text) returns void
language sql security invoker set search_path = '' as $$
  update public.artifacts a
     set metadata = a.metadata || jsonb_build_object('stale', jsonb_build_object(
           'reason', p_reason,
           'basedOn', coalesce(a.metadata #> '{stale,basedOn}', jsonb_build_object('type', 'bom', 'version',
             coalesce((select (v.content_json ->> 'bomVersion')::integer from public.artifact_versions v
                        where v.artifact_id = a.id and v.version_number = a.current_version
                          and jsonb_typeof(v.content_json -> 'bomVersion') = 'number'),
                      greatest(p_bom_version - 1, 1)))),
           'current', jsonb_build_object('type', 'bom', 'version', p_bom_version)))
   where a.chat_id = p_chat_id and a.is_visible and a.type in ('wiring', 'circuit_diagram', 'code')
$$;
revoke execute on function private.mark_bom_dependants_stale(uuid, integer, text) from public, anon;
grant execute on function private.mark_bom_dependants_stale(uuid, integer, text) to authenticated, service_role;

-- What one user-written version may hold; each refusal says the limit.
create function private.check_artifact_limits(p_content text, p_content_json jsonb, p_change_summary text, p_rows jsonb)
returns void
language plpgsql immutable security invoker set search_path = '' as $$
begin
  if char_length(p_content) > 200000 then
    raise exception 'this document is % characters long; the limit is 200,000', char_length(p_content) using errcode = 'PT413';
  end if;
  if octet_length(p_content_json::text) > 1000000 then
    raise exception 'this artifact is % KB; the limit is 1,000 KB', octet_length(p_content_json::text) / 1000 using errcode = 'PT413';
  end if;
  if jsonb_array_length(coalesce(p_rows -> 'parts', '[]'::jsonb)) > 1000 then
    raise exception 'a BOM holds at most 1,000 lines' using errcode = 'PT413';
  end if;
  if jsonb_array_length(coalesce(p_rows -> 'codeFiles', '[]'::jsonb)) > 50 then
    raise exception 'a code artifact holds at most 50 files' using errcode = 'PT413';
  end if;
  if p_change_summary is null or btrim(p_change_summary) = '' then
    raise exception 'say what changed (the summary is empty)' using errcode = '22023';
  end if;
  if char_length(p_change_summary) > 300 then
    raise exception 'the summary is % characters; keep it under 300', char_length(p_change_summary) using errcode = '22023';
  end if;
end;
$$;
revoke execute on function private.check_artifact_limits(text, jsonb, text, jsonb) from public, anon;
grant execute on function private.check_artifact_limits(text, jsonb, text, jsonb) to authenticated, service_role;

-- Copies one version's parts, connections and code_files rows onto another version of the same artifact.
-- Connections keep pointing at the parts of the BOM version the wiring was built from.
create function private.copy_version_rows(p_from_version uuid, p_to_version uuid) returns void
language sql security invoker set search_path = '' as $$
  insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
    voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
  select p.project_id, p.artifact_id, p_to_version, p.name, p.part_number, p.manufacturer, p.quantity, p.voltage,
         p.current, p.interface_type, p.price, p.supplier, p.supplier_url, p.specs, p.alternatives, p.compatibility_warnings
    from public.parts p where p.artifact_version_id = p_from_version order by p.created_at, p.id;
  insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
    from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
  select c.project_id, c.artifact_id, p_to_version, c.sequence_number, c.from_part_id, c.from_pin, c.from_pin_type,
         c.to_part_id, c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, c.warnings
    from public.connections c where c.artifact_version_id = p_from_version;
  insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
    unit_number, required_libraries, is_production_ready)
  select f.project_id, f.artifact_id, p_to_version, f.filename, f.language, f.platform, f.content, f.unit_number,
         f.required_libraries, f.is_production_ready
    from public.code_files f where f.artifact_version_id = p_from_version;
$$;
revoke execute on function private.copy_version_rows(uuid, uuid) from public, anon;
grant execute on function private.copy_version_rows(uuid, uuid) to authenticated, service_role;

create function public.save_artifact_version(p_artifact_id uuid, p_expected_version integer, p_content text,
  p_content_json jsonb, p_change_summary text, p_rows jsonb default '{}'::jsonb)
returns public.artifact_versions
language plpgsql security invoker set search_path = '' as $$
declare
  target public.artifacts;
  created public.artifact_versions;
begin
  target := private.writable_artifact(p_artifact_id);
  perform private.check_artifact_limits(p_content, p_content_json, p_change_summary, p_rows);
  created := private.add_version(p_artifact_id, p_expected_version, p_content, p_content_json, btrim(p_change_summary),
                                 null, 'user');
  if target.project_id is not null then
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select target.project_id, p_artifact_id, created.id, r.name, r.part_number, r.manufacturer, coalesce(r.quantity, 1),
           r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url, coalesce(r.specs, '{}'::jsonb),
           coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, coalesce(p_rows -> 'parts', '[]'::jsonb)) r;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select target.project_id, p_artifact_id, created.id, r.filename, r.language, r.platform, coalesce(r.content, ''),
           r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, coalesce(p_rows -> 'codeFiles', '[]'::jsonb)) r;
  end if;
  if target.type = 'bom' then
    perform private.mark_bom_dependants_stale(target.chat_id, created.version_number,
      format('BOM v%s: %s', created.version_number, left(created.change_summary, 200)));
  end if;
  return created;
end;
$$;
revoke execute on function public.save_artifact_version(uuid, integer, text, jsonb, text, jsonb) from public, anon;
grant execute on function public.save_artifact_version(uuid, integer, text, jsonb, text, jsonb) to authenticated, service_role;
comment on function public.save_artifact_version(uuid, integer, text, jsonb, text, jsonb) is 'A version the user wrote, after p_expected_version or a PT409 conflict, with its parts and code_files rows.';

create or replace function public.restore_artifact_version(p_artifact_id uuid, p_version_number integer, p_expected_version integer)
returns public.artifact_versions
language plpgsql security invoker set search_path = '' as $$
declare
  target public.artifacts;
  old public.artifact_versions;
  created public.artifact_versions;
begin
  target := private.writable_artifact(p_artifact_id);
  select * into old from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_version_number;
  if not found then
    raise exception '% has no version %: its versions are 1 to %', target.title, p_version_number, target.total_versions
      using errcode = 'PT404';
  end if;
  if p_version_number = target.current_version then
    raise exception 'v% is already the current version: there is nothing to restore', p_version_number using errcode = '22023';
  end if;
  created := private.add_version(p_artifact_id, p_expected_version, old.content, old.content_json,
                                 format('Restored v%s', p_version_number), null, 'user');
  perform private.copy_version_rows(old.id, created.id);
  if target.type = 'bom' then
    perform private.mark_bom_dependants_stale(target.chat_id, created.version_number,
      format('BOM v%s restored v%s', created.version_number, p_version_number));
  end if;
  return created;
end;
$$;
