-- A share knows its snapshot's messages by number: shared_chats.snapshot_branch holds the sequence numbers of the
-- branch ending at snapshot_leaf_id. Numbers are unique in a chat and fall strictly along parent links, so the
-- chat's messages with those numbers are exactly the snapshot's. Until now every read walked parent_id up from the
-- leaf, one primary-key lookup a message:
-- - get_shared_chat as far as its page (the oldest page of a 1,000-message share: 1,000 lookups, 13 ms);
-- - private.shared_attachments the whole branch, and it is behind every share page's file list and behind the
--   storage policy that each shared file's signed URL asks (32 ms for a 1,000-message share, for every image).
-- Now a page reads the runs of its numbers by the (chat, number) index, newest first, and a share's files are its
-- chat's attachments whose message is numbered in the snapshot.
--
-- The numbers are kept when the link is made (or its snapshot moves): the chat's active tail when the snapshot is
-- the active leaf, as it is for every link create_share makes, and the walk only above the tail. A share whose
-- messages could not be read when this ran (a chat in the cold archive) keeps null and is walked as before.
--
-- Adds shared_chats.snapshot_branch, private.branch_numbers, private.snapshot_branch_of and the trigger
-- set_snapshot_branch; redefines private.get_shared_chat (last in 20261201210037_share_page_walks_only_its_page)
-- and private.shared_attachments (first defined in 20261201120750_shared_chats_show_their_attachments).

alter table public.shared_chats add column snapshot_branch int8multirange;
comment on column public.shared_chats.snapshot_branch is
  'The sequence numbers of the snapshot''s messages (the branch ending at snapshot_leaf_id); null: not known, walked.';

-- The numbers of the branch ending at p_leaf, from its first message; null when p_leaf is not there.
create function private.branch_numbers(p_leaf uuid) returns int8multirange
language sql stable security invoker set search_path = '' as $$
  with recursive path as (
    select m.parent_id, m.sequence_number from public.messages m where m.id = p_leaf
    union all
    select m.parent_id, m.sequence_number from public.messages m join path on m.id = path.parent_id
  )
  select range_agg(int8range(p.sequence_number, p.sequence_number, '[]')) from path p
$$;
revoke execute on function private.branch_numbers(uuid) from public;
grant execute on function private.branch_numbers(uuid) to service_role;

-- A snapshot's numbers: from the chat's active tail when the snapshot is its active leaf (the tail's own numbers,
-- and a walk only from the tail's parent up), else by walking the whole branch.
create function private.snapshot_branch_of(p_chat_id uuid, p_leaf uuid) returns int8multirange
language plpgsql stable security invoker set search_path = '' as $$
declare
  chat record;
begin
  if p_leaf is null then
    return '{}';
  end if;
  select c.active_leaf_id, c.active_tail, c.active_tail_parent_id into chat from public.chats c where c.id = p_chat_id;
  if p_leaf = chat.active_leaf_id and chat.active_tail is not null then
    return chat.active_tail + coalesce(private.branch_numbers(chat.active_tail_parent_id), '{}');
  end if;
  return private.branch_numbers(p_leaf);
end;
$$;
revoke execute on function private.snapshot_branch_of(uuid, uuid) from public;
grant execute on function private.snapshot_branch_of(uuid, uuid) to service_role;

create function private.set_snapshot_branch() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  new.snapshot_branch := private.snapshot_branch_of(new.chat_id, new.snapshot_leaf_id);
  return new;
end;
$$;
revoke execute on function private.set_snapshot_branch() from public;

create trigger set_snapshot_branch
  before insert or update of chat_id, snapshot_leaf_id on public.shared_chats
  for each row execute function private.set_snapshot_branch();

update public.shared_chats s set snapshot_branch = private.snapshot_branch_of(s.chat_id, s.snapshot_leaf_id);

create or replace function private.get_shared_chat(p_token text, p_before_sequence bigint default null, p_limit integer default 50)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  share public.shared_chats;
  chat_title text;
  page jsonb := '[]';
  part jsonb;
  read_rows integer := 0;
  run_rows integer;
  below bigint;
  run int8range;
  depth integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  select c.title into chat_title from public.chats c where c.id = share.chat_id;
  if share.snapshot_branch is not null then
    -- The snapshot's runs below the page's start, newest first, each one backward range scan.
    below := coalesce(p_before_sequence, upper(share.snapshot_branch));
    for run in select r from unnest(share.snapshot_branch) r where lower(r) < below order by r desc loop
      select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb), count(*)
        into part, run_rows
        from (select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
                     m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status,
                     m.created_at, m.updated_at, m.sibling_count, m.sibling_index
                from public.messages m
               where m.chat_id = share.chat_id and m.sequence_number >= lower(run)
                 and m.sequence_number < least(upper(run), below)
               order by m.sequence_number desc
               limit p_limit - read_rows) b;
      page := page || part;
      read_rows := read_rows + run_rows;
      exit when read_rows >= p_limit;
    end loop;
  else
    -- Ancestors numbered p_before_sequence or above are at most snapshot_sequence - p_before_sequence + 1 steps.
    depth := least(2147483647, p_limit + case when p_before_sequence is null then 0
                                         else greatest(0, share.snapshot_sequence - p_before_sequence + 1) end)::integer;
    select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb) into page
      from (select * from private.branch_from(share.snapshot_leaf_id, depth) x
             where p_before_sequence is null or x.sequence_number < p_before_sequence
             order by x.sequence_number desc
             limit p_limit) b;
  end if;
  return jsonb_build_object(
    'title', chat_title,
    'shared_at', share.created_at,
    'snapshot_sequence', share.snapshot_sequence,
    'messages', page);
end;
$$;

create or replace function private.shared_attachments(p_token text)
returns setof public.attachments
language sql stable security definer set search_path = '' as $$
  select a.*
    from private.active_share(p_token) s
    join public.attachments a on a.chat_id = s.chat_id
    join public.messages m on m.id = a.message_id and m.chat_id = s.chat_id
   where s.id is not null and char_length(p_token) <= 200 and s.snapshot_branch is not null
     and m.sequence_number <@ s.snapshot_branch
  union all
  select a.*
    from private.active_share(p_token) s
    join private.branch_from(s.snapshot_leaf_id, 2147483647) m on true
    join public.attachments a on a.message_id = m.id
   where s.id is not null and char_length(p_token) <= 200 and s.snapshot_branch is null
$$;
