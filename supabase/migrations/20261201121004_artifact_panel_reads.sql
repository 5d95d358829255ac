-- The artifact panel in one round trip: the chat's artifacts (head and stale mark), one version's content, and a
-- page of the timeline by keyset on version_number (newest first, 30 a page), each with its author: the agent and
-- model of the message that made it, or the user. The same read serves a share page, cut at the snapshot's
-- versions and with its stale marks (p_snapshot: {versions: {artifact id: newest number}, stale: {artifact id:
-- mark}}); null means the owner's live view. It answers json, not jsonb: a
-- 500-line BOM is 250 KB, and json_build_object writes it out once where jsonb would copy and re-encode it.
create function private.artifact_panel(p_chat_id uuid, p_artifact_id uuid, p_version integer, p_before integer,
  p_limit integer, p_snapshot jsonb)
returns json
language plpgsql stable security invoker set search_path = '' as $$
declare
  head public.artifacts;
  newest integer;
  shown integer;
  version_row json;
  timeline json;
  heads json;
  cutoffs jsonb := p_snapshot -> 'versions';
begin
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'limit must be between 1 and 100 (got %)', p_limit using errcode = '22023';
  end if;
  select coalesce(json_agg(json_build_object(
           'id', a.id, 'type', a.type, 'title', a.title,
           'current_version', least(a.current_version, coalesce((cutoffs ->> a.id::text)::integer, a.current_version)),
           'stale', case when p_snapshot is null then a.metadata -> 'stale' else p_snapshot #> array['stale', a.id::text] end)
         order by a.type, a.created_at), '[]'::json)
    into heads
    from public.artifacts a
   where a.chat_id = p_chat_id and a.is_visible and a.current_version > 0
     and (cutoffs is null or cutoffs ? a.id::text);
  if p_artifact_id is null then
    return json_build_object('artifacts', heads);
  end if;

  select * into head from public.artifacts a
   where a.id = p_artifact_id and a.chat_id = p_chat_id and (cutoffs is null or cutoffs ? a.id::text);
  if not found then
    raise exception 'this artifact does not exist or you do not have access to it' using errcode = 'PT404';
  end if;
  newest := least(head.current_version, coalesce((cutoffs ->> head.id::text)::integer, head.current_version));
  shown := coalesce(p_version, newest);
  if shown > newest then
    raise exception '% has no version % here: its versions are 1 to %', head.title, shown, newest using errcode = 'PT404';
  end if;

  select json_build_object('id', v.id, 'version_number', v.version_number, 'content', v.content,
           'content_json', v.content_json, 'change_summary', v.change_summary, 'author', v.author,
           'created_at', v.created_at, 'created_by_message_id', v.created_by_message_id,
           'agent_name', m.agent_name, 'agent_model', m.agent_model, 'message_sequence', m.sequence_number)
    into version_row
    from public.artifact_versions v left join public.messages m on m.id = v.created_by_message_id
   where v.artifact_id = head.id and v.version_number = shown;
  if version_row is null then
    raise exception '% has no version %: its versions are 1 to %', head.title, shown, newest using errcode = 'PT404';
  end if;

  select coalesce(json_agg(json_build_object(
           'version_number', t.version_number, 'change_summary', t.change_summary, 'author', t.author,
           'created_at', t.created_at, 'created_by_message_id', t.created_by_message_id,
           'agent_name', t.agent_name, 'agent_model', t.agent_model, 'message_sequence', t.sequence_number)
         order by t.version_number desc), '[]'::json)
    into timeline
    from (select v.version_number, v.change_summary, v.author, v.created_at, v.created_by_message_id,
                 m.agent_name, m.agent_model, m.sequence_number
            from public.artifact_versions v left join public.messages m on m.id = v.created_by_message_id
           where v.artifact_id = head.id and v.version_number <= newest
             and (p_before is null or v.version_number < p_before)
           order by v.version_number desc
           limit p_limit) t;

  return json_build_object(
    'artifacts', heads,
    'artifact', json_build_object('id', head.id, 'type', head.type, 'title', head.title, 'chat_id', head.chat_id,
                                   'current_version', newest, 'is_visible', head.is_visible,
                                   'stale', case when p_snapshot is null then head.metadata -> 'stale'
                                                 else p_snapshot #> array['stale', head.id::text] end),
    'version', version_row,
    'timeline', timeline);
end;
$$;
revoke execute on function private.artifact_panel(uuid, uuid, integer, integer, integer, jsonb) from public, anon;
grant execute on function private.artifact_panel(uuid, uuid, integer, integer, integer, jsonb) to authenticated, service_role;

create function public.get_artifact_panel(p_chat_id uuid, p_artifact_id uuid default null, p_version integer default null,
  p_before integer default null, p_limit integer default 30)
returns json
language sql stable security invoker set search_path = '' as $$
  select private.artifact_panel(p_chat_id, p_artifact_id, p_version, p_before, p_limit, null)
$$;
revoke execute on function public.get_artifact_panel(uuid, uuid, integer, integer, integer) from public, anon;
grant execute on function public.get_artifact_panel(uuid, uuid, integer, integer, integer) to authenticated, service_role;
comment on function public.get_artifact_panel(uuid, uuid, integer, integer, integer) is 'The artifact panel: the chat''s artifacts, one version, a keyset page of its timeline (p_before: older than that number).';

-- security definer: a share page is read by anyone holding the token (anon included), and the link decides
-- what they see: the snapshot's chat and versions, nothing else.
create function private.get_shared_artifact_panel(p_token text, p_artifact_id uuid default null, p_version integer default null,
  p_before integer default null, p_limit integer default 30)
returns json
language plpgsql stable security definer set search_path = '' as $$
declare
  share public.shared_chats;
begin
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  return private.artifact_panel(share.chat_id, p_artifact_id, p_version, p_before, p_limit,
    jsonb_build_object('versions', share.artifact_versions, 'stale', share.artifact_stale));
end;
$$;
revoke execute on function private.get_shared_artifact_panel(text, uuid, integer, integer, integer) from public;
grant execute on function private.get_shared_artifact_panel(text, uuid, integer, integer, integer) to anon, authenticated;

create function public.get_shared_artifact_panel(p_token text, p_artifact_id uuid default null, p_version integer default null,
  p_before integer default null, p_limit integer default 30)
returns json
language sql stable security invoker set search_path = '' as $$
  select private.get_shared_artifact_panel(p_token, p_artifact_id, p_version, p_before, p_limit)
$$;
revoke execute on function public.get_shared_artifact_panel(text, uuid, integer, integer, integer) from public;
grant execute on function public.get_shared_artifact_panel(text, uuid, integer, integer, integer) to anon, authenticated;
