-- Cold chats leave the hot messages table for compressed JSONL in Storage, and come back when opened (seed
-- document, "archiving old chats to cold storage"). SQL cannot write Storage bytes, so the move is split in three
-- checked steps, each safe to stop after (README, "Cold chats"):
--   1. private.seal_cold_chats(): picks chats untouched for a while (default 365 days) and records them as sealed.
--      pg_cron can run it on hosted Supabase; it moves nothing.
--   2. the job (`npm run db:archive`) reads each sealed chat as JSONL (private.archived_chat_jsonl), gzips it and
--      writes it to the private `archive` bucket under <user id>/<chat id>/<sealed at>.jsonl.gz;
--   3. then calls private.drop_archived_messages(chat, sha256 of that JSONL): in one transaction it recomputes the
--      JSONL of the rows still in the table and deletes them only if it is the same bytes the object holds (a chat
--      written to since step 1 is unsealed and stays hot).
-- The chat row stays (title, counts, last_message_at), so the chat list, title search and counts are unchanged.
-- Opening the chat restores it: the owner's session downloads the object (RLS on storage.objects) and hands the
-- JSONL to public.restore_archived_chat, which accepts only the bytes whose digest step 3 recorded.
-- Rows move with session_replication_role = replica (allowed to postgres on hosted by supautils), so neither
-- direction fires the triggers that number, price, log, broadcast or roll up usage: usage totals keep archived
-- replies, and the rows come back with their own ids, numbers and timestamps.

create table public.chat_archives (
  chat_id uuid primary key references public.chats (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  object_path text not null,
  message_count integer not null default 0 check (message_count >= 0),
  -- sha256 (hex) of the uncompressed JSONL whose rows left the table: what a restore must hand back.
  digest text check (digest ~ '^[0-9a-f]{64}$'),
  sealed_at timestamptz not null default now(),
  -- Set when the rows left the table; cleared by a restore.
  stored_at timestamptz,
  -- Set by a restore: the job removes the object, then this row.
  restored_at timestamptz,
  check (stored_at is null or digest is not null)
);
comment on table public.chat_archives is
  'Chats whose messages are (or are being) kept in the archive bucket instead of public.messages: sealed by private.seal_cold_chats, stored by the archive job, restored on open.';
create index chat_archives_user_id_idx on public.chat_archives (user_id);
alter table public.chat_archives enable row level security;
create policy "Users can see which of their chats are archived" on public.chat_archives
  for select to authenticated using (user_id = (select auth.uid()));
grant select on public.chat_archives to authenticated;
grant select on public.chat_archives to service_role;

-- The job looks for cold chats across all users: by last activity alone.
create index chats_last_message_at_idx on public.chats (last_message_at) where deleted_at is null;

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('archive', 'archive', false, null, array['application/gzip'])
on conflict (id) do update set public = excluded.public, allowed_mime_types = excluded.allowed_mime_types;
-- Owners read their own archived chats (to restore them); only the job writes or removes (service role).
create policy "Users can read their own archived chats" on storage.objects for select to authenticated
  using (bucket_id = 'archive' and (storage.foldername(name))[1] = (select auth.uid())::text);

/** The columns a restore writes: every stored column of public.messages (generated ones are computed again). */
create function private.message_stored_columns() returns text[]
language sql stable security invoker set search_path = '' as $$
  select array_agg(a.attname::text order by a.attnum) from pg_catalog.pg_attribute a
   where a.attrelid = 'public.messages'::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
$$;

-- timezone = UTC: timestamps must print the same whoever reads, or the digest of the same rows would differ.
create function private.archived_chat_jsonl(p_chat_id uuid) returns text
language sql stable security invoker set search_path = '' set timezone = 'UTC' as $$
  select coalesce(string_agg(
           (select jsonb_object_agg(e.key, e.value) from jsonb_each(to_jsonb(m)) e
             where e.key = any (private.message_stored_columns()))::text,
           e'\n' order by m.sequence_number, m.id), '')
    from public.messages m where m.chat_id = p_chat_id
$$;

-- p_user_id: one user's chats only (an operator archiving an account; the tests).
create function private.seal_cold_chats(
  p_idle interval default '365 days', p_limit integer default 100, p_user_id uuid default null)
returns setof public.chat_archives
language sql volatile security invoker set search_path = '' as $$
  insert into public.chat_archives as a (chat_id, user_id, object_path)
  select c.id, c.user_id,
         c.user_id || '/' || c.id || '/' || to_char(now() at time zone 'utc', 'YYYYMMDD"T"HH24MISS') || '.jsonl.gz'
    from public.chats c
   where c.deleted_at is null and c.message_count > 0 and c.last_message_at < now() - p_idle
     and (p_user_id is null or c.user_id = p_user_id)
     -- A shared snapshot is read by token holders from the hot table.
     and not exists (select 1 from public.shared_chats s
                      where s.chat_id = c.id and s.revoked_at is null and (s.expires_at is null or s.expires_at > now()))
     and not exists (select 1 from public.chat_archives x where x.chat_id = c.id and x.restored_at is null)
   order by c.last_message_at
   limit p_limit
  on conflict (chat_id) do update
    set object_path = excluded.object_path, sealed_at = now(), stored_at = null, restored_at = null, digest = null,
        message_count = 0
  returning a.*
$$;

create function private.drop_archived_messages(p_chat_id uuid, p_digest text) returns boolean
language plpgsql volatile security invoker set search_path = '' as $$
declare
  removed integer;
begin
  -- The chat row first, as append_message does: nothing is written to the chat until this commits.
  perform 1 from public.chats c where c.id = p_chat_id for update;
  perform 1 from public.chat_archives a
   where a.chat_id = p_chat_id and a.stored_at is null and a.restored_at is null for update;
  if not found then
    raise exception 'chat % is not sealed for the archive', p_chat_id using errcode = '55000';
  end if;
  if encode(extensions.digest(private.archived_chat_jsonl(p_chat_id), 'sha256'), 'hex') is distinct from p_digest then
    -- Written to since it was sealed (or the object is not these rows): it stays hot.
    delete from public.chat_archives where chat_id = p_chat_id;
    return false;
  end if;
  perform set_config('session_replication_role', 'replica', true);
  delete from public.messages where chat_id = p_chat_id;
  get diagnostics removed = row_count;
  perform set_config('session_replication_role', 'origin', true);
  update public.chat_archives set stored_at = now(), digest = p_digest, message_count = removed
   where chat_id = p_chat_id;
  return true;
end;
$$;

-- security definer: the chat's owner can neither insert messages as they were nor switch triggers off; the function
-- writes back exactly the rows whose digest was recorded when they left, and nothing else.
create function private.restore_archived_chat(p_chat_id uuid, p_jsonl text) returns integer
language plpgsql volatile security definer set search_path = '' set timezone = 'UTC' as $$
declare
  archive public.chat_archives;
  columns text;
  restored integer;
begin
  select * into archive from public.chat_archives a
   where a.chat_id = p_chat_id and a.user_id = (select auth.uid()) and a.stored_at is not null for update;
  if not found then
    raise exception 'chat % has no archived messages', p_chat_id using errcode = 'PT404';
  end if;
  if encode(extensions.digest(coalesce(p_jsonl, ''), 'sha256'), 'hex') <> archive.digest then
    raise exception 'the archive of chat % does not match what was stored', p_chat_id using errcode = '22000';
  end if;
  select string_agg(quote_ident(c), ', ') into columns from unnest(private.message_stored_columns()) c;
  perform set_config('session_replication_role', 'replica', true);
  execute format(
    'insert into public.messages (%1$s) select %1$s from jsonb_populate_recordset(null::public.messages, $1)', columns)
    using (select coalesce(jsonb_agg(line::jsonb), '[]'::jsonb)
             from regexp_split_to_table(p_jsonl, e'\n') line where line <> '');
  get diagnostics restored = row_count;
  perform set_config('session_replication_role', 'origin', true);
  update public.chat_archives set stored_at = null, restored_at = now() where chat_id = p_chat_id;
  return restored;
end;
$$;

create function public.restore_archived_chat(p_chat_id uuid, p_jsonl text) returns integer
language sql volatile security invoker set search_path = '' as $$ select private.restore_archived_chat(p_chat_id, p_jsonl) $$;

revoke execute on function private.message_stored_columns(), private.archived_chat_jsonl(uuid),
  private.seal_cold_chats(interval, integer, uuid), private.drop_archived_messages(uuid, text),
  private.restore_archived_chat(uuid, text) from public;
grant execute on function private.restore_archived_chat(uuid, text) to authenticated;
revoke execute on function public.restore_archived_chat(uuid, text) from public, anon;
grant execute on function public.restore_archived_chat(uuid, text) to authenticated;
