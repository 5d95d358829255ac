-- A share link is a snapshot of the artifacts too: the version each of the chat's artifacts had when the link was
-- made, and the stale marks they carried then, kept on the link (version numbers have no gaps, so "up to vN" is the
-- whole snapshot; a mark the owner's later BOM change leaves is later work too). The share page and
-- "Continue this conversation" read that, never later versions. Links made before this column learn the versions
-- that existed when they were made.
alter table public.shared_chats add column artifact_versions jsonb not null default '{}'::jsonb;
alter table public.shared_chats add column artifact_stale jsonb not null default '{}'::jsonb;
comment on column public.shared_chats.artifact_versions is 'The snapshot''s artifacts: {artifact id: its newest version number when the link was made}.';
comment on column public.shared_chats.artifact_stale is 'The snapshot''s stale marks: {artifact id: the mark it carried when the link was made}.';

create function private.remember_share_artifact_versions() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  new.artifact_versions := coalesce(
    (select jsonb_object_agg(a.id::text, a.current_version) from public.artifacts a
      where a.chat_id = new.chat_id and a.is_visible and a.current_version > 0),
    '{}'::jsonb);
  new.artifact_stale := coalesce(
    (select jsonb_object_agg(a.id::text, a.metadata -> 'stale') from public.artifacts a
      where a.chat_id = new.chat_id and a.is_visible and a.current_version > 0 and a.metadata ? 'stale'),
    '{}'::jsonb);
  return new;
end;
$$;
revoke execute on function private.remember_share_artifact_versions() from public;
create trigger remember_share_artifact_versions before insert on public.shared_chats
  for each row execute function private.remember_share_artifact_versions();

update public.shared_chats s
   set artifact_versions = coalesce(
     (select jsonb_object_agg(t.artifact_id::text, t.newest)
        from (select v.artifact_id, max(v.version_number) as newest
                from public.artifact_versions v join public.artifacts a on a.id = v.artifact_id
               where a.chat_id = s.chat_id and v.created_at <= s.created_at
               group by v.artifact_id) t),
     '{}'::jsonb);
