-- The private Storage bucket `circuit_verifications` the seed document names: each verification of an uploaded
-- circuit (a Wokwi diagram.json, a KiCad netlist, a photo checked by a model) is saved as
-- <chat_id>/verified_<timestamp>.json. Only the agents' write path (service role) writes there; the owner of the
-- chat reads the files of their chats, nobody else (no public read, no listing of other chats).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('circuit_verifications', 'circuit_verifications', false, 1048576, array['application/json'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- The first folder is the chat id; chats_user_id_idx serves the subquery.
create policy "Users can read the circuit verifications of their chats" on storage.objects for select to authenticated
  using (bucket_id = 'circuit_verifications'
         and (storage.foldername(name))[1] in (select c.id::text from public.chats c where c.user_id = (select auth.uid())));
