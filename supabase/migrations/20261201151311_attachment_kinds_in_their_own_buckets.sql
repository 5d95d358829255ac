-- Size limits per kind of attachment, enforced by Storage itself: hosted Supabase Storage checks a bucket's
-- file_size_limit and allowed_mime_types before it keeps a byte, but has one limit per bucket, and an RLS policy on
-- storage.objects cannot see an upload's size (the insert check runs before the bytes arrive). So each kind gets a
-- bucket of its own: `attachments` keeps photos (JPEG, PNG, WebP, and the WebP thumbnails), `attachment-datasheets`
-- takes PDFs (and the WebP image of their page 1), `attachment-circuits` Wokwi diagrams and KiCad netlists. Files
-- already in `attachments` stay there (each row names its bucket). lib/attachments/rules.ts holds the same limits
-- for the app's messages; a database test checks the two agree.
-- Replaces the storage_bucket and file_size checks of 20261125041600_attachments_and_storage and the bucket set up
-- there (its allowed types last changed in 20261201120500_attachments_accept_circuit_files).
-- Redefines public.append_message_with_attachments (first defined in 20261201120747_attachments_sent_with_messages),
-- public.get_shared_attachment (20261201120750_shared_chats_show_their_attachments) and
-- private.fork_chat_attachments (20261201120752_forks_copy_attachments): each now carries the row's bucket.

update storage.buckets
   set file_size_limit = 20971520, allowed_mime_types = array['image/jpeg', 'image/png', 'image/webp']
 where id = 'attachments';

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachment-datasheets', 'attachment-datasheets', false, 26214400, array['application/pdf', 'image/webp']),
       ('attachment-circuits', 'attachment-circuits', false, 2097152, array['application/json', 'application/x-kicad-netlist'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
                               allowed_mime_types = excluded.allowed_mime_types;

alter table public.attachments drop constraint attachments_storage_bucket_check;
alter table public.attachments add constraint attachments_storage_bucket_check
  check (storage_bucket in ('attachments', 'attachment-datasheets', 'attachment-circuits'));
alter table public.attachments drop constraint attachments_file_size_check;
alter table public.attachments add constraint attachments_file_size_check check (file_size between 1 and 26214400);

-- The same folder rules as the attachments bucket's policies: each user reads and writes only under their own id.
create policy "Users can read files in their own datasheet and circuit folders" on storage.objects for select to authenticated
  using (bucket_id in ('attachment-datasheets', 'attachment-circuits') and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can upload files to their own datasheet and circuit folders" on storage.objects for insert to authenticated
  with check (bucket_id in ('attachment-datasheets', 'attachment-circuits') and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can replace files in their own datasheet and circuit folders" on storage.objects for update to authenticated
  using (bucket_id in ('attachment-datasheets', 'attachment-circuits') and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id in ('attachment-datasheets', 'attachment-circuits') and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can delete files in their own datasheet and circuit folders" on storage.objects for delete to authenticated
  using (bucket_id in ('attachment-datasheets', 'attachment-circuits') and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Share links can read the datasheets and circuit files their snapshot shows" on storage.objects for select to anon, authenticated
  using (bucket_id in ('attachment-datasheets', 'attachment-circuits') and private.share_shows_object(name));

-- security invoker, as before: append_message checks the chat is the caller's; each row must name an object the
-- caller can see in its bucket.
create or replace function public.append_message_with_attachments(
  p_chat_id uuid,
  p_content text,
  p_idempotency_key text,
  p_parent_id uuid default null,
  p_attachments jsonb default '[]'::jsonb
) returns public.messages
language plpgsql volatile security invoker set search_path = '' as $$
declare
  saved public.messages;
  item jsonb;
  ord bigint;
  bucket text;
begin
  if jsonb_typeof(p_attachments) is distinct from 'array' or jsonb_array_length(p_attachments) > 10 then
    raise exception 'a message can carry at most 10 attachments' using errcode = '22023';
  end if;
  saved := public.append_message(p_chat_id, p_content, p_idempotency_key, p_parent_id, 'user');
  -- A retry of a saved message answers its row; its attachments were written with it.
  if exists (select 1 from public.attachments a where a.message_id = saved.id) then
    return saved;
  end if;
  -- All rows share the transaction's created_at: metadata.position keeps the order the files were attached in.
  for item, ord in select e.value, e.ordinality from jsonb_array_elements(p_attachments) with ordinality e loop
    bucket := coalesce(item ->> 'storage_bucket', 'attachments');
    if not exists (select 1 from storage.objects o where o.bucket_id = bucket and o.name = item ->> 'storage_path') then
      raise exception 'the file % was not uploaded (or was removed)', item ->> 'filename' using errcode = '22023';
    end if;
    insert into public.attachments (chat_id, message_id, filename, file_type, file_size, storage_bucket, storage_path,
                                    thumbnail_path, category, metadata)
    values (p_chat_id, saved.id, item ->> 'filename', item ->> 'file_type', (item ->> 'file_size')::bigint, bucket,
            item ->> 'storage_path', item ->> 'thumbnail_path',
            coalesce(item ->> 'category', 'other')::public.attachment_category,
            coalesce(item -> 'metadata', '{}'::jsonb) || jsonb_build_object('position', ord));
  end loop;
  return saved;
end;
$$;

create or replace function public.get_shared_attachment(p_token text, p_attachment_id uuid) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object('storage_bucket', a.storage_bucket, 'storage_path', a.storage_path,
                            'thumbnail_path', a.thumbnail_path, 'file_type', a.file_type, 'filename', a.filename)
    from private.shared_attachments(p_token) a
   where a.id = p_attachment_id
$$;

-- security definer, as before: called only from fork_chat (itself definer), it reads the sharer's attachments,
-- which the forker cannot read, and writes rows into the forker's new chat. The copy goes to the source's bucket.
create or replace function private.fork_chat_attachments(p_source_chat uuid, p_new_chat uuid, p_message_map jsonb) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := auth.uid();
  copied integer;
begin
  perform set_config('ohm.copying_into_chat', p_new_chat::text, true);
  with source as (
    select a.*, gen_random_uuid()::text as new_key
      from public.attachments a
     where a.chat_id = p_source_chat and p_message_map ? a.message_id::text
  ), inserted as (
    insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_bucket,
                                    storage_path, thumbnail_path, category, is_processed, processing_status, metadata)
    select p_new_chat, (p_message_map ->> s.message_id::text)::uuid, me, s.filename, s.file_type, s.file_size,
           s.storage_bucket,
           me::text || '/' || p_new_chat::text || '/' || s.new_key || '-' || s.filename,
           case when s.thumbnail_path is null then null else me::text || '/' || p_new_chat::text || '/' || s.new_key || '.thumb.webp' end,
           s.category, s.is_processed, s.processing_status,
           s.metadata || jsonb_build_object('copied_from', s.storage_path, 'thumbnail_copied_from', s.thumbnail_path)
      from source s
    returning 1
  )
  select count(*)::integer into copied from inserted;
  perform set_config('ohm.copying_into_chat', '', true);
  return copied;
end;
$$;
