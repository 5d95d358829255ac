-- Real per-model prices, and usage analytics (messages, tokens and cost per agent, per model and per chat) as
-- security-invoker views, so each user sees only their own usage and the service role sees everyone's.
create table public.model_prices (
  model text primary key check (char_length(model) <= 128),
  input_per_1k numeric(12, 6) not null check (input_per_1k >= 0),
  output_per_1k numeric(12, 6) not null check (output_per_1k >= 0),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  updated_at timestamptz not null default now()
);
comment on table public.model_prices is 'Price per 1K input and output tokens for each model id as messages record it (provider/model).';
alter table public.model_prices enable row level security;
create policy "Anyone can read model prices" on public.model_prices for select to anon, authenticated using (true);
grant select on public.model_prices to anon, authenticated;
grant select, insert, update, delete on public.model_prices to service_role;

insert into public.model_prices (model, input_per_1k, output_per_1k) values
  ('openai/gpt-4o', 0.0025, 0.01),
  ('openai/gpt-4o-mini', 0.00015, 0.0006),
  ('openai/gpt-4.1', 0.002, 0.008),
  ('anthropic/claude-opus-4-5', 0.005, 0.025),
  ('anthropic/claude-sonnet-4-5', 0.003, 0.015),
  ('anthropic/claude-haiku-4-5', 0.001, 0.005),
  ('ohm/offline-1', 0, 0);

create view public.usage_by_agent with (security_invoker = true) as
select m.agent_name,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       sum(m.input_tokens + m.output_tokens)::bigint as total_tokens,
       avg(m.output_tokens)::numeric(12, 2) as avg_output_tokens,
       coalesce(sum(m.input_tokens / 1000.0 * p.input_per_1k + m.output_tokens / 1000.0 * p.output_per_1k), 0)::numeric(14, 6) as cost
  from public.messages m
  left join public.model_prices p on p.model = m.agent_model
 where m.role = 'assistant'
 group by m.agent_name;

create view public.usage_by_model with (security_invoker = true) as
select m.agent_model,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       coalesce(sum(m.input_tokens / 1000.0 * p.input_per_1k + m.output_tokens / 1000.0 * p.output_per_1k), 0)::numeric(14, 6) as cost,
       bool_or(p.model is null) as unpriced
  from public.messages m
  left join public.model_prices p on p.model = m.agent_model
 where m.role = 'assistant'
 group by m.agent_model;

create view public.usage_by_chat with (security_invoker = true) as
select m.chat_id,
       count(*)::bigint as message_count,
       sum(m.input_tokens)::bigint as input_tokens,
       sum(m.output_tokens)::bigint as output_tokens,
       coalesce(sum(m.input_tokens / 1000.0 * p.input_per_1k + m.output_tokens / 1000.0 * p.output_per_1k), 0)::numeric(14, 6) as cost
  from public.messages m
  left join public.model_prices p on p.model = m.agent_model
 group by m.chat_id;

grant select on public.usage_by_agent, public.usage_by_model, public.usage_by_chat to authenticated, service_role;
