-- Every artifact version says who wrote it: an agent (the message that made it names which agent and model) or
-- the user (an edit in the panel, or a restore). The timeline shows it; nothing before this could tell a restore
-- from an agent's turn.
alter table public.artifact_versions
  add column author text not null default 'agent' check (author in ('agent', 'user'));
comment on column public.artifact_versions.author is 'agent: written by an agent turn (created_by_message_id names it); user: an edit or a restore by the owner.';

-- The same column grant as the other columns users may write (20261125041400_artifacts.sql).
grant insert (author) on public.artifact_versions to authenticated;

-- The timeline reads an artifact's versions newest first by number: the unique (artifact_id, version_number)
-- index serves it backwards, so no new index is needed.
