-- Current model prices, with cache rates: Anthropic retired claude-sonnet-4-5 on 2026-11-30, and the agents now
-- default to claude-sonnet-5-5. Adds per-1K prices for cache reads and cache writes (null: the provider does not
-- price them apart, e.g. OpenAI's automatic cache writes) and an effective_from date, since prices are shipped as
-- data (the machine that prices a message may have no network). Sources: /work/shared/reference/maker-formats.md §6.
alter table public.model_prices
  add column cache_read_per_1k numeric(12, 6) check (cache_read_per_1k >= 0),
  add column cache_write_per_1k numeric(12, 6) check (cache_write_per_1k >= 0),
  add column effective_from date not null default date '2026-11-25';

comment on column public.model_prices.cache_read_per_1k is 'Price per 1K input tokens read from the prompt cache; null: priced as input.';
comment on column public.model_prices.cache_write_per_1k is 'Price per 1K input tokens written to the prompt cache (5-minute TTL); null: priced as input.';

update public.model_prices set cache_read_per_1k = 0.00125 where model = 'openai/gpt-4o';
update public.model_prices set cache_read_per_1k = 0.000075 where model = 'openai/gpt-4o-mini';
update public.model_prices set cache_read_per_1k = 0.0003, cache_write_per_1k = 0.00375 where model = 'anthropic/claude-sonnet-4-5';
update public.model_prices set cache_read_per_1k = 0.0005, cache_write_per_1k = 0.00625 where model = 'anthropic/claude-opus-4-5';
update public.model_prices set cache_read_per_1k = 0, cache_write_per_1k = 0 where model = 'ohm/offline-1';

insert into public.model_prices (model, input_per_1k, output_per_1k, cache_read_per_1k, cache_write_per_1k, effective_from) values
  ('anthropic/claude-sonnet-5-5', 0.002, 0.01, 0.0002, 0.0025, date '2026-12-01'),
  ('anthropic/claude-opus-5-5', 0.004, 0.02, 0.0002, 0.005, date '2026-12-01')
on conflict (model) do update
  set input_per_1k = excluded.input_per_1k, output_per_1k = excluded.output_per_1k,
      cache_read_per_1k = excluded.cache_read_per_1k, cache_write_per_1k = excluded.cache_write_per_1k,
      effective_from = excluded.effective_from, updated_at = now();
