-- The in-process agents (offline and model) write through the agent API's job functions, so there is one way agents
-- write. Adds a built-in agent service `ohm` (private.agent_services.built_in; its key_hash is no sha-256 hex, so
-- no key ever opens it and public.claim_agent_job never hands out its jobs), public.open_agent_turn (the app opens
-- an `open` job of it bound to one chat and one user message, with a token it keeps in memory, and starts the reply
-- through public.agent_job_write in the same transaction), and what an in-process turn saves as agent_job_write ops:
-- 'reply.text' (the text so far: the throttled saves and the heartbeat the stale-reply rule relies on),
-- 'reply.interrupt' (ends the reply with what was said), and for the built-in service a finish that carries the
-- whole turn document of public.complete_agent_turn (versions, their rows, stale marks, phase) and a start that
-- names its model, icon and reply key (`reply:<message>` keeps two tabs from both answering one message).
-- The built-in service takes the per-job rate limit but not the service-wide one: its jobs are every user's
-- replies, already limited per user by public.take_reply_allowance, and one shared counter row would serialise them.
-- The built-in service can be neither revoked (every in-process reply would fail) nor handed a pending job (nothing
-- would ever claim it).
-- Redefines private.agent_job_reply (new signature: it takes the service row) and public.agent_job_write, both first
-- defined in 20261201121625_agent_job_reads_and_writes, and public.revoke_agent_service and public.create_agent_job,
-- first defined in 20261201121619_agent_services_and_jobs.

alter table private.agent_services add column built_in boolean not null default false;
comment on column private.agent_services.built_in is 'OHM''s own in-process agents: opened by public.open_agent_turn, never by a key.';

insert into private.agent_services (name, key_hash, key_prefix, built_in)
values ('ohm', 'built-in: no key opens this service', 'built-in', true);

drop function private.agent_job_reply(private.agent_jobs, text, text, jsonb);

-- security invoker: called only by public.agent_job_write for an open job. The reply's life: start, deltas or the
-- text so far, finish (through public.complete_agent_turn), fail, interrupt.
create function private.agent_job_reply(p_job private.agent_jobs, p_service private.agent_services, p_op text,
  p_body jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  reply public.messages;
  delta text;
  turn jsonb;
  finished jsonb;
begin
  if p_op = 'reply.start' then
    if p_job.reply_message_id is not null then
      raise exception 'this job has already started its reply' using errcode = 'PT409';
    end if;
    insert into public.messages (chat_id, role, content, status, parent_id, agent_name, agent_model, agent_icon, intent,
      idempotency_key)
    values (p_job.chat_id, 'assistant', '', 'streaming', p_job.message_id, p_job.agent_name,
            left(case when p_service.built_in then coalesce(p_body ->> 'model', p_service.name) else p_service.name end, 128),
            case when p_service.built_in then left(p_body ->> 'icon', 16) end,
            p_job.intent,
            case when p_service.built_in and p_body ? 'reply_key' then p_body ->> 'reply_key' else 'job:' || p_job.id::text end)
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
  elsif p_op = 'reply.text' then
    -- The whole text so far (a retry or a heartbeat saves the same text again, which keeps the reply fresh).
    if jsonb_typeof(p_body -> 'content') <> 'string' or char_length(p_body ->> 'content') > 100000 then
      raise exception 'the reply text is a string of at most 100,000 characters' using errcode = '22023';
    end if;
    update public.messages m set content = p_body ->> 'content' where m.id = p_job.reply_message_id
    returning * into reply;
    return jsonb_build_object('message_id', reply.id, 'length', char_length(reply.content));
  elsif p_op = 'reply.finish' then
    select * into reply from public.messages m where m.id = p_job.reply_message_id;
    if p_service.built_in then
      -- The in-process turn's whole document; the chat and the message are the job's, whatever it says.
      turn := p_body || jsonb_build_object('content', coalesce(p_body ->> 'content', reply.content));
    else
      turn := jsonb_build_object(
        'content', coalesce(p_body ->> 'content', reply.content),
        'agent', jsonb_build_object('name', p_job.agent_name, 'model', left(p_service.name, 128)),
        'intent', p_job.intent,
        'usage', coalesce(p_body -> 'usage', '{}'::jsonb),
        'route', jsonb_build_object('intent', p_job.intent, 'agent', p_job.agent_name, 'service', p_service.name,
                                    'reason', 'handed to an external agent service'),
        'writes', '[]'::jsonb, 'stale', '[]'::jsonb);
    end if;
    finished := public.complete_agent_turn(p_job.chat_id, p_job.reply_message_id, turn);
    update private.agent_jobs j
       set status = case when finished ->> 'status' = 'complete' then 'complete' else 'interrupted' end::private.agent_job_status,
           finished_at = now()
     where j.id = p_job.id;
    if p_service.built_in then
      return finished || jsonb_build_object('message_id', p_job.reply_message_id);
    end if;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', finished ->> 'status');
  elsif p_op = 'reply.fail' then
    update public.messages m
       set status = 'error',
           content = left(coalesce(p_body ->> 'content', m.content)
                          || case when coalesce(btrim(p_body ->> 'reason'), '') = '' then ''
                                  else E'\n\n> ' || left(btrim(p_body ->> 'reason'), 500) end, 100000)
     where m.id = p_job.reply_message_id;
    update private.agent_jobs j set status = 'failed', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', 'error');
  elsif p_op = 'reply.interrupt' then
    update public.messages m
       set status = 'interrupted', content = left(coalesce(p_body ->> 'content', m.content), 100000)
     where m.id = p_job.reply_message_id;
    update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', 'interrupted');
  end if;
  raise exception 'unknown write %', p_op using errcode = '22023';
end;
$$;
revoke execute on function private.agent_job_reply(private.agent_jobs, private.agent_services, text, jsonb) from public;

-- security definer: the only way a job token writes (as first defined); now also for the built-in service, whose
-- writes skip only the service-wide limit (see the header).
create or replace function public.agent_job_write(p_token text, p_job_id uuid, p_idempotency_key text, p_op text, p_body jsonb)
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
    when p_op like 'reply.%' then private.agent_job_reply(job, service, p_op, coalesce(p_body, '{}'::jsonb))
    when p_op = 'artifact.version' then private.agent_job_artifact(job, coalesce(p_body, '{}'::jsonb))
    else private.agent_job_rows(job, p_op, coalesce(p_body, '{}'::jsonb)) end;
  insert into private.agent_job_writes (job_id, idempotency_key, request_hash, response)
  values (job.id, p_idempotency_key, body_hash, answer);
  -- A built-in reply saves its text every few hundred milliseconds: once it has ended, only the ending's answer
  -- can still be asked for again, so the text saves' records go (a reply keeps two or three, not hundreds).
  if service.built_in and p_op in ('reply.finish', 'reply.fail', 'reply.interrupt') then
    delete from private.agent_job_writes w where w.job_id = job.id and w.idempotency_key like 'reply.text:%';
  end if;
  update private.agent_jobs j set last_seen_at = now() where j.id = job.id;
  -- The limits last: the service's counter row is shared by all its jobs and stays locked until commit, so taking
  -- it here keeps concurrent jobs from queueing behind each other's writes. A refusal still undoes the write.
  perform private.take_agent_rate_limit(job.id, 'agent_job_write', service.job_writes_per_minute);
  if not service.built_in then
    perform private.take_agent_rate_limit(service.id, 'agent_write', service.writes_per_minute);
  end if;
  return answer;
end;
$$;
comment on function public.agent_job_write(text, uuid, text, text, jsonb) is 'Every write a job token may make, idempotent by key and rate-limited.';
revoke execute on function public.agent_job_write(text, uuid, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.agent_job_write(text, uuid, text, text, jsonb) to service_role;

-- security definer: the in-process agents' own hand-off (the reply route and the MCP send_message tool, service
-- role, after the user's session proved access to the chat): an `open` job of the built-in service on one user
-- message of one chat, with a token returned once, and its reply started through public.agent_job_write. A second
-- first reply to one message (another tab) is the message key's unique violation, and nothing is kept.
create function public.open_agent_turn(p_chat_id uuid, p_message_id uuid, p_intent public.message_intent,
  p_agent_name text, p_model text, p_icon text, p_reply_key text)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  service private.agent_services;
  job private.agent_jobs;
  new_token text := private.new_agent_secret('ohm_job_');
  started jsonb;
begin
  select * into service from private.agent_services s where s.built_in and s.revoked_at is null order by s.created_at limit 1;
  if not found then
    raise exception 'the built-in agent service is missing or revoked' using errcode = 'PT401';
  end if;
  if not exists (select 1 from public.messages m
                  where m.id = p_message_id and m.chat_id = p_chat_id and m.role = 'user') then
    raise exception 'message % is not a user message of chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  insert into private.agent_jobs (service_id, chat_id, message_id, intent, agent_name, status, token_hash, claimed_at,
    expires_at, last_seen_at)
  values (service.id, p_chat_id, p_message_id, p_intent, p_agent_name, 'open', private.agent_secret_hash(new_token), now(),
          now() + private.agent_job_lifetime(), now())
  returning * into job;
  started := public.agent_job_write(new_token, job.id, 'reply.start', 'reply.start',
    jsonb_strip_nulls(jsonb_build_object('model', p_model, 'icon', p_icon, 'reply_key', p_reply_key)));
  select * into job from private.agent_jobs j where j.id = job.id;
  return jsonb_build_object('job', private.agent_job_json(job), 'token', new_token, 'reply', started);
end;
$$;
comment on function public.open_agent_turn(uuid, uuid, public.message_intent, text, text, text, text) is 'Opens a job of OHM''s in-process agents on one user message and starts its reply; returns the job token, once.';
revoke execute on function public.open_agent_turn(uuid, uuid, public.message_intent, text, text, text, text) from public, anon, authenticated;
grant execute on function public.open_agent_turn(uuid, uuid, public.message_intent, text, text, text, text) to service_role;

-- security definer: as first defined; the built-in service is not revocable (false, as for an unknown name).
create or replace function public.revoke_agent_service(p_name text) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  revoked_id uuid;
begin
  update private.agent_services s set revoked_at = now()
   where s.name = p_name and s.revoked_at is null and not s.built_in
  returning s.id into revoked_id;
  if revoked_id is null then
    return false;
  end if;
  update public.messages m set status = 'interrupted'
    from private.agent_jobs j
   where j.service_id = revoked_id and j.status in ('pending', 'open')
     and m.id = j.reply_message_id and m.status = 'streaming';
  update private.agent_jobs j set status = 'interrupted', finished_at = now()
   where j.service_id = revoked_id and j.status in ('pending', 'open');
  return true;
end;
$$;

-- security definer: as first defined; only an external service can be handed a pending job (the built-in one opens
-- its own, public.open_agent_turn), so `OHM_AGENT_SERVICES=CODE=ohm` is "no agent service named ohm".
create or replace function public.create_agent_job(p_service_name text, p_chat_id uuid, p_message_id uuid,
  p_intent public.message_intent, p_agent_name text)
returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  service private.agent_services;
  job_id uuid;
begin
  select * into service from private.agent_services s
   where s.name = p_service_name and s.revoked_at is null and not s.built_in;
  if not found then
    raise exception 'no agent service named %', p_service_name using errcode = 'PT404';
  end if;
  if not exists (select 1 from public.messages m
                  where m.id = p_message_id and m.chat_id = p_chat_id and m.role = 'user') then
    raise exception 'message % is not a user message of chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  insert into private.agent_jobs (service_id, chat_id, message_id, intent, agent_name)
  values (service.id, p_chat_id, p_message_id, p_intent, p_agent_name)
  returning id into job_id;
  return job_id;
end;
$$;
