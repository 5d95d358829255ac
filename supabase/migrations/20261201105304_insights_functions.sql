-- The /insights panels as SQL functions over public.usage_daily (20261201105303), and the seed document's three
-- analytics views (usage_by_agent, usage_by_model, usage_by_chat, first defined in 20261125042000) redefined to
-- count what the rollup counts: settled replies that are the chat owner's own usage, priced at their frozen cost.
--
-- Every function is security invoker: a signed-in user reads their own rows through RLS; the service role (the
-- team-wide view, server side only) reads everyone's. All take the same filters: an inclusive UTC day range and an
-- optional agent, model and project. p_by names the dimension of the per-day and breakdown panels.
create or replace view public.usage_by_agent with (security_invoker = true) as
select m.agent_name,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       sum(m.input_tokens + m.output_tokens)::bigint as total_tokens,
       avg(m.output_tokens)::numeric(12, 2) as avg_output_tokens,
       coalesce(sum(m.cost), 0)::numeric(14, 6) as cost,
       count(*) filter (where m.cost is null)::bigint as unpriced_messages
  from public.messages m
 where m.role = 'assistant' and m.status <> 'streaming' and m.counts_as_usage
 group by m.agent_name;

create or replace view public.usage_by_model with (security_invoker = true) as
select m.agent_model,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       coalesce(sum(m.cost), 0)::numeric(14, 6) as cost,
       bool_or(m.cost is null) as unpriced,
       count(*) filter (where m.cost is null)::bigint as unpriced_messages
  from public.messages m
 where m.role = 'assistant' and m.status <> 'streaming' and m.counts_as_usage
 group by m.agent_model;

create or replace view public.usage_by_chat with (security_invoker = true) as
select m.chat_id,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       coalesce(sum(m.cost), 0)::numeric(14, 6) as cost,
       count(*) filter (where m.cost is null)::bigint as unpriced_messages
  from public.messages m
 where m.role = 'assistant' and m.status <> 'streaming' and m.counts_as_usage
 group by m.chat_id;

create function public.insights_totals(p_from date, p_to date, p_agent text default null, p_model text default null,
  p_project uuid default null)
returns table (messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint,
  cache_write_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select coalesce(sum(u.messages), 0)::bigint, coalesce(sum(u.unpriced_messages), 0)::bigint,
         coalesce(sum(u.input_uncached_tokens), 0)::bigint, coalesce(sum(u.cache_read_tokens), 0)::bigint,
         coalesce(sum(u.cache_write_tokens), 0)::bigint, coalesce(sum(u.output_tokens), 0)::bigint,
         coalesce(sum(u.cost), 0)
    from public.usage_daily u
   where u.day between p_from and p_to
     and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
     and (p_project is null or u.project_id = p_project);
$$;

create function public.insights_daily(p_from date, p_to date, p_by text, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (day date, key text, messages bigint, input_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select u.day, case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.input_uncached_tokens + u.cache_read_tokens + u.cache_write_tokens)::bigint,
         sum(u.output_tokens)::bigint, sum(u.cost)
    from public.usage_daily u
   where u.day between p_from and p_to
     and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
     and (p_project is null or u.project_id = p_project)
   group by 1, 2
   order by 1, 2;
$$;

create function public.insights_breakdown(p_from date, p_to date, p_by text, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (key text, messages bigint, unpriced_messages bigint, input_uncached_tokens bigint,
  cache_read_tokens bigint, cache_write_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.unpriced_messages)::bigint, sum(u.input_uncached_tokens)::bigint,
         sum(u.cache_read_tokens)::bigint, sum(u.cache_write_tokens)::bigint, sum(u.output_tokens)::bigint, sum(u.cost)
    from public.usage_daily u
   where u.day between p_from and p_to
     and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
     and (p_project is null or u.project_id = p_project)
   group by 1
   order by 8 desc, 2 desc;
$$;

create function public.insights_top_chats(p_from date, p_to date, p_limit integer default 10, p_agent text default null,
  p_model text default null, p_project uuid default null)
returns table (chat_id uuid, title text, project_id uuid, messages bigint, input_tokens bigint, output_tokens bigint,
  cost numeric, unpriced_messages bigint)
language sql stable security invoker set search_path = '' as $$
  select t.chat_id, c.title, t.project_id, t.messages, t.input_tokens, t.output_tokens, t.cost, t.unpriced_messages
    from (select u.chat_id, min(u.project_id::text)::uuid as project_id, sum(u.messages)::bigint as messages,
                 sum(u.input_uncached_tokens + u.cache_read_tokens + u.cache_write_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from public.usage_daily u
           where u.day between p_from and p_to
             and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
             and (p_project is null or u.project_id = p_project)
           group by u.chat_id
           order by sum(u.cost) desc, sum(u.messages) desc, u.chat_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.chats c on c.id = t.chat_id
   order by t.cost desc, t.messages desc, t.chat_id;
$$;

create function public.insights_top_projects(p_from date, p_to date, p_limit integer default 10,
  p_agent text default null, p_model text default null, p_project uuid default null)
returns table (project_id uuid, name text, target_budget numeric, currency text, messages bigint, input_tokens bigint,
  output_tokens bigint, cost numeric, unpriced_messages bigint)
language sql stable security invoker set search_path = '' as $$
  select t.project_id, p.name, p.target_budget, p.currency, t.messages, t.input_tokens, t.output_tokens, t.cost,
         t.unpriced_messages
    from (select u.project_id, sum(u.messages)::bigint as messages,
                 sum(u.input_uncached_tokens + u.cache_read_tokens + u.cache_write_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from public.usage_daily u
           where u.day between p_from and p_to and u.project_id is not null
             and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
             and (p_project is null or u.project_id = p_project)
           group by u.project_id
           order by sum(u.cost) desc, u.project_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.projects p on p.id = t.project_id
   order by t.cost desc, t.project_id;
$$;

-- Cost per artifact version: the turn that wrote a version is its created_by_message_id reply (a turn that wrote
-- two versions shows its cost on both, labelled as the turn's cost).
create function public.insights_artifact_versions(p_from date, p_to date, p_limit integer default 20,
  p_agent text default null, p_model text default null, p_project uuid default null)
returns table (artifact_id uuid, chat_id uuid, title text, type public.artifact_type, version_number integer,
  created_at timestamptz, agent_name text, agent_model text, input_tokens integer, output_tokens integer, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select a.id, a.chat_id, a.title, a.type, v.version_number, v.created_at, m.agent_name, m.agent_model,
         m.input_tokens, m.output_tokens, m.cost
    from public.artifact_versions v
    join public.artifacts a on a.id = v.artifact_id
    join public.messages m on m.id = v.created_by_message_id
   where v.created_at >= p_from::timestamp at time zone 'utc'
     and v.created_at < (p_to + 1)::timestamp at time zone 'utc'
     and m.role = 'assistant' and m.counts_as_usage
     and (p_agent is null or m.agent_name = p_agent) and (p_model is null or m.agent_model = p_model)
     and (p_project is null or a.project_id = p_project)
   order by v.created_at desc, v.version_number desc
   limit least(greatest(p_limit, 1), 100);
$$;
create index artifact_versions_user_id_created_at_idx on public.artifact_versions (user_id, created_at desc);

-- The rows behind the CSV download: one per chat, agent, model and day, with the chat's title and project's name.
create function public.insights_rows(p_from date, p_to date, p_agent text default null, p_model text default null,
  p_project uuid default null)
returns table (day date, chat_id uuid, chat_title text, project_name text, agent_name text, agent_model text,
  messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint,
  cache_write_tokens bigint, output_tokens bigint, cost numeric)
language sql stable security invoker set search_path = '' as $$
  select u.day, u.chat_id, c.title, p.name, u.agent_name, u.agent_model, u.messages, u.unpriced_messages,
         u.input_uncached_tokens, u.cache_read_tokens, u.cache_write_tokens, u.output_tokens, u.cost
    from public.usage_daily u
    left join public.chats c on c.id = u.chat_id
    left join public.projects p on p.id = u.project_id
   where u.day between p_from and p_to
     and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
     and (p_project is null or u.project_id = p_project)
   order by u.day desc, u.cost desc, u.chat_id, u.agent_name, u.agent_model
   limit 50000;
$$;

comment on function public.insights_totals(date, date, text, text, uuid) is '/insights KPI cards: settled replies, tokens by kind, cost, unpriced replies.';
comment on function public.insights_daily(date, date, text, text, text, uuid) is '/insights per-day chart: by agent (p_by = agent) or by model.';
comment on function public.insights_breakdown(date, date, text, text, text, uuid) is '/insights cost by agent or share by model.';
comment on function public.insights_top_chats(date, date, integer, text, text, uuid) is '/insights top chats by cost.';
comment on function public.insights_top_projects(date, date, integer, text, text, uuid) is '/insights top projects by cost, with their budget.';
comment on function public.insights_artifact_versions(date, date, integer, text, text, uuid) is '/insights cost of the turn that wrote each artifact version.';
comment on function public.insights_rows(date, date, text, text, uuid) is '/insights CSV: rollup rows with chat titles and project names.';

revoke execute on function public.insights_totals(date, date, text, text, uuid),
  public.insights_daily(date, date, text, text, text, uuid), public.insights_breakdown(date, date, text, text, text, uuid),
  public.insights_top_chats(date, date, integer, text, text, uuid),
  public.insights_top_projects(date, date, integer, text, text, uuid),
  public.insights_artifact_versions(date, date, integer, text, text, uuid),
  public.insights_rows(date, date, text, text, uuid) from public, anon;
grant execute on function public.insights_totals(date, date, text, text, uuid),
  public.insights_daily(date, date, text, text, text, uuid), public.insights_breakdown(date, date, text, text, text, uuid),
  public.insights_top_chats(date, date, integer, text, text, uuid),
  public.insights_top_projects(date, date, integer, text, text, uuid),
  public.insights_artifact_versions(date, date, integer, text, text, uuid),
  public.insights_rows(date, date, text, text, uuid) to authenticated, service_role;
