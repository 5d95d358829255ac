-- get_shared_chat walks from the snapshot's leaf only as far as the page it answers: the newest page is `limit`
-- steps up the branch, and the page before message n at most (snapshot_sequence - n + 1) + limit steps, since
-- numbers fall strictly along parent links (a parent is always numbered before its children). It walked the whole
-- branch before (private.branch_from to a depth of 2^31) for every page, a thousand primary-key lookups of full
-- rows for the newest 50 of a 1,000-message share. The walk stays a walk: a share is a snapshot of a branch that the
-- chat's active tail (20261201175714_chats_keep_the_active_tail) need not describe any more.
--
-- Redefines private.get_shared_chat (first defined in 20261125041800_sharing_and_forks; the only definition so far).
create or replace function private.get_shared_chat(p_token text, p_before_sequence bigint default null, p_limit integer default 50)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  share public.shared_chats;
  chat_title text;
  page jsonb;
  depth integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  -- Ancestors numbered p_before_sequence or above are at most snapshot_sequence - p_before_sequence + 1 steps.
  depth := least(2147483647, p_limit + case when p_before_sequence is null then 0
                                       else greatest(0, share.snapshot_sequence - p_before_sequence + 1) end)::integer;
  select c.title into chat_title from public.chats c where c.id = share.chat_id;
  select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb) into page
    from (select * from private.branch_from(share.snapshot_leaf_id, depth) x
           where p_before_sequence is null or x.sequence_number < p_before_sequence
           order by x.sequence_number desc
           limit p_limit) b;
  return jsonb_build_object(
    'title', chat_title,
    'shared_at', share.created_at,
    'snapshot_sequence', share.snapshot_sequence,
    'messages', page);
end;
$$;
