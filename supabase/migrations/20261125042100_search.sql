-- Full-text search over what a user wrote and received: websearch syntax (never throws on user input), ranked,
-- with snippets escaped before the highlight markers are added, keyset-paginated by (rank, id).
create type public.search_hit as (
  message_id uuid,
  chat_id uuid,
  chat_title text,
  sequence_number bigint,
  role public.message_role,
  agent_name text,
  intent public.message_intent,
  created_at timestamptz,
  rank real,
  snippet text,
  cursor text
);
grant usage on type public.search_hit to authenticated, service_role;

create function private.escape_html(p_text text) returns text
language sql immutable security invoker set search_path = '' as $$
  select replace(replace(replace(replace(replace(p_text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
revoke execute on function private.escape_html(text) from public;
grant execute on function private.escape_html(text) to authenticated, service_role;

create function public.search_messages(
  p_query text,
  p_limit integer default 20,
  p_cursor text default null,
  p_agent text default null,
  p_intent public.message_intent default null,
  p_from timestamptz default null,
  p_to timestamptz default null
) returns setof public.search_hit
language plpgsql stable security invoker set search_path = '' as $$
declare
  q tsquery;
  cursor_rank real;
  cursor_id uuid;
begin
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'limit must be between 1 and 100 (got %)', p_limit using errcode = '22023';
  end if;
  if p_query is null or char_length(p_query) > 1000 then
    raise exception 'a search can be at most 1000 characters' using errcode = '22001';
  end if;
  q := websearch_to_tsquery('english', p_query);
  if q is null or numnode(q) = 0 or auth.uid() is null then
    return;
  end if;
  if p_cursor is not null then
    begin
      cursor_rank := split_part(p_cursor, ':', 1)::real;
      cursor_id := split_part(p_cursor, ':', 2)::uuid;
    exception when others then
      raise exception 'invalid search cursor' using errcode = '22023';
    end;
  end if;
  return query
  with hits as (
    select m.id, m.chat_id, m.sequence_number, m.role, m.agent_name, m.intent, m.created_at, m.content,
           ts_rank_cd(m.content_search, q) as rank
      from public.messages m
     where m.user_id = auth.uid()
       and m.content_search @@ q
       and (p_agent is null or m.agent_name = p_agent)
       and (p_intent is null or m.intent = p_intent)
       and (p_from is null or m.created_at >= p_from)
       and (p_to is null or m.created_at < p_to)
  )
  select h.id, h.chat_id, c.title, h.sequence_number, h.role, h.agent_name, h.intent, h.created_at, h.rank,
         ts_headline('english', private.escape_html(h.content), q,
           'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
         h.rank::text || ':' || h.id::text
    from hits h
    join public.chats c on c.id = h.chat_id and c.deleted_at is null
   where p_cursor is null or (h.rank, h.id) < (cursor_rank, cursor_id)
   order by h.rank desc, h.id desc
   limit p_limit;
end;
$$;
revoke execute on function public.search_messages(text, integer, text, text, public.message_intent, timestamptz, timestamptz) from public, anon;
grant execute on function public.search_messages(text, integer, text, text, public.message_intent, timestamptz, timestamptz) to authenticated, service_role;
