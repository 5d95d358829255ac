-- A share shows the attachments of its snapshot, and only to someone holding the token: the share page lists them
-- through get_shared_attachments, and its route /share/<token>/attachments/<id> asks Storage for a short-lived
-- signed URL with the token in the `x-ohm-share-token` header (Storage exposes request headers to policies as
-- `request.headers`). The storage policy below lets that request read exactly the files (and thumbnails) of the
-- snapshot while the share is active: revoked or expired, it reads nothing, at once. No file is made public and
-- nobody without a token gains anything (without the header the policy is false).

-- The attachments the share's snapshot shows: those of the messages on its shared branch.
-- security definer: the reader holds only the token, not the chat; this returns that snapshot's rows and nothing else.
create function private.shared_attachments(p_token text) returns setof public.attachments
language sql stable security definer set search_path = '' as $$
  select a.*
    from private.active_share(p_token) s
    join private.branch_from(s.snapshot_leaf_id, 2147483647) m on true
    join public.attachments a on a.message_id = m.id
   where s.id is not null and char_length(p_token) <= 200
$$;
revoke execute on function private.shared_attachments(text) from public;
grant execute on function private.shared_attachments(text) to anon, authenticated;

-- What the share page shows of each attachment (never the storage keys, never the owner).
create function public.get_shared_attachments(p_token text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', a.id, 'message_id', a.message_id, 'filename', a.filename, 'file_type', a.file_type,
           'file_size', a.file_size, 'category', a.category, 'processing_status', a.processing_status,
           'has_thumbnail', a.thumbnail_path is not null, 'metadata', a.metadata - 'original_name',
           'created_at', a.created_at) order by a.created_at, (a.metadata ->> 'position')::integer, a.id), '[]'::jsonb)
    from private.shared_attachments(p_token) a
$$;
revoke execute on function public.get_shared_attachments(text) from public;
grant execute on function public.get_shared_attachments(text) to anon, authenticated;

-- The object keys of one shown attachment (null when the token does not show it), for the share's file route.
create function public.get_shared_attachment(p_token text, p_attachment_id uuid) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object('storage_path', a.storage_path, 'thumbnail_path', a.thumbnail_path,
                            'file_type', a.file_type, 'filename', a.filename)
    from private.shared_attachments(p_token) a
   where a.id = p_attachment_id
$$;
revoke execute on function public.get_shared_attachment(text, uuid) from public;
grant execute on function public.get_shared_attachment(text, uuid) to anon, authenticated;

-- Whether the token in this Storage request's `x-ohm-share-token` header shows object `p_name`. False at once for
-- requests without the header, so the policy costs the owner's own requests nothing.
-- security definer: it reads shares and attachments the caller (anon, or a forker) cannot read.
create function private.share_shows_object(p_name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  token text := nullif(current_setting('request.headers', true), '')::jsonb ->> 'x-ohm-share-token';
begin
  if token is null then
    return false;
  end if;
  return exists (select 1 from private.shared_attachments(token) a where p_name in (a.storage_path, a.thumbnail_path));
end;
$$;
revoke execute on function private.share_shows_object(text) from public;
grant execute on function private.share_shows_object(text) to anon, authenticated;

create policy "Share links can read the files their snapshot shows" on storage.objects for select to anon, authenticated
  using (bucket_id = 'attachments' and private.share_shows_object(name));
