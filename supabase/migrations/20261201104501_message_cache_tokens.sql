-- Cached input tokens on messages: AI SDK 7 reports input as no-cache, cache-read and cache-write tokens, which
-- providers price differently (a cache read costs about a tenth of fresh input). input_tokens stays the total;
-- these two say how much of it was read from or written to the provider's prompt cache, so insights can price it.
alter table public.messages
  add column input_cache_read_tokens integer not null default 0 check (input_cache_read_tokens >= 0),
  add column input_cache_write_tokens integer not null default 0 check (input_cache_write_tokens >= 0);

comment on column public.messages.input_cache_read_tokens is 'Part of input_tokens the provider read from its prompt cache.';
comment on column public.messages.input_cache_write_tokens is 'Part of input_tokens the provider wrote to its prompt cache.';
