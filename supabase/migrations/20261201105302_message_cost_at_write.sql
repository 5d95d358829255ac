-- The price a reply was charged, frozen on the message row: messages.cost is computed by the database from the
-- reply's tokens (uncached input, cache reads, cache writes, output) and the model price in force when the reply
-- was written (private.price_in_force, 20261201105301). It is recomputed only when the reply's tokens, model or
-- time change (a streaming reply is finished with its final tokens), never when a price is added later, so the
-- daily rollup (20261201105303) can subtract exactly what it once added, and history is never rewritten.
-- cost is null when the model had no price then: the reply is "unpriced", never free.
--
-- counts_as_usage is false for fork_chat's copies of someone else's replies: the forker spent nothing on them.
alter table public.messages
  add column cost numeric(16, 8) check (cost >= 0),
  add column counts_as_usage boolean not null default true;

comment on column public.messages.cost is
  'USD this reply cost at the price in force when it was written (model_prices); null: its model had no price.';
comment on column public.messages.counts_as_usage is
  'False for a fork''s copies of another chat''s replies: tokens spent by someone else are not the forker''s usage.';

create function private.reply_cost(m public.messages) returns numeric
language plpgsql stable security invoker set search_path = '' as $$
declare
  price public.model_prices;
  uncached integer;
begin
  if m.role <> 'assistant' then
    return 0;
  end if;
  price := private.price_in_force(m.agent_model, m.created_at);
  if price.model is null then
    return null;
  end if;
  -- input_tokens is the total; the cache reads and writes are parts of it (20261201104501).
  uncached := greatest(m.input_tokens - m.input_cache_read_tokens - m.input_cache_write_tokens, 0);
  return round((uncached * price.input_per_1k
         + m.input_cache_read_tokens * coalesce(price.cache_read_per_1k, price.input_per_1k)
         + m.input_cache_write_tokens * coalesce(price.cache_write_per_1k, price.input_per_1k)
         + m.output_tokens * price.output_per_1k) / 1000.0, 8);
end;
$$;
comment on function private.reply_cost(public.messages) is 'What a reply costs at the price in force when it was written; null when unpriced.';

-- Replies saved before this migration: priced now, by the price in force when each was written.
update public.messages m set cost = private.reply_cost(m) where m.role = 'assistant';
update public.messages m set cost = 0 where m.role <> 'assistant';

-- Runs after number_message (triggers of one timing run by name), so created_at is the time the row was written.
create function private.price_message() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.counts_as_usage := coalesce(current_setting('ohm.copying_into_chat', true), '') <> new.chat_id::text;
    if not new.counts_as_usage then
      -- A fork's copy is nobody's usage: it is not priced (a long fork copies thousands of replies at once).
      new.cost := null;
      return new;
    end if;
  elsif new.input_tokens = old.input_tokens and new.output_tokens = old.output_tokens
        and new.input_cache_read_tokens = old.input_cache_read_tokens
        and new.input_cache_write_tokens = old.input_cache_write_tokens
        and new.agent_model is not distinct from old.agent_model and new.created_at = old.created_at then
    -- Nothing that prices the reply changed: keep the price it was charged.
    new.cost := old.cost;
    return new;
  end if;
  new.cost := private.reply_cost(new);
  return new;
end;
$$;
create trigger price_message before insert or update on public.messages
  for each row execute function private.price_message();
revoke execute on function private.reply_cost(public.messages), private.price_message() from public;
grant execute on function private.reply_cost(public.messages) to authenticated, service_role;

