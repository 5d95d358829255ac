-- Sibling counts for ‹ 2/3 › read through an index: `parent_id is not distinct from` could not use one, so each
-- page row scanned its whole chat. Replies are counted through messages_parent_id_idx, first messages through
-- (chat_id, parent_id) with parent_id is null.
-- Replaces private.branch_from, first defined in 20261125041700_chat_pages_and_branches.
create or replace function private.branch_from(p_start uuid, p_depth integer) returns setof public.chat_message
language sql stable security invoker set search_path = '' as $$
  with recursive path as (
    select m.*, 1 as depth from public.messages m where m.id = p_start
    union all
    select m.*, path.depth + 1 from public.messages m join path on m.id = path.parent_id where path.depth < p_depth
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         s.sibling_count, s.sibling_index
    from path p
    cross join lateral (
      select count(*)::integer as sibling_count,
             (count(*) filter (where sib.sequence_number <= p.sequence_number))::integer as sibling_index
        from (
          select r.sequence_number from public.messages r where p.parent_id is not null and r.parent_id = p.parent_id
          union all
          select f.sequence_number from public.messages f where p.parent_id is null and f.chat_id = p.chat_id and f.parent_id is null
        ) sib
    ) s
   order by p.sequence_number desc
$$;
