-- share_expires_at(token): when an active share link stops working ('infinity' for never; null for a token that
-- opens nothing). The share page is served from Next.js's cache and from CDNs (lib/shares/cache.ts): the cached
-- copy must never outlive the link, so the page needs the expiry beside the snapshot, and get_shared_chat (whose
-- shape other features extend) is left as it is.

-- security definer: the reader holds only the token, not the share row, which no API role may read; it returns the
-- expiry of an active link and nothing else, and the same null for unknown, revoked and expired tokens.
create function private.share_expires_at(p_token text) returns timestamptz
language sql stable security definer set search_path = '' as $$
  select coalesce(s.expires_at, 'infinity'::timestamptz) from private.active_share(p_token) s where s.id is not null
$$;

create function public.share_expires_at(p_token text) returns timestamptz
language sql stable security invoker set search_path = '' as $$ select private.share_expires_at(p_token) $$;

revoke execute on function private.share_expires_at(text) from public;
grant execute on function private.share_expires_at(text) to anon, authenticated;
revoke execute on function public.share_expires_at(text) from public;
grant execute on function public.share_expires_at(text) to anon, authenticated;
