-- What a job token lets an external agent service do, enforced here rather than in the app: public.agent_job_read
-- (the chat's active branch up to the job's message, the project and its current artifacts) and
-- public.agent_job_write (start the reply, append deltas, finish or fail it, create artifact versions with an
-- expected version, add parts, connections and code files to the versions this job wrote). Both take the token
-- itself, find the one job it belongs to and touch nothing outside that job's chat. Every write carries an
-- idempotency key: a retry returns the first answer (private.agent_job_writes), the same key with another body is
-- refused (PT422). Writes take the service's and the job's rate limits (private.take_agent_rate_limit).
-- A job ends when it is finished or failed, when the user stops its reply (or the stale-reply rule settles it,
-- public.interrupt_stale_replies), or when it stays silent past private.reply_stale_after() or outlives its token:
-- the next call settles it as interrupted (reply included) and is refused. The reply is an ordinary assistant
-- message: the message triggers broadcast every change to the user's tabs as they do for the in-process agents,
-- and finishing goes through public.complete_agent_turn, the in-process agents' own path.

create table private.agent_job_writes (
  job_id uuid not null references private.agent_jobs (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (job_id, idempotency_key)
);
comment on table private.agent_job_writes is 'Each agent API write of a job by idempotency key: a hash of what was asked and what was answered.';
alter table private.agent_job_writes enable row level security;

-- security invoker: called only by the functions below. The job this token belongs to, locked (one write of a job
-- at a time, so deltas keep their order and a retried key waits for the first attempt); PT401 for a token that
-- is unknown or whose service was revoked, 42501 for a token of another job than the one named.
create function private.agent_job_for_token(p_token text, p_job_id uuid) returns private.agent_jobs
language plpgsql volatile security invoker set search_path = '' as $$
declare
  job private.agent_jobs;
begin
  select * into job from private.agent_jobs j where j.token_hash = private.agent_secret_hash(p_token) for update;
  if not found then
    raise exception 'the job token is not valid' using errcode = 'PT401';
  end if;
  if exists (select 1 from private.agent_services s where s.id = job.service_id and s.revoked_at is not null) then
    raise exception 'the agent service was revoked' using errcode = 'PT401';
  end if;
  if job.id is distinct from p_job_id then
    raise exception 'this job token belongs to another job' using errcode = '42501';
  end if;
  return job;
end;
$$;
revoke execute on function private.agent_job_for_token(text, uuid) from public;

-- security invoker: as above. Null while the job may act; otherwise why it may not, after settling a job whose
-- reply someone else ended, or that ran past its deadline (its streaming reply ends `interrupted` with what it
-- said). The caller returns the reason instead of raising, so the settlement commits.
create function private.agent_job_refusal(p_job private.agent_jobs) returns text
language plpgsql volatile security invoker set search_path = '' as $$
declare
  reply_status public.message_status;
begin
  if p_job.status <> 'open' then
    return 'this job has ended (' || p_job.status::text || ')';
  end if;
  if p_job.reply_message_id is not null then
    select m.status into reply_status from public.messages m where m.id = p_job.reply_message_id;
    if reply_status is distinct from 'streaming' then
      update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
      return 'the reply was stopped, so this job has ended';
    end if;
  end if;
  if now() > p_job.expires_at or p_job.last_seen_at < now() - private.reply_stale_after() then
    update public.messages m set status = 'interrupted' where m.id = p_job.reply_message_id and m.status = 'streaming';
    update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
    return 'this job ran past its deadline and was settled as interrupted';
  end if;
  return null;
end;
$$;
revoke execute on function private.agent_job_refusal(private.agent_jobs) from public;

-- security definer: the service reads through its job token only, never with a grant on the chat; this returns the
-- job's chat and nothing else: the branch from the first message down to the job's message (not the replies
-- after it, not other branches), the project and the current version of each visible artifact.
create function public.agent_job_read(p_token text, p_job_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  job private.agent_jobs := private.agent_job_for_token(p_token, p_job_id);
  refusal text := private.agent_job_refusal(job);
  service private.agent_services;
begin
  if refusal is not null then
    return jsonb_build_object('refused', refusal);
  end if;
  select * into service from private.agent_services s where s.id = job.service_id;
  perform private.take_agent_rate_limit(job.id, 'agent_job_write', service.job_writes_per_minute);
  return jsonb_build_object(
    'job', private.agent_job_json(job),
    'project', (select jsonb_build_object('id', p.id, 'name', p.name, 'goal', p.goal,
                       'target_budget', p.target_budget, 'currency', p.currency)
                  from public.chats c join public.projects p on p.id = c.project_id where c.id = job.chat_id),
    'messages', coalesce((select jsonb_agg(jsonb_build_object('id', b.id, 'role', b.role, 'content', b.content,
                          'agent', b.agent_name, 'status', b.status, 'created_at', b.created_at)
                          order by b.sequence_number)
                     from private.branch_from(job.message_id, 200) b), '[]'::jsonb),
    'artifacts', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'type', a.type, 'title', a.title,
                           'current_version', a.current_version, 'version_id', v.id, 'content', v.content,
                           'content_json', v.content_json) order by a.created_at)
                      from public.artifacts a
                      join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
                     where a.chat_id = job.chat_id and a.is_visible), '[]'::jsonb));
end;
$$;
comment on function public.agent_job_read(text, uuid) is 'The chat branch, project and current artifacts a job token may read.';
revoke execute on function public.agent_job_read(text, uuid) from public, anon, authenticated;
grant execute on function public.agent_job_read(text, uuid) to service_role;

-- security invoker: called only by public.agent_job_write for an open job. The reply's life: start, deltas, finish
-- (through public.complete_agent_turn), fail.
create function private.agent_job_reply(p_job private.agent_jobs, p_service_name text, p_op text, p_body jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  reply public.messages;
  delta text;
  finished jsonb;
begin
  if p_op = 'reply.start' then
    if p_job.reply_message_id is not null then
      raise exception 'this job has already started its reply' using errcode = 'PT409';
    end if;
    insert into public.messages (chat_id, role, content, status, parent_id, agent_name, agent_model, intent, idempotency_key)
    values (p_job.chat_id, 'assistant', '', 'streaming', p_job.message_id, p_job.agent_name, left(p_service_name, 128),
            p_job.intent, 'job:' || p_job.id::text)
    returning * into reply;
    update private.agent_jobs j set reply_message_id = reply.id where j.id = p_job.id;
    return jsonb_build_object('message_id', reply.id, 'sequence_number', reply.sequence_number, 'status', reply.status);
  end if;
  if p_job.reply_message_id is null then
    raise exception 'start the reply first (POST …/reply)' using errcode = 'PT409';
  end if;
  if p_op = 'reply.delta' then
    delta := p_body ->> 'text';
    if delta is null or delta = '' or char_length(delta) > 16000 then
      raise exception 'a delta is 1 to 16,000 characters of text' using errcode = '22023';
    end if;
    update public.messages m set content = m.content || delta
     where m.id = p_job.reply_message_id and char_length(m.content) + char_length(delta) <= 100000
    returning * into reply;
    if not found then
      raise exception 'a reply can be at most 100,000 characters' using errcode = '22023';
    end if;
    return jsonb_build_object('message_id', reply.id, 'length', char_length(reply.content));
  elsif p_op = 'reply.finish' then
    select * into reply from public.messages m where m.id = p_job.reply_message_id;
    finished := public.complete_agent_turn(p_job.chat_id, p_job.reply_message_id, jsonb_build_object(
      'content', coalesce(p_body ->> 'content', reply.content),
      'agent', jsonb_build_object('name', p_job.agent_name, 'model', left(p_service_name, 128)),
      'intent', p_job.intent,
      'usage', coalesce(p_body -> 'usage', '{}'::jsonb),
      'route', jsonb_build_object('intent', p_job.intent, 'agent', p_job.agent_name, 'service', p_service_name,
                                  'reason', 'handed to an external agent service'),
      'writes', '[]'::jsonb, 'stale', '[]'::jsonb));
    update private.agent_jobs j set status = 'complete', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', finished ->> 'status');
  elsif p_op = 'reply.fail' then
    update public.messages m
       set status = 'error',
           content = left(m.content || case when coalesce(btrim(p_body ->> 'reason'), '') = '' then ''
                                            else E'\n\n> ' || left(btrim(p_body ->> 'reason'), 500) end, 100000)
     where m.id = p_job.reply_message_id;
    update private.agent_jobs j set status = 'failed', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', 'error');
  end if;
  raise exception 'unknown write %', p_op using errcode = '22023';
end;
$$;
revoke execute on function private.agent_job_reply(private.agent_jobs, text, text, jsonb) from public;

-- security invoker: called only by public.agent_job_write. A new artifact (expected_version 0; the chat's project is
-- created then if it has none, as public.complete_agent_turn does) or the next version of one of this chat's
-- artifacts (a stale expected_version is add_artifact_version's PT409). The version is linked to the job's reply.
create function private.agent_job_artifact(p_job private.agent_jobs, p_body jsonb) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  chat public.chats;
  target_artifact_id uuid := (p_body ->> 'artifact_id')::uuid;
  expected integer := coalesce((p_body ->> 'expected_version')::integer, 0);
  kind public.artifact_type := (p_body ->> 'type')::public.artifact_type;
  version public.artifact_versions;
begin
  if p_job.reply_message_id is null then
    raise exception 'start the reply first: a version belongs to the reply that wrote it' using errcode = 'PT409';
  end if;
  select * into chat from public.chats c where c.id = p_job.chat_id for update;
  if target_artifact_id is null then
    if expected <> 0 then
      raise exception 'a new artifact starts at expected_version 0 (got %)', expected using errcode = '22023';
    end if;
    if exists (select 1 from public.artifacts a where a.chat_id = chat.id and a.type = kind and a.is_visible) then
      raise exception 'this chat already has a % artifact: send its artifact_id and current version', kind
        using errcode = 'PT409';
    end if;
    if chat.project_id is null then
      insert into public.projects (user_id, name, goal)
      values (chat.user_id, left(chat.title, 200),
              left((select m.content from public.messages m where m.id = p_job.message_id), 5000))
      returning id into chat.project_id;
      update public.chats c set project_id = chat.project_id where c.id = chat.id;
    end if;
    target_artifact_id := public.create_artifact_with_version(chat.id, chat.project_id, kind, p_body ->> 'title',
      p_body ->> 'content', p_body -> 'content_json', p_job.reply_message_id, null,
      coalesce(p_body ->> 'change_summary', 'Initial version'));
    select * into version from public.artifact_versions v where v.artifact_id = target_artifact_id
       and v.version_number = 1;
  else
    if not exists (select 1 from public.artifacts a where a.id = target_artifact_id and a.chat_id = chat.id and a.is_visible) then
      raise exception 'this chat has no artifact %', target_artifact_id using errcode = 'PT404';
    end if;
    version := public.add_artifact_version(target_artifact_id, expected, p_body ->> 'content', p_body -> 'content_json',
      p_body ->> 'change_summary', p_job.reply_message_id);
  end if;
  return jsonb_build_object('artifact_id', target_artifact_id, 'version_id', version.id, 'version', version.version_number);
end;
$$;
revoke execute on function private.agent_job_artifact(private.agent_jobs, jsonb) from public;

-- security invoker: called only by public.agent_job_write. Rows of a version this job's reply wrote (any other
-- version, of this chat or another, is PT404): a BOM's parts, a wiring's connections (their ends named by the
-- parts' BOM line refs, resolved against a BOM version of the same chat), a code version's files.
create function private.agent_job_rows(p_job private.agent_jobs, p_op text, p_body jsonb) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  version public.artifact_versions;
  target_artifact public.artifacts;
  bom_version_id uuid;
  missing_ref text;
  new_rows jsonb := coalesce(p_body -> 'rows', '[]'::jsonb);
  added integer;
begin
  select v.* into version from public.artifact_versions v
   where v.id = (p_body ->> 'version_id')::uuid and v.created_by_message_id = p_job.reply_message_id;
  if not found then
    raise exception 'this job wrote no version %', p_body ->> 'version_id' using errcode = 'PT404';
  end if;
  select a.* into target_artifact from public.artifacts a where a.id = version.artifact_id and a.chat_id = p_job.chat_id;
  if not found then
    raise exception 'this job wrote no version %', version.id using errcode = 'PT404';
  end if;
  if jsonb_typeof(new_rows) <> 'array' or jsonb_array_length(new_rows) > 500 then
    raise exception 'rows is an array of at most 500 rows' using errcode = '22023';
  end if;
  if p_op = 'version.parts' then
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select target_artifact.project_id, target_artifact.id, version.id, r.name, r.part_number, r.manufacturer, coalesce(r.quantity, 1),
           r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url, coalesce(r.specs, '{}'::jsonb),
           coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, new_rows) r;
  elsif p_op = 'version.connections' then
    select v.id into bom_version_id from public.artifact_versions v join public.artifacts a on a.id = v.artifact_id
     where v.id = (p_body ->> 'bom_version_id')::uuid and a.chat_id = p_job.chat_id and a.type = 'bom';
    if bom_version_id is null then
      raise exception 'bom_version_id must name a BOM version of this chat' using errcode = '22023';
    end if;
    select r.ref into missing_ref
      from jsonb_to_recordset(new_rows) as c(from_ref text, to_ref text), lateral (values (c.from_ref), (c.to_ref)) r(ref)
     where r.ref is not null
       and not exists (select 1 from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = r.ref)
     limit 1;
    if missing_ref is not null then
      raise exception 'the BOM version lists no part %', missing_ref using errcode = '22023';
    end if;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
      from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select target_artifact.project_id, target_artifact.id, version.id, c.sequence_number,
           (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.from_ref limit 1),
           c.from_pin, c.from_pin_type,
           (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.to_ref limit 1),
           c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, coalesce(c.warnings, '{}')
      from jsonb_to_recordset(new_rows) as c(sequence_number integer, from_ref text, from_pin text, from_pin_type text,
           to_ref text, to_pin text, to_pin_type text, voltage text, signal_type text, wire_color text, warnings text[]);
  elsif p_op = 'version.code_files' then
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select target_artifact.project_id, target_artifact.id, version.id, r.filename, r.language, r.platform, coalesce(r.content, ''),
           r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, new_rows) r;
  else
    raise exception 'unknown write %', p_op using errcode = '22023';
  end if;
  get diagnostics added = row_count;
  return jsonb_build_object('version_id', version.id, 'added', added);
end;
$$;
revoke execute on function private.agent_job_rows(private.agent_jobs, text, jsonb) from public;

-- security definer: the only way a job token writes. Checks the token against this one job, answers a retried
-- idempotency key with its first answer (before anything else: a retried finish still gets its answer after the
-- job ended), refuses an ended job, does the one write, then takes the job's and the service's rate limits.
create function public.agent_job_write(p_token text, p_job_id uuid, p_idempotency_key text, p_op text, p_body jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  job private.agent_jobs := private.agent_job_for_token(p_token, p_job_id);
  service private.agent_services;
  body_hash text := md5(p_op || ':' || coalesce(p_body, '{}'::jsonb)::text);
  earlier private.agent_job_writes;
  refusal text;
  answer jsonb;
begin
  if p_idempotency_key is null or char_length(p_idempotency_key) not between 1 and 200 then
    raise exception 'every write needs an Idempotency-Key of 1 to 200 characters' using errcode = '22023';
  end if;
  select * into earlier from private.agent_job_writes w where w.job_id = job.id and w.idempotency_key = p_idempotency_key;
  if found then
    if earlier.request_hash <> body_hash then
      raise exception 'this Idempotency-Key was used for a different request' using errcode = 'PT422';
    end if;
    return earlier.response;
  end if;
  refusal := private.agent_job_refusal(job);
  if refusal is not null then
    return jsonb_build_object('refused', refusal);
  end if;
  select * into service from private.agent_services s where s.id = job.service_id;
  answer := case
    when p_op like 'reply.%' then private.agent_job_reply(job, service.name, p_op, coalesce(p_body, '{}'::jsonb))
    when p_op = 'artifact.version' then private.agent_job_artifact(job, coalesce(p_body, '{}'::jsonb))
    else private.agent_job_rows(job, p_op, coalesce(p_body, '{}'::jsonb)) end;
  insert into private.agent_job_writes (job_id, idempotency_key, request_hash, response)
  values (job.id, p_idempotency_key, body_hash, answer);
  update private.agent_jobs j set last_seen_at = now() where j.id = job.id;
  -- The limits last: the service's counter row is shared by all its jobs and stays locked until commit, so taking
  -- it here keeps concurrent jobs from queueing behind each other's writes. A refusal still undoes the write.
  perform private.take_agent_rate_limit(job.id, 'agent_job_write', service.job_writes_per_minute);
  perform private.take_agent_rate_limit(service.id, 'agent_write', service.writes_per_minute);
  return answer;
end;
$$;
comment on function public.agent_job_write(text, uuid, text, text, jsonb) is 'Every write a job token may make, idempotent by key and rate-limited.';
revoke execute on function public.agent_job_write(text, uuid, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.agent_job_write(text, uuid, text, text, jsonb) to service_role;
