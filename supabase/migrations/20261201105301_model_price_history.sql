-- Price history for public.model_prices (first defined in 20261125042000, cache rates and effective_from added by
-- 20261201104503): a model may now have several rows, one per price change, keyed by (model, effective_from), and a
-- message is priced by the row in force on the day it was written (private.price_in_force). A price change is a new
-- row, never an update, so past messages keep the price they were charged.
--
-- The rows shipped so far carried the date they were shipped (2026-11-25), not the date the provider set the
-- price; OHM keeps no older prices, so they are dated from the model's release (gpt-4o from 2024-10-02, when its
-- $2.50 snapshot became the default), and replies written before that stay unpriced rather than priced wrongly.
alter table public.model_prices drop constraint model_prices_pkey;
alter table public.model_prices add constraint model_prices_pkey primary key (model, effective_from);

update public.model_prices p
   set effective_from = d.released
  from (values ('openai/gpt-4o', date '2024-10-02'),
               ('openai/gpt-4o-mini', date '2024-07-18'),
               ('openai/gpt-4.1', date '2025-04-14'),
               ('anthropic/claude-opus-4-5', date '2025-11-24'),
               ('anthropic/claude-sonnet-4-5', date '2025-09-29'),
               ('anthropic/claude-haiku-4-5', date '2025-10-15'),
               ('ohm/offline-1', date '2020-01-01')) as d(model, released)
 where p.model = d.model and p.effective_from = date '2026-11-25';

-- Haiku 4.5 and GPT-4.1 were shipped without cache rates: Anthropic's 0.1x read / 1.25x write pattern, OpenAI's
-- cached input at a quarter of input for 4.1 (automatic cache writes are not priced apart).
update public.model_prices set cache_read_per_1k = 0.0001, cache_write_per_1k = 0.00125
 where model = 'anthropic/claude-haiku-4-5' and cache_read_per_1k is null;
update public.model_prices set cache_read_per_1k = 0.0005
 where model = 'openai/gpt-4.1' and cache_read_per_1k is null;

comment on column public.model_prices.effective_from is
  'First day (UTC) this price applies; it stays in force until the model''s next row. Change a price by adding a row.';

-- The price of a model on a day: the latest row in force, or no row (the reply is unpriced, never free).
create function private.price_in_force(p_model text, p_at timestamptz) returns public.model_prices
language sql stable security invoker set search_path = '' as $$
  select p.*
    from public.model_prices p
   where p.model = p_model and p.effective_from <= (p_at at time zone 'utc')::date
   order by p.effective_from desc
   limit 1;
$$;
comment on function private.price_in_force(text, timestamptz) is 'The model_prices row in force for a model at a time; null when the model has no price then.';
revoke execute on function private.price_in_force(text, timestamptz) from public;
grant execute on function private.price_in_force(text, timestamptz) to authenticated, service_role;
