-- The usage rollup's statement triggers return at once when the statement wrote no settled reply: a user's
-- message, a streaming reply's delta or a streaming placeholder counts nothing, yet each ran the grouped upsert
-- (and, on update, the subtraction and the cleanup) over its transition tables. Redefines
-- private.usage_after_write (first defined in 20261201105303_usage_daily_rollup); what it writes is unchanged.
-- Part of issue 13's append budget.
create or replace function private.usage_after_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Most writes are user messages and streaming deltas, which count nothing: leave before the grouped upserts
  -- (a cheap look at the one or few transition rows, instead of planning and running the rollup statements).
  -- Each transition table is named only under the operation that declares it (plpgsql plans per statement).
  if tg_op = 'INSERT' then
    if not exists (select 1 from new_rows n where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage) then
      return null;
    end if;
  elsif tg_op = 'DELETE' then
    if not exists (select 1 from old_rows o where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage) then
      return null;
    end if;
  elsif not exists (select 1 from new_rows n where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage)
        and not exists (select 1 from old_rows o where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage) then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    with gone as (
      select o.chat_id, (o.created_at at time zone 'utc')::date as day, coalesce(o.agent_name, '') as agent_name,
             coalesce(o.agent_model, '') as agent_model, count(*) as messages,
             count(*) filter (where o.cost is null) as unpriced_messages,
             sum(greatest(o.input_tokens - o.input_cache_read_tokens - o.input_cache_write_tokens, 0)) as input_uncached_tokens,
             sum(o.input_cache_read_tokens) as cache_read_tokens, sum(o.input_cache_write_tokens) as cache_write_tokens,
             sum(o.output_tokens) as output_tokens, coalesce(sum(o.cost), 0) as cost
        from old_rows o
       where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage
       group by 1, 2, 3, 4
    )
    update public.usage_daily u
       set messages = u.messages - g.messages,
           unpriced_messages = u.unpriced_messages - g.unpriced_messages,
           input_uncached_tokens = u.input_uncached_tokens - g.input_uncached_tokens,
           cache_read_tokens = u.cache_read_tokens - g.cache_read_tokens,
           cache_write_tokens = u.cache_write_tokens - g.cache_write_tokens,
           output_tokens = u.output_tokens - g.output_tokens,
           cost = u.cost - g.cost
      from gone g
     where u.chat_id = g.chat_id and u.day = g.day and u.agent_name = g.agent_name and u.agent_model = g.agent_model;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into public.usage_daily as u (chat_id, day, agent_name, agent_model, user_id, project_id, messages,
      unpriced_messages, input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
    select n.chat_id, (n.created_at at time zone 'utc')::date, coalesce(n.agent_name, ''), coalesce(n.agent_model, ''),
           n.user_id, (select c.project_id from public.chats c where c.id = n.chat_id),
           count(*), count(*) filter (where n.cost is null),
           sum(greatest(n.input_tokens - n.input_cache_read_tokens - n.input_cache_write_tokens, 0)),
           sum(n.input_cache_read_tokens), sum(n.input_cache_write_tokens), sum(n.output_tokens), coalesce(sum(n.cost), 0)
      from new_rows n
     where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage
     group by n.chat_id, 2, 3, 4, n.user_id
    on conflict on constraint usage_daily_pkey do update
       set messages = u.messages + excluded.messages,
           unpriced_messages = u.unpriced_messages + excluded.unpriced_messages,
           input_uncached_tokens = u.input_uncached_tokens + excluded.input_uncached_tokens,
           cache_read_tokens = u.cache_read_tokens + excluded.cache_read_tokens,
           cache_write_tokens = u.cache_write_tokens + excluded.cache_write_tokens,
           output_tokens = u.output_tokens + excluded.output_tokens,
           cost = u.cost + excluded.cost;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from public.usage_daily u
     where u.messages <= 0
       and u.chat_id in (select distinct o.chat_id from old_rows o
                          where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage);
  end if;
  return null;
end;
$$;
