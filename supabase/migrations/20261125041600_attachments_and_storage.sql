-- attachments: circuit photos and datasheets. Bytes live in the private Storage bucket `attachments` under
-- <user_id>/<chat_id>/<uuid>-<safe name>; each user reads and writes only under their own first folder.
create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null references public.chats (id) on delete cascade,
  message_id uuid references public.messages (id) on delete set null,
  user_id uuid not null references auth.users (id) on delete cascade,
  filename text not null check (char_length(filename) between 1 and 255),
  file_type text not null check (file_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  file_size bigint not null check (file_size between 1 and 20971520),
  storage_bucket text not null default 'attachments' check (storage_bucket = 'attachments'),
  storage_path text not null check (char_length(storage_path) <= 1024),
  category public.attachment_category not null default 'other',
  is_processed boolean not null default false,
  processing_status public.processing_status not null default 'pending',
  created_at timestamptz not null default now(),
  constraint attachments_storage_path_key unique (storage_bucket, storage_path),
  -- The object must sit in the owner's folder for this chat, as the storage policies require.
  constraint attachments_storage_path_in_own_folder check (storage_path like user_id::text || '/' || chat_id::text || '/%')
);
comment on table public.attachments is 'Metadata of uploaded files; the bytes are in Storage bucket attachments.';
create index attachments_chat_id_idx on public.attachments (chat_id);
create index attachments_message_id_idx on public.attachments (message_id);
create index attachments_user_id_idx on public.attachments (user_id);

create trigger set_attachment_owner before insert on public.attachments for each row execute function private.set_owner_from_session();
create trigger keep_attachment_owner before update on public.attachments for each row execute function private.keep_owner();

alter table public.attachments enable row level security;
create policy "Users can read their own attachments" on public.attachments for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can attach files to their own chats" on public.attachments for insert to authenticated
  with check (user_id = (select auth.uid())
    and exists (select 1 from public.chats c where c.id = chat_id and c.user_id = (select auth.uid())));
create policy "Users can delete their own attachments" on public.attachments for delete to authenticated using (user_id = (select auth.uid()));

grant select, delete on public.attachments to authenticated;
grant insert (chat_id, message_id, user_id, filename, file_type, file_size, storage_bucket, storage_path, category) on public.attachments to authenticated;
grant select, insert, update, delete on public.attachments to service_role;

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 20971520, array['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

create policy "Users can read files in their own attachments folder" on storage.objects for select to authenticated
  using (bucket_id = 'attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can upload files to their own attachments folder" on storage.objects for insert to authenticated
  with check (bucket_id = 'attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can replace files in their own attachments folder" on storage.objects for update to authenticated
  using (bucket_id = 'attachments' and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id = 'attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users can delete files in their own attachments folder" on storage.objects for delete to authenticated
  using (bucket_id = 'attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);
