-- public.complete_agent_turn: saves a finished agent turn in one transaction. The reply message (already saved as
-- `streaming` while it streamed) is finished with its agent, intent, token counts and routing decision; the chat's
-- project is created (named from the goal) when the turn writes the chat's first artifact; every artifact version
-- goes through create_artifact_with_version / add_artifact_version (so a stale expected version is the same PT409
-- conflict, and the message links each artifact); each version's project rows (parts of a BOM, connections of a
-- wiring with their part ids resolved from the BOM version it was built from, code files) are inserted; stale
-- marks are set or cleared in artifacts.metadata. Message, versions and rows commit together or not at all.
--
-- The turn is one jsonb document the app has validated with lib/agents/design/contract.ts:
--   { content, agent: {name, model, icon}, intent, usage: {input, output, cacheRead, cacheWrite}, route, phase,
--     project: {name, goal, budget: {amount, currency} | null} | null,
--     writes: [{ type, title, base: {artifactId, expectedVersion} | null, content, contentJson, changeSummary,
--                parts: [...], connections: [...], codeFiles: [...] }],
--     stale: [{ artifactId, mark | null }] }
-- Returns { status: 'complete' | 'stopped', projectId, versions: [{artifactId, type, title, version, versionId,
-- changeSummary}] }. 'stopped': the reply was no longer streaming (its owner pressed Stop), nothing is written.
--
-- Only the agents' write path calls it (service role), for the chat it was asked to answer: the message must be
-- an assistant message of p_chat_id and every artifact it versions must belong to that chat.
create function public.complete_agent_turn(p_chat_id uuid, p_message_id uuid, p_turn jsonb)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  chat public.chats;
  reply public.messages;
  turn_project_id uuid;
  write jsonb;
  turn_artifact_id uuid;
  version public.artifact_versions;
  bom_version_id uuid;
  missing_ref text;
  versions jsonb := '[]'::jsonb;
  mark jsonb;
begin
  -- One turn at a time per chat: two turns that both create the chat's first BOM are serialised here, and the
  -- second sees the first's artifact (a conflict) instead of making a second BOM.
  select * into chat from public.chats c where c.id = p_chat_id for update;
  if not found then
    raise exception 'chat % does not exist', p_chat_id using errcode = 'PT404';
  end if;
  select * into reply from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id for update;
  if not found or reply.role <> 'assistant' then
    raise exception 'message % is not a reply in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  if reply.status <> 'streaming' then
    return jsonb_build_object('status', 'stopped', 'projectId', chat.project_id, 'versions', '[]'::jsonb);
  end if;

  turn_project_id := chat.project_id;
  if turn_project_id is null and jsonb_array_length(coalesce(p_turn -> 'writes', '[]'::jsonb)) > 0 then
    insert into public.projects (user_id, name, goal, target_budget, currency)
    values (
      chat.user_id,
      left(coalesce(nullif(btrim(p_turn #>> '{project,name}'), ''), chat.title), 200),
      left(p_turn #>> '{project,goal}', 5000),
      (p_turn #>> '{project,budget,amount}')::numeric,
      coalesce(p_turn #>> '{project,budget,currency}', 'USD')
    )
    returning id into turn_project_id;
    update public.chats set project_id = turn_project_id where id = p_chat_id;
  end if;

  for write in select value from jsonb_array_elements(coalesce(p_turn -> 'writes', '[]'::jsonb)) loop
    if jsonb_typeof(write -> 'base') = 'object' then
      turn_artifact_id := (write #>> '{base,artifactId}')::uuid;
      if not exists (select 1 from public.artifacts a where a.id = turn_artifact_id and a.chat_id = p_chat_id
                        and a.type = (write ->> 'type')::public.artifact_type) then
        raise exception 'chat % has no % artifact %', p_chat_id, write ->> 'type', turn_artifact_id using errcode = 'PT404';
      end if;
      version := public.add_artifact_version(turn_artifact_id, (write #>> '{base,expectedVersion}')::integer,
        write ->> 'content', write -> 'contentJson', write ->> 'changeSummary', p_message_id);
    else
      if exists (select 1 from public.artifacts a
                  where a.chat_id = p_chat_id and a.type = (write ->> 'type')::public.artifact_type and a.is_visible) then
        raise exception 'chat % already has a % artifact: reload it and try again', p_chat_id, write ->> 'type'
          using errcode = 'PT409', hint = 'Another turn created it first.';
      end if;
      turn_artifact_id := public.create_artifact_with_version(p_chat_id, turn_project_id, (write ->> 'type')::public.artifact_type,
        write ->> 'title', write ->> 'content', write -> 'contentJson', p_message_id, null,
        coalesce(write ->> 'changeSummary', 'Initial version'));
      select * into version from public.artifact_versions v where v.artifact_id = turn_artifact_id and v.version_number = 1;
    end if;

    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select turn_project_id, turn_artifact_id, version.id, r.name, r.part_number, r.manufacturer,
           coalesce(r.quantity, 1), r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url,
           coalesce(r.specs, '{}'::jsonb), coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, coalesce(write -> 'parts', '[]'::jsonb)) r;

    if jsonb_array_length(coalesce(write -> 'connections', '[]'::jsonb)) > 0 then
      -- The wiring names parts by their BOM line refs; its rows point at the parts of the BOM version it was built from.
      select v.id into bom_version_id
        from public.artifacts a join public.artifact_versions v on v.artifact_id = a.id
       where a.chat_id = p_chat_id and a.type = 'bom' and a.is_visible
         and v.version_number = (write #>> '{contentJson,bomVersion}')::integer;
      if bom_version_id is null then
        raise exception 'the wiring names BOM version %, which chat % does not have', write #>> '{contentJson,bomVersion}', p_chat_id
          using errcode = '22023';
      end if;
      select r.ref into missing_ref
        from jsonb_to_recordset(write -> 'connections') as c(from_ref text, to_ref text),
             lateral (values (c.from_ref), (c.to_ref)) r(ref)
       where r.ref is not null
         and not exists (select 1 from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = r.ref)
       limit 1;
      if missing_ref is not null then
        raise exception 'the wiring names part %, which BOM version % does not list', missing_ref, write #>> '{contentJson,bomVersion}'
          using errcode = '22023';
      end if;
      insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
        from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
      select turn_project_id, turn_artifact_id, version.id, c.sequence_number,
             (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.from_ref limit 1),
             c.from_pin, c.from_pin_type,
             (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.to_ref limit 1),
             c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, coalesce(c.warnings, '{}')
        from jsonb_to_recordset(write -> 'connections') as c(sequence_number integer, from_ref text, from_pin text,
             from_pin_type text, to_ref text, to_pin text, to_pin_type text, voltage text, signal_type text,
             wire_color text, warnings text[]);
    end if;

    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select turn_project_id, turn_artifact_id, version.id, r.filename, r.language, r.platform,
           coalesce(r.content, ''), r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, coalesce(write -> 'codeFiles', '[]'::jsonb)) r;

    versions := versions || jsonb_build_object('artifactId', turn_artifact_id, 'type', write ->> 'type',
      'title', write ->> 'title', 'version', version.version_number, 'versionId', version.id,
      'changeSummary', version.change_summary);
  end loop;

  for mark in select value from jsonb_array_elements(coalesce(p_turn -> 'stale', '[]'::jsonb)) loop
    update public.artifacts a
       set metadata = case when jsonb_typeof(mark -> 'mark') = 'object'
                           then a.metadata || jsonb_build_object('stale', mark -> 'mark')
                           else a.metadata - 'stale' end
     where a.id = (mark ->> 'artifactId')::uuid and a.chat_id = p_chat_id;
  end loop;

  update public.messages m
     set content = coalesce(p_turn ->> 'content', m.content),
         status = 'complete',
         agent_name = coalesce(p_turn #>> '{agent,name}', m.agent_name),
         agent_model = coalesce(p_turn #>> '{agent,model}', m.agent_model),
         agent_icon = coalesce(p_turn #>> '{agent,icon}', m.agent_icon),
         intent = coalesce((p_turn ->> 'intent')::public.message_intent, m.intent),
         input_tokens = coalesce((p_turn #>> '{usage,input}')::integer, 0),
         output_tokens = coalesce((p_turn #>> '{usage,output}')::integer, 0),
         input_cache_read_tokens = coalesce((p_turn #>> '{usage,cacheRead}')::integer, 0),
         input_cache_write_tokens = coalesce((p_turn #>> '{usage,cacheWrite}')::integer, 0),
         metadata = m.metadata || jsonb_strip_nulls(jsonb_build_object('route', p_turn -> 'route'))
   where m.id = p_message_id;

  if p_turn ? 'phase' and jsonb_typeof(p_turn -> 'phase') = 'string' then
    update public.chats set current_phase = (p_turn ->> 'phase')::public.chat_phase where id = p_chat_id;
  end if;

  return jsonb_build_object('status', 'complete', 'projectId', turn_project_id, 'versions', versions);
end;
$$;

comment on function public.complete_agent_turn(uuid, uuid, jsonb) is
  'Saves a finished agent turn (reply, project, artifact versions, their rows, stale marks) in one transaction.';
revoke execute on function public.complete_agent_turn(uuid, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.complete_agent_turn(uuid, uuid, jsonb) to service_role;
