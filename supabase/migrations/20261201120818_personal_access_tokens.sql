-- Personal access tokens: what an MCP client (Claude Desktop, an IDE) presents to /api/mcp to act as its user.
-- The secret is made here from the CSPRNG, shown once (create_personal_access_token returns it) and stored only as
-- its sha256; a token is scoped read or read_write and always expires. The app verifies a presented secret with
-- resolve_personal_access_token and then acts as the token's user under RLS (a short-lived JWT for that user), so
-- a token can reach exactly what its user can, never more.
create type public.access_token_scope as enum ('read', 'read_write');

create table public.personal_access_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80 and name = btrim(name)),
  token_hash bytea not null check (octet_length(token_hash) = 32),
  token_prefix text not null check (char_length(token_prefix) between 8 and 20),
  scope public.access_token_scope not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint personal_access_tokens_token_hash_key unique (token_hash),
  constraint personal_access_tokens_expiry_check check (expires_at > created_at and expires_at <= created_at + interval '366 days')
);
comment on table public.personal_access_tokens is 'Personal access tokens for the MCP server: sha256 of the secret, scope, expiry, revocation. The secret itself is never stored.';
create index personal_access_tokens_user_id_idx on public.personal_access_tokens (user_id, created_at desc);

alter table public.personal_access_tokens enable row level security;
create policy "Users can read their own tokens" on public.personal_access_tokens for select to authenticated
  using (user_id = (select auth.uid()));
-- A revoked token stays revoked: the new row must still carry a revocation time.
create policy "Users can revoke their own tokens" on public.personal_access_tokens for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()) and revoked_at is not null);
-- Never the hash: a user lists names, prefixes, scopes and dates. No insert grant: secrets are made only below.
grant select (id, user_id, name, token_prefix, scope, created_at, expires_at, last_used_at, revoked_at)
  on public.personal_access_tokens to authenticated;
grant update (revoked_at) on public.personal_access_tokens to authenticated;
grant select, insert, update, delete on public.personal_access_tokens to service_role;

-- security definer: users have no insert grant, so every token's secret comes from the CSPRNG here and none can be
-- chosen; the row is the caller's own (auth.uid()), with the limits below.
create function public.create_personal_access_token(p_name text, p_scope public.access_token_scope, p_expires_in_days integer)
returns table (token text, id uuid, token_prefix text, expires_at timestamptz)
language plpgsql volatile security definer set search_path = '' as $$
declare
  caller uuid := (select auth.uid());
  secret text;
  created public.personal_access_tokens;
begin
  if caller is null then
    raise exception 'sign in to create a token' using errcode = '42501';
  end if;
  if p_name is null or char_length(btrim(p_name)) not between 1 and 80 then
    raise exception 'A token needs a name of 1 to 80 characters.' using errcode = '22023';
  end if;
  if p_expires_in_days is null or p_expires_in_days not between 1 and 366 then
    raise exception 'A token expires after 1 to 366 days.' using errcode = '22023';
  end if;
  if (select count(*) from public.personal_access_tokens t
       where t.user_id = caller and t.revoked_at is null and t.expires_at > now()) >= 20 then
    raise exception 'You have 20 active tokens: revoke one before creating another.' using errcode = '22023';
  end if;
  -- Two v4 UUIDs: 244 random bits from the server's CSPRNG, hex-encoded after a recognisable prefix.
  secret := 'ohm_pat_' || encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'hex');
  insert into public.personal_access_tokens (user_id, name, token_hash, token_prefix, scope, expires_at)
  values (caller, btrim(p_name), sha256(convert_to(secret, 'UTF8')), left(secret, 14), p_scope,
          now() + make_interval(days => p_expires_in_days))
  returning * into created;
  return query select secret, created.id, created.token_prefix, created.expires_at;
end;
$$;
comment on function public.create_personal_access_token(text, public.access_token_scope, integer) is 'Creates a token for the caller and returns its secret, the only time it is ever shown.';

create function public.revoke_personal_access_token(p_token_id uuid) returns void
language plpgsql volatile security invoker set search_path = '' as $$
begin
  update public.personal_access_tokens t set revoked_at = now()
   where t.id = p_token_id and t.revoked_at is null;
  if not found and not exists (select 1 from public.personal_access_tokens t where t.id = p_token_id) then
    raise exception 'token % not found', p_token_id using errcode = 'PT404';
  end if;
end;
$$;
comment on function public.revoke_personal_access_token(uuid) is 'Revokes one of the caller''s tokens at once (a second revoke is a no-op).';

-- security definer: the caller is not anyone yet (the MCP route asks with the publishable key before it knows
-- whose token this is). It answers only for the exact secret, with that token's own user and scope, and records
-- when it was last used (at most once a minute, so a busy client does not write on every call).
create function public.resolve_personal_access_token(p_token text)
returns table (token_id uuid, user_id uuid, scope public.access_token_scope, state text, expires_at timestamptz,
  is_anonymous boolean, email text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  found_token public.personal_access_tokens;
begin
  if p_token is null or char_length(p_token) > 200 then
    return;
  end if;
  select * into found_token from public.personal_access_tokens t where t.token_hash = sha256(convert_to(p_token, 'UTF8'));
  if not found then
    return;
  end if;
  if found_token.revoked_at is null and found_token.expires_at > now()
     and (found_token.last_used_at is null or found_token.last_used_at < now() - interval '1 minute') then
    update public.personal_access_tokens t set last_used_at = now() where t.id = found_token.id;
  end if;
  return query
    select found_token.id, found_token.user_id, found_token.scope,
           case when found_token.revoked_at is not null then 'revoked'
                when found_token.expires_at <= now() then 'expired'
                else 'active' end,
           found_token.expires_at, coalesce(u.is_anonymous, false), u.email::text
      from auth.users u where u.id = found_token.user_id;
end;
$$;
comment on function public.resolve_personal_access_token(text) is 'Who a presented token secret belongs to, its scope and whether it is active, revoked or expired; nothing for an unknown secret.';

revoke execute on function public.create_personal_access_token(text, public.access_token_scope, integer) from public, anon;
revoke execute on function public.revoke_personal_access_token(uuid) from public, anon;
revoke execute on function public.resolve_personal_access_token(text) from public, authenticated;
grant execute on function public.create_personal_access_token(text, public.access_token_scope, integer) to authenticated;
grant execute on function public.revoke_personal_access_token(uuid) to authenticated;
grant execute on function public.resolve_personal_access_token(text) to anon, service_role;
