-- public.usage_daily: usage per chat (so per user and project), agent, model and UTC day, kept by the database in
-- the same transaction as the message writes, so /insights reads O(days x dimensions) rows, not O(messages).
--
-- A reply counts once it is settled (complete, interrupted or error), with its final tokens and frozen cost
-- (messages.cost, 20261201105302); a streaming reply counts nothing until then, so its many delta updates touch
-- nothing here. Fork copies (counts_as_usage = false) and user messages never count. Deleting a chat or a user
-- removes its usage with its messages: the rollup always equals a recount of the messages that exist
-- (private.usage_recount, used by the tests).
--
-- Inserts, updates and deletes are statement-level triggers over transition tables (a fork, a chat deletion or a
-- bulk update moves many rows at once: one upsert per group, not per message); a streaming reply's delta updates
-- match no settled row and write nothing. A chat's project is an attribute of its rows, moved when
-- chats.project_id changes.
create table public.usage_daily (
  chat_id uuid not null references public.chats (id) on delete cascade,
  day date not null,
  agent_name text not null default '' check (char_length(agent_name) <= 64),
  agent_model text not null default '' check (char_length(agent_model) <= 128),
  user_id uuid not null references auth.users (id) on delete cascade,
  project_id uuid,
  messages bigint not null default 0,
  unpriced_messages bigint not null default 0,
  input_uncached_tokens bigint not null default 0,
  cache_read_tokens bigint not null default 0,
  cache_write_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost numeric(18, 8) not null default 0,
  constraint usage_daily_pkey primary key (chat_id, day, agent_name, agent_model)
);
comment on table public.usage_daily is
  'Settled replies per chat, agent, model and UTC day: counts, tokens by kind and cost at the price then. Kept by triggers on messages.';
comment on column public.usage_daily.agent_name is 'The reply''s agent; empty when it recorded none.';
comment on column public.usage_daily.agent_model is 'The reply''s model (provider/model); empty when it recorded none.';
comment on column public.usage_daily.unpriced_messages is 'Replies whose model had no price when written: their cost is not in cost.';
create index usage_daily_user_id_day_idx on public.usage_daily (user_id, day);
create index usage_daily_project_id_idx on public.usage_daily (project_id) where project_id is not null;

alter table public.usage_daily enable row level security;
create policy "Users can read their own usage" on public.usage_daily for select to authenticated
  using (user_id = (select auth.uid()));
grant select on public.usage_daily to authenticated;
grant select on public.usage_daily to service_role;

-- security definer: the rollup is database-kept; no API role may write it, but every message write maintains it.
-- One function for the three triggers: the settled replies that left (old_rows, on update and delete) are
-- subtracted, those that arrived (new_rows, on insert and update) are added, and emptied rows are dropped. Each
-- transition table is read only on the operations whose trigger declares it.
create function private.usage_after_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
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

-- security definer: moves the chat's rollup rows with the chat when it joins (or leaves) a project.
create function private.usage_follow_project() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.usage_daily u set project_id = new.project_id where u.chat_id = new.id;
  return null;
end;
$$;

create trigger roll_up_inserted_messages after insert on public.messages
  referencing new table as new_rows for each statement execute function private.usage_after_write();
create trigger roll_up_updated_messages after update on public.messages
  referencing old table as old_rows new table as new_rows for each statement execute function private.usage_after_write();
create trigger roll_up_deleted_messages after delete on public.messages
  referencing old table as old_rows for each statement execute function private.usage_after_write();
create trigger usage_follows_project after update of project_id on public.chats for each row
  when (old.project_id is distinct from new.project_id)
  execute function private.usage_follow_project();

revoke execute on function private.usage_after_write(), private.usage_follow_project() from public;

-- The same figures recounted from the messages (what the rollup must always equal); for tests and audits.
create view private.usage_recount with (security_invoker = true) as
select m.chat_id, (m.created_at at time zone 'utc')::date as day, coalesce(m.agent_name, '') as agent_name,
       coalesce(m.agent_model, '') as agent_model, m.user_id, c.project_id, count(*)::bigint as messages,
       count(*) filter (where m.cost is null)::bigint as unpriced_messages,
       sum(greatest(m.input_tokens - m.input_cache_read_tokens - m.input_cache_write_tokens, 0))::bigint as input_uncached_tokens,
       sum(m.input_cache_read_tokens)::bigint as cache_read_tokens, sum(m.input_cache_write_tokens)::bigint as cache_write_tokens,
       sum(m.output_tokens)::bigint as output_tokens, coalesce(sum(m.cost), 0)::numeric(18, 8) as cost
  from public.messages m
  join public.chats c on c.id = m.chat_id
 where m.role = 'assistant' and m.status <> 'streaming' and m.counts_as_usage
 group by m.chat_id, 2, 3, 4, m.user_id, c.project_id;
comment on view private.usage_recount is 'usage_daily recounted from messages; the rollup must equal it.';
grant select on private.usage_recount to service_role;

-- Replies saved before this migration.
insert into public.usage_daily (chat_id, day, agent_name, agent_model, user_id, project_id, messages, unpriced_messages,
  input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
select chat_id, day, agent_name, agent_model, user_id, project_id, messages, unpriced_messages, input_uncached_tokens,
       cache_read_tokens, cache_write_tokens, output_tokens, cost
  from private.usage_recount;
