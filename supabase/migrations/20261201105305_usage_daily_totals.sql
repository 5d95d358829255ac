-- Three coarser rollups kept from the daily rollup (usage_daily, 20261201105303), so each panel reads a few hundred
-- or thousand rows instead of a heavy user's ~50,000 chat-level rows in 90 days, and stays within 50 ms:
--   usage_daily_totals    per user, UTC day, agent and model (KPIs, per day, by agent, by model without a project);
--   usage_daily_projects  per user, UTC day and project (top projects without an agent or model filter);
--   usage_daily_chats     per user, UTC day and chat (top chats without an agent, model or project filter).
-- A project filter reads usage_daily through its (user_id, project_id, day) index: one project's rows only.
-- Both are kept by one row trigger on usage_daily that applies every change there (including a chat moving to
-- another project) as a difference, so each always equals usage_daily summed (tests/db/usage-rollup.test.ts).
--
-- Redefines public.insights_totals, insights_daily, insights_breakdown, insights_top_chats and insights_top_projects (first defined in
-- 20261201105304) to read them; their signatures and results are unchanged.
create table public.usage_daily_totals (
  user_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  agent_name text not null,
  agent_model text not null,
  messages bigint not null default 0,
  unpriced_messages bigint not null default 0,
  input_uncached_tokens bigint not null default 0,
  cache_read_tokens bigint not null default 0,
  cache_write_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost numeric(18, 8) not null default 0,
  constraint usage_daily_totals_pkey primary key (user_id, day, agent_name, agent_model)
);
comment on table public.usage_daily_totals is
  'usage_daily summed over chats and projects: per user, UTC day, agent and model. Kept by a trigger on usage_daily.';

create table public.usage_daily_projects (
  user_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  project_id uuid not null,
  messages bigint not null default 0,
  unpriced_messages bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost numeric(18, 8) not null default 0,
  constraint usage_daily_projects_pkey primary key (user_id, day, project_id)
);
comment on table public.usage_daily_projects is
  'usage_daily summed per user, UTC day and project (chats in no project are left out). Kept by a trigger on usage_daily.';

create table public.usage_daily_chats (
  user_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  chat_id uuid not null,
  messages bigint not null default 0,
  unpriced_messages bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost numeric(18, 8) not null default 0,
  constraint usage_daily_chats_pkey primary key (user_id, day, chat_id)
);
comment on table public.usage_daily_chats is
  'usage_daily summed per user, UTC day and chat. Kept by a trigger on usage_daily.';

create index usage_daily_user_id_project_id_day_idx on public.usage_daily (user_id, project_id, day)
  where project_id is not null;

alter table public.usage_daily_totals enable row level security;
alter table public.usage_daily_projects enable row level security;
alter table public.usage_daily_chats enable row level security;
create policy "Users can read their own usage totals" on public.usage_daily_totals for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can read their own project usage" on public.usage_daily_projects for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can read their own chat usage" on public.usage_daily_chats for select to authenticated
  using (user_id = (select auth.uid()));
grant select on public.usage_daily_totals, public.usage_daily_projects, public.usage_daily_chats to authenticated, service_role;

-- security definer: these rollups are database-kept; no API role may write them.
create function private.usage_totals_add(r public.usage_daily, p_sign integer) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.usage_daily_totals as t (user_id, day, agent_name, agent_model, messages, unpriced_messages,
    input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
  values (r.user_id, r.day, r.agent_name, r.agent_model, p_sign * r.messages, p_sign * r.unpriced_messages,
          p_sign * r.input_uncached_tokens, p_sign * r.cache_read_tokens, p_sign * r.cache_write_tokens,
          p_sign * r.output_tokens, p_sign * r.cost)
  on conflict on constraint usage_daily_totals_pkey do update
     set messages = t.messages + excluded.messages,
         unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
         input_uncached_tokens = t.input_uncached_tokens + excluded.input_uncached_tokens,
         cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens,
         cache_write_tokens = t.cache_write_tokens + excluded.cache_write_tokens,
         output_tokens = t.output_tokens + excluded.output_tokens,
         cost = t.cost + excluded.cost;
  if r.project_id is not null then
    insert into public.usage_daily_projects as t (user_id, day, project_id, messages, unpriced_messages, input_tokens,
      output_tokens, cost)
    values (r.user_id, r.day, r.project_id, p_sign * r.messages, p_sign * r.unpriced_messages,
            p_sign * (r.input_uncached_tokens + r.cache_read_tokens + r.cache_write_tokens), p_sign * r.output_tokens,
            p_sign * r.cost)
    on conflict on constraint usage_daily_projects_pkey do update
       set messages = t.messages + excluded.messages,
           unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
           input_tokens = t.input_tokens + excluded.input_tokens,
           output_tokens = t.output_tokens + excluded.output_tokens,
           cost = t.cost + excluded.cost;
  end if;
  insert into public.usage_daily_chats as t (user_id, day, chat_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  values (r.user_id, r.day, r.chat_id, p_sign * r.messages, p_sign * r.unpriced_messages,
          p_sign * (r.input_uncached_tokens + r.cache_read_tokens + r.cache_write_tokens), p_sign * r.output_tokens,
          p_sign * r.cost)
  on conflict on constraint usage_daily_chats_pkey do update
     set messages = t.messages + excluded.messages,
         unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
         input_tokens = t.input_tokens + excluded.input_tokens,
         output_tokens = t.output_tokens + excluded.output_tokens,
         cost = t.cost + excluded.cost;
  if p_sign < 0 then
    delete from public.usage_daily_chats t
     where t.user_id = r.user_id and t.day = r.day and t.chat_id = r.chat_id and t.messages <= 0;
    delete from public.usage_daily_totals t
     where t.user_id = r.user_id and t.day = r.day and t.agent_name = r.agent_name and t.agent_model = r.agent_model
       and t.messages <= 0;
    delete from public.usage_daily_projects t
     where t.user_id = r.user_id and t.day = r.day and t.project_id = r.project_id and t.messages <= 0;
  end if;
end;
$$;

create function private.usage_totals_follow() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.usage_totals_add(old, -1);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform private.usage_totals_add(new, 1);
  end if;
  return null;
end;
$$;
create trigger sum_usage_totals after insert or update or delete on public.usage_daily
  for each row execute function private.usage_totals_follow();
revoke execute on function private.usage_totals_add(public.usage_daily, integer), private.usage_totals_follow() from public;

-- Fills all three from usage_daily (the migration's backfill; the bench's bulk build calls it too).
create function private.usage_totals_rebuild(p_user_ids uuid[]) returns void
language sql security invoker set search_path = '' as $$
  delete from public.usage_daily_totals where user_id = any (p_user_ids);
  delete from public.usage_daily_projects where user_id = any (p_user_ids);
  delete from public.usage_daily_chats where user_id = any (p_user_ids);
  insert into public.usage_daily_chats (user_id, day, chat_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  select user_id, day, chat_id, sum(messages), sum(unpriced_messages),
         sum(input_uncached_tokens + cache_read_tokens + cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids)
   group by user_id, day, chat_id;
  insert into public.usage_daily_totals (user_id, day, agent_name, agent_model, messages, unpriced_messages,
    input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
  select user_id, day, agent_name, agent_model, sum(messages), sum(unpriced_messages), sum(input_uncached_tokens),
         sum(cache_read_tokens), sum(cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids)
   group by user_id, day, agent_name, agent_model;
  insert into public.usage_daily_projects (user_id, day, project_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  select user_id, day, project_id, sum(messages), sum(unpriced_messages),
         sum(input_uncached_tokens + cache_read_tokens + cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids) and project_id is not null
   group by user_id, day, project_id;
$$;
revoke execute on function private.usage_totals_rebuild(uuid[]) from public;
select private.usage_totals_rebuild(array(select distinct user_id from public.usage_daily));

create or replace function public.insights_totals(p_from date, p_to date, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint,
  cache_write_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select coalesce(sum(u.messages), 0)::bigint, coalesce(sum(u.unpriced_messages), 0)::bigint,
         coalesce(sum(u.input_uncached_tokens), 0)::bigint, coalesce(sum(u.cache_read_tokens), 0)::bigint,
         coalesce(sum(u.cache_write_tokens), 0)::bigint, coalesce(sum(u.output_tokens), 0)::bigint,
         coalesce(sum(u.cost), 0)
    from (select t.messages, t.unpriced_messages, t.input_uncached_tokens, t.cache_read_tokens, t.cache_write_tokens,
                 t.output_tokens, t.cost, t.agent_name, t.agent_model
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.messages, d.unpriced_messages, d.input_uncached_tokens, d.cache_read_tokens, d.cache_write_tokens,
                 d.output_tokens, d.cost, d.agent_name, d.agent_model
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model);
$$;

create or replace function public.insights_daily(p_from date, p_to date, p_by text, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (day date, key text, messages bigint, input_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select u.day, case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.input_uncached_tokens + u.cache_read_tokens + u.cache_write_tokens)::bigint,
         sum(u.output_tokens)::bigint, sum(u.cost)
    from (select t.day, t.agent_name, t.agent_model, t.messages, t.unpriced_messages, t.input_uncached_tokens,
                 t.cache_read_tokens, t.cache_write_tokens, t.output_tokens, t.cost
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.day, d.agent_name, d.agent_model, d.messages, d.unpriced_messages, d.input_uncached_tokens,
                 d.cache_read_tokens, d.cache_write_tokens, d.output_tokens, d.cost
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
   group by 1, 2
   order by 1, 2;
$$;

create or replace function public.insights_breakdown(p_from date, p_to date, p_by text, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (key text, messages bigint, unpriced_messages bigint, input_uncached_tokens bigint,
  cache_read_tokens bigint, cache_write_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.unpriced_messages)::bigint, sum(u.input_uncached_tokens)::bigint,
         sum(u.cache_read_tokens)::bigint, sum(u.cache_write_tokens)::bigint, sum(u.output_tokens)::bigint, sum(u.cost)
    from (select t.day, t.agent_name, t.agent_model, t.messages, t.unpriced_messages, t.input_uncached_tokens,
                 t.cache_read_tokens, t.cache_write_tokens, t.output_tokens, t.cost
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.day, d.agent_name, d.agent_model, d.messages, d.unpriced_messages, d.input_uncached_tokens,
                 d.cache_read_tokens, d.cache_write_tokens, d.output_tokens, d.cost
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
   group by 1
   order by 8 desc, 2 desc;
$$;

create or replace function public.insights_top_projects(p_from date, p_to date, p_limit integer default 10,
  p_agent text default null, p_model text default null, p_project uuid default null)
returns table (project_id uuid, name text, target_budget numeric, currency text, messages bigint, input_tokens bigint,
  output_tokens bigint, cost numeric, unpriced_messages bigint)
language sql stable security invoker set search_path = '' as $$
  select t.project_id, p.name, p.target_budget, p.currency, t.messages, t.input_tokens, t.output_tokens, t.cost,
         t.unpriced_messages
    from (select u.project_id, sum(u.messages)::bigint as messages, sum(u.input_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from (select p2.project_id, p2.messages, p2.input_tokens, p2.output_tokens, p2.cost, p2.unpriced_messages
                    from public.usage_daily_projects p2
                   where p_agent is null and p_model is null and p2.day between p_from and p_to
                  union all
                  -- With an agent or model filter, the chat-level rows that match it.
                  select d.project_id, d.messages, d.input_uncached_tokens + d.cache_read_tokens + d.cache_write_tokens,
                         d.output_tokens, d.cost, d.unpriced_messages
                    from public.usage_daily d
                   where (p_agent is not null or p_model is not null) and d.project_id is not null
                     and d.day between p_from and p_to
                     and (p_agent is null or d.agent_name = p_agent) and (p_model is null or d.agent_model = p_model)) u
           where p_project is null or u.project_id = p_project
           group by u.project_id
           order by sum(u.cost) desc, u.project_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.projects p on p.id = t.project_id
   order by t.cost desc, t.project_id;
$$;

create or replace function public.insights_top_chats(p_from date, p_to date, p_limit integer default 10,
  p_agent text default null, p_model text default null, p_project uuid default null)
returns table (chat_id uuid, title text, project_id uuid, messages bigint, input_tokens bigint, output_tokens bigint,
  cost numeric, unpriced_messages bigint)
language sql stable security invoker set search_path = '' as $$
  select t.chat_id, c.title, c.project_id, t.messages, t.input_tokens, t.output_tokens, t.cost, t.unpriced_messages
    from (select u.chat_id, sum(u.messages)::bigint as messages, sum(u.input_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from (select c2.chat_id, c2.messages, c2.input_tokens, c2.output_tokens, c2.cost, c2.unpriced_messages
                    from public.usage_daily_chats c2
                   where p_agent is null and p_model is null and p_project is null and c2.day between p_from and p_to
                  union all
                  -- With a filter, the chat-level rows that match it.
                  select d.chat_id, d.messages, d.input_uncached_tokens + d.cache_read_tokens + d.cache_write_tokens,
                         d.output_tokens, d.cost, d.unpriced_messages
                    from public.usage_daily d
                   where (p_agent is not null or p_model is not null or p_project is not null)
                     and d.day between p_from and p_to
                     and (p_agent is null or d.agent_name = p_agent) and (p_model is null or d.agent_model = p_model)
                     and (p_project is null or d.project_id = p_project)) u
           group by u.chat_id
           order by sum(u.cost) desc, sum(u.messages) desc, u.chat_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.chats c on c.id = t.chat_id
   order by t.cost desc, t.messages desc, t.chat_id;
$$;
