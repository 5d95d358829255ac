-- Uploads from the composer: the bytes go from the browser straight to Storage, and the attachments rows are written
-- with the message, in the same transaction, by append_message_with_attachments (which wraps public.append_message,
-- owned by the scale work, rather than redefining it). The rows gain what the app's content check found: the
-- thumbnail it made (an object beside the file, in the same folder), and metadata (the name as the browser sent it,
-- kept as data, never as a key; pixel size or page count; a page-1 excerpt for PDFs).
alter table public.attachments
  add column thumbnail_path text check (char_length(thumbnail_path) <= 1024),
  add column metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object' and pg_column_size(metadata) <= 16384),
  add constraint attachments_thumbnail_in_own_folder check (thumbnail_path like user_id::text || '/' || chat_id::text || '/%');

grant insert (thumbnail_path, metadata) on public.attachments to authenticated;

-- security invoker: append_message checks the chat is the caller's; the attachment rows then pass the table's own
-- insert policy and column grants, and each must name an object the caller can see in Storage (RLS on
-- storage.objects: their own folder), so a row never points at a file that was not uploaded.
create function public.append_message_with_attachments(
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
    if not exists (select 1 from storage.objects o where o.bucket_id = 'attachments' and o.name = item ->> 'storage_path') then
      raise exception 'the file % was not uploaded (or was removed)', item ->> 'filename' using errcode = '22023';
    end if;
    insert into public.attachments (chat_id, message_id, filename, file_type, file_size, storage_path, thumbnail_path, category, metadata)
    values (p_chat_id, saved.id, item ->> 'filename', item ->> 'file_type', (item ->> 'file_size')::bigint,
            item ->> 'storage_path', item ->> 'thumbnail_path',
            coalesce(item ->> 'category', 'other')::public.attachment_category,
            coalesce(item -> 'metadata', '{}'::jsonb) || jsonb_build_object('position', ord));
  end loop;
  return saved;
end;
$$;
revoke execute on function public.append_message_with_attachments(uuid, text, text, uuid, jsonb) from public, anon;
grant execute on function public.append_message_with_attachments(uuid, text, text, uuid, jsonb) to authenticated;
