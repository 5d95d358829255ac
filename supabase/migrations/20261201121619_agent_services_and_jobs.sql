-- External agent services and their jobs (the agent API, /api/agents/v1). A service is registered with a name and a
-- key (only its sha-256 is stored; the key is returned once, by public.register_agent_service); revoking it ends
-- its open jobs. When the orchestrator hands a user message to an external agent it creates a job bound to exactly
-- that chat and message (public.create_agent_job); the service claims it with its key and gets a short-lived job
-- token (again only its hash is stored), which is all public.agent_job_read / agent_job_write (next migration)
-- accept. Writes are rate-limited per service and per job in counter rows like private.take_rate_limit's, with the
-- limits as rows of private.rate_limit_rules (a service may carry its own, lower or higher).
-- Every table lives in `private`: nothing here is exposed through /rest/v1, only the functions below are.

create table private.agent_services (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  key_hash text not null unique,
  -- The key's first characters, so an operator can tell keys apart without the key.
  key_prefix text not null,
  writes_per_minute integer check (writes_per_minute > 0),
  job_writes_per_minute integer check (job_writes_per_minute > 0),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
comment on table private.agent_services is 'External agent services allowed to answer chats through the agent API; keys stored as sha-256.';
alter table private.agent_services enable row level security;

create type private.agent_job_status as enum ('pending', 'open', 'complete', 'failed', 'interrupted');

create table private.agent_jobs (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references private.agent_services (id) on delete cascade,
  chat_id uuid not null references public.chats (id) on delete cascade,
  message_id uuid not null references public.messages (id) on delete cascade,
  intent public.message_intent not null,
  -- The specialist the orchestrator routed to (shown on the reply as its agent).
  agent_name text not null check (char_length(agent_name) between 1 and 64),
  status private.agent_job_status not null default 'pending',
  token_hash text unique,
  reply_message_id uuid references public.messages (id) on delete set null,
  created_at timestamptz not null default now(),
  claimed_at timestamptz,
  expires_at timestamptz,
  last_seen_at timestamptz not null default now(),
  finished_at timestamptz
);
comment on table private.agent_jobs is 'One user message handed to an external agent service: its chat, its token (hashed), its reply and state.';
alter table private.agent_jobs enable row level security;
create index agent_jobs_pending_idx on private.agent_jobs (service_id, created_at) where status = 'pending';
create index agent_jobs_chat_id_idx on private.agent_jobs (chat_id);
create index agent_jobs_message_id_idx on private.agent_jobs (message_id);
create index agent_jobs_reply_message_id_idx on private.agent_jobs (reply_message_id);

insert into private.rate_limit_rules (action, signed_in_limit, anonymous_limit, window_length, description) values
  ('agent_write', 6000, 6000, interval '1 minute', 'agent API writes per agent service (all its jobs together)'),
  ('agent_job_write', 1200, 1200, interval '1 minute', 'agent API reads and writes per job');

create table private.agent_rate_limit_counters (
  subject_id uuid not null,
  action text not null references private.rate_limit_rules (action) on delete cascade,
  window_started_at timestamptz not null,
  used integer not null,
  primary key (subject_id, action)
);
comment on table private.agent_rate_limit_counters is 'Per agent service or job and action: the current window and how much of its limit is used.';
create index agent_rate_limit_counters_action_idx on private.agent_rate_limit_counters (action);
alter table private.agent_rate_limit_counters enable row level security;

-- security invoker: called only from the security definer functions below, which own the counters. Same fixed
-- windows and refusal (PT429, retry_after=<s>) as private.take_rate_limit, keyed by a service or job id instead of
-- auth.uid() (an agent service is no user).
create function private.take_agent_rate_limit(p_subject uuid, p_action text, p_limit integer) returns void
language plpgsql volatile security invoker set search_path = '' as $$
declare
  rule private.rate_limit_rules;
  allowed integer;
  counter private.agent_rate_limit_counters;
begin
  select * into rule from private.rate_limit_rules r where r.action = p_action;
  if not found then
    raise exception 'no rate limit rule for %', p_action using errcode = '22023';
  end if;
  allowed := coalesce(p_limit, rule.signed_in_limit);
  insert into private.agent_rate_limit_counters as c (subject_id, action, window_started_at, used)
  values (p_subject, p_action, clock_timestamp(), 1)
  on conflict (subject_id, action) do update
     set window_started_at = case when c.window_started_at <= clock_timestamp() - rule.window_length
                                  then clock_timestamp() else c.window_started_at end,
         used = case when c.window_started_at <= clock_timestamp() - rule.window_length then 1 else c.used + 1 end
  returning * into counter;
  if counter.used > allowed then
    raise exception 'too many % requests: at most % per %', p_action, allowed, rule.window_length
      using errcode = 'PT429',
            detail = 'retry_after=' || greatest(1, ceil(extract(epoch from
              counter.window_started_at + rule.window_length - clock_timestamp())))::integer,
            hint = 'Wait a moment and try again.';
  end if;
end;
$$;
revoke execute on function private.take_agent_rate_limit(uuid, text, integer) from public;

create function private.agent_secret_hash(p_secret text) returns text
language sql immutable security invoker set search_path = '' as $$
  select encode(sha256(convert_to(coalesce(p_secret, ''), 'UTF8')), 'hex')
$$;
revoke execute on function private.agent_secret_hash(text) from public;

-- 256 random bits from gen_random_uuid (two v4 uuids: 244 random bits) behind a prefix that says what it is.
create function private.new_agent_secret(p_prefix text) returns text
language sql volatile security invoker set search_path = '' as $$
  select p_prefix || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
$$;
revoke execute on function private.new_agent_secret(text) from public;

-- security definer: private.agent_services is not reachable through the API; the service role registers a service
-- here (npm run agents:register) and gets its key back this once.
create function public.register_agent_service(p_name text, p_writes_per_minute integer default null,
  p_job_writes_per_minute integer default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  new_key text := private.new_agent_secret('ohm_agent_');
  service private.agent_services;
begin
  insert into private.agent_services (name, key_hash, key_prefix, writes_per_minute, job_writes_per_minute)
  values (p_name, private.agent_secret_hash(new_key), left(new_key, 16), p_writes_per_minute, p_job_writes_per_minute)
  returning * into service;
  return jsonb_build_object('id', service.id, 'name', service.name, 'key', new_key);
exception when unique_violation then
  raise exception 'an agent service named % already exists', p_name using errcode = '23505';
end;
$$;
comment on function public.register_agent_service(text, integer, integer) is 'Registers an external agent service and returns its key, once.';
revoke execute on function public.register_agent_service(text, integer, integer) from public, anon, authenticated;
grant execute on function public.register_agent_service(text, integer, integer) to service_role;

-- security definer: as above. Revoking a service ends its unfinished jobs and their streaming replies at once.
create function public.revoke_agent_service(p_name text) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  revoked_id uuid;
begin
  update private.agent_services s set revoked_at = now()
   where s.name = p_name and s.revoked_at is null
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
comment on function public.revoke_agent_service(text) is 'Revokes an agent service''s key and ends its unfinished jobs.';
revoke execute on function public.revoke_agent_service(text) from public, anon, authenticated;
grant execute on function public.revoke_agent_service(text) to service_role;

-- security definer: the orchestrator (service role, after the user's session proved access to the chat) hands one
-- user message of one chat to a registered service. The job waits to be claimed.
create function public.create_agent_job(p_service_name text, p_chat_id uuid, p_message_id uuid,
  p_intent public.message_intent, p_agent_name text)
returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  service private.agent_services;
  job_id uuid;
begin
  select * into service from private.agent_services s where s.name = p_service_name and s.revoked_at is null;
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
comment on function public.create_agent_job(text, uuid, uuid, public.message_intent, text) is 'Hands one user message of one chat to an external agent service as a pending job.';
revoke execute on function public.create_agent_job(text, uuid, uuid, public.message_intent, text) from public, anon, authenticated;
grant execute on function public.create_agent_job(text, uuid, uuid, public.message_intent, text) to service_role;

-- How long a job token lives (the job must finish inside it), and how long a claimed job may stay silent before it
-- is settled as interrupted: the stale-reply rule's window (private.reply_stale_after()).
create function private.agent_job_lifetime() returns interval
language sql immutable security invoker set search_path = '' as $$
  select interval '10 minutes'
$$;
revoke execute on function private.agent_job_lifetime() from public;

-- What a job looks like to its service (and in the API's answers): ids, intent, state and deadlines, no token.
create function private.agent_job_json(p_job private.agent_jobs) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object('id', p_job.id, 'chat_id', p_job.chat_id, 'message_id', p_job.message_id,
    'intent', p_job.intent, 'agent', p_job.agent_name, 'status', p_job.status, 'reply_message_id', p_job.reply_message_id,
    'expires_at', p_job.expires_at,
    'silent_deadline', p_job.last_seen_at + private.reply_stale_after())
$$;
revoke execute on function private.agent_job_json(private.agent_jobs) from public;

-- security definer: the key is checked against private.agent_services, which only this function reads. Claims the
-- service's oldest pending job (skip locked: two workers of one service never claim the same job) and returns its
-- token, once. A job left unclaimed for longer than the stale window is settled as interrupted instead.
create function public.claim_agent_job(p_key text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  service private.agent_services;
  job private.agent_jobs;
  new_token text := private.new_agent_secret('ohm_job_');
begin
  select * into service from private.agent_services s
   where s.key_hash = private.agent_secret_hash(p_key) and s.revoked_at is null;
  if not found then
    raise exception 'the agent key is not valid (unknown or revoked)' using errcode = 'PT401';
  end if;
  update private.agent_jobs j set status = 'interrupted', finished_at = now()
   where j.service_id = service.id and j.status = 'pending' and j.created_at < now() - private.reply_stale_after();
  select * into job from private.agent_jobs j
   where j.service_id = service.id and j.status = 'pending'
   order by j.created_at limit 1 for update skip locked;
  if not found then
    return null;
  end if;
  update private.agent_jobs j
     set status = 'open', token_hash = private.agent_secret_hash(new_token), claimed_at = now(),
         expires_at = now() + private.agent_job_lifetime(), last_seen_at = now()
   where j.id = job.id
  returning * into job;
  return jsonb_build_object('job', private.agent_job_json(job), 'token', new_token);
end;
$$;
comment on function public.claim_agent_job(text) is 'Claims an agent service''s oldest pending job and returns it with its job token, once.';
revoke execute on function public.claim_agent_job(text) from public, anon, authenticated;
grant execute on function public.claim_agent_job(text) to service_role;
