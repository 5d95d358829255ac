-- Rate limits the database enforces, per user and action, that hold under concurrency: one counter row per user
-- and action, taken with an upsert (the row lock orders concurrent takers), instead of counting recent rows and then
-- inserting (50 concurrent sends all counted the same 59 and all got in). Fixed windows: a window starts at the
-- first take after the previous one ended. The rules are rows, so an operator changes a limit with one update
-- (README, "Security"); anonymous users get lower limits than signed-in ones. A refusal is PT429 (PostgREST: 429)
-- with `retry_after=<seconds>` in its detail, which lib/errors.ts turns into Retry-After.

create table private.rate_limit_rules (
  action text primary key check (char_length(action) between 1 and 32),
  signed_in_limit integer not null check (signed_in_limit >= 0),
  anonymous_limit integer not null check (anonymous_limit >= 0),
  window_length interval not null check (window_length > interval '0'),
  description text not null
);
comment on table private.rate_limit_rules is 'How many times a user may do each limited action per window; anonymous users have their own, lower limit.';
alter table private.rate_limit_rules enable row level security;

insert into private.rate_limit_rules (action, signed_in_limit, anonymous_limit, window_length, description) values
  ('message', 60, 20, interval '1 minute', 'user messages sent or edited (append_message, edit_message)'),
  ('reply', 90, 30, interval '1 minute', 'agent replies asked for: every send''s reply, Regenerate and Retry'),
  ('share', 30, 10, interval '1 hour', 'share links created'),
  ('upload', 60, 10, interval '1 hour', 'attachments recorded');

create table private.rate_limit_counters (
  user_id uuid not null references auth.users (id) on delete cascade,
  action text not null references private.rate_limit_rules (action) on delete cascade,
  window_started_at timestamptz not null,
  used integer not null,
  primary key (user_id, action)
);
comment on table private.rate_limit_counters is 'Per user and action: when the current window started and how much of its limit is used.';
create index rate_limit_counters_action_idx on private.rate_limit_counters (action);
alter table private.rate_limit_counters enable row level security;

-- security definer: the counters are not the caller's to read or write; this takes one unit of the caller's own
-- budget (auth.uid() from the request's claims) or refuses. Callers without a user (the service role, migrations)
-- are not limited here: the agents' path is limited where the user asks for a reply.
create function private.take_rate_limit(p_action text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := auth.uid();
  rule private.rate_limit_rules;
  allowed integer;
  counter private.rate_limit_counters;
begin
  if me is null then
    return;
  end if;
  select * into rule from private.rate_limit_rules r where r.action = p_action;
  if not found then
    raise exception 'no rate limit rule for %', p_action using errcode = '22023';
  end if;
  allowed := case when coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)
                  then rule.anonymous_limit else rule.signed_in_limit end;
  -- clock_timestamp(), not now(): a long transaction must not keep an old window alive.
  insert into private.rate_limit_counters as c (user_id, action, window_started_at, used)
  values (me, p_action, clock_timestamp(), 1)
  on conflict (user_id, action) do update
     set window_started_at = case when c.window_started_at <= clock_timestamp() - rule.window_length
                                  then clock_timestamp() else c.window_started_at end,
         used = case when c.window_started_at <= clock_timestamp() - rule.window_length then 1 else c.used + 1 end
  returning * into counter;
  if counter.used > allowed then
    -- The exception undoes the increment: a refused attempt does not use up the next window.
    raise exception 'too many % requests: at most % per %', p_action, allowed, rule.window_length
      using errcode = 'PT429',
            detail = 'retry_after=' || greatest(1, ceil(extract(epoch from
              counter.window_started_at + rule.window_length - clock_timestamp())))::integer,
            hint = 'Wait a moment and try again.';
  end if;
end;
$$;
revoke execute on function private.take_rate_limit(text) from public;
grant execute on function private.take_rate_limit(text) to authenticated, service_role;
