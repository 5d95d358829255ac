-- The private Storage bucket `exports`: files made from a project's artifact versions (BOM CSV, wiring PDF,
-- firmware zip, Wokwi diagram.json) under <project_id>/<artifact_id>/<versions>/<file>. A name says which versions
-- it was made from, so a file is written once and never replaced: users may read, list and add files only in the
-- folders of their own projects, and delete them (a deleted project's folder is emptied); there is no update
-- policy, so nobody overwrites an export. Downloads go through short-lived signed URLs the app issues.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('exports', 'exports', false, 52428800, array['text/csv', 'application/pdf', 'application/zip', 'application/json'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "Users can read the exports of their own projects" on storage.objects for select to authenticated
  using (bucket_id = 'exports'
    and (storage.foldername(name))[1] in (select p.id::text from public.projects p where p.user_id = (select auth.uid())));
create policy "Users can add exports to their own projects" on storage.objects for insert to authenticated
  with check (bucket_id = 'exports'
    and (storage.foldername(name))[1] in (select p.id::text from public.projects p where p.user_id = (select auth.uid())));
create policy "Users can delete the exports of their own projects" on storage.objects for delete to authenticated
  using (bucket_id = 'exports'
    and (storage.foldername(name))[1] in (select p.id::text from public.projects p where p.user_id = (select auth.uid())));
