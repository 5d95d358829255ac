-- activity_log: append-only events written by triggers (never by clients), for analytics and debugging.
create table public.activity_log (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete cascade,
  chat_id uuid references public.chats (id) on delete cascade,
  project_id uuid references public.projects (id) on delete cascade,
  event_type text not null check (event_type in ('chat_created', 'message_added', 'artifact_created', 'artifact_versioned',
    'shared', 'share_revoked', 'forked', 'attachment_added')),
  event_data jsonb not null default '{}'::jsonb,
  "timestamp" timestamptz not null default now()
);
comment on table public.activity_log is 'Append-only events (chat_created, message_added, artifact_versioned, shared, forked, …) written by triggers.';
create index activity_log_user_id_timestamp_idx on public.activity_log (user_id, "timestamp" desc);
create index activity_log_chat_id_idx on public.activity_log (chat_id);
create index activity_log_project_id_idx on public.activity_log (project_id);

alter table public.activity_log enable row level security;
create policy "Users can read their own activity" on public.activity_log for select to authenticated using (user_id = (select auth.uid()));
grant select on public.activity_log to authenticated;
grant select, insert on public.activity_log to service_role;

-- security definer: the log is not writable by users; each trigger records what just happened to a row they wrote.
create function private.log_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  case tg_table_name
    when 'chats' then
      insert into public.activity_log (user_id, chat_id, project_id, event_type, event_data)
      values (new.user_id, new.id, new.project_id, 'chat_created', jsonb_build_object('forked_from', new.forked_from_chat_id));
    when 'messages' then
      insert into public.activity_log (user_id, chat_id, event_type, event_data)
      values (new.user_id, new.chat_id, 'message_added',
              jsonb_build_object('message_id', new.id, 'role', new.role, 'agent_name', new.agent_name, 'sequence_number', new.sequence_number));
    when 'artifacts' then
      insert into public.activity_log (user_id, chat_id, project_id, event_type, event_data)
      values (new.user_id, new.chat_id, new.project_id, 'artifact_created', jsonb_build_object('artifact_id', new.id, 'type', new.type));
    when 'artifact_versions' then
      if new.version_number > 1 then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        select new.user_id, a.chat_id, 'artifact_versioned',
               jsonb_build_object('artifact_id', new.artifact_id, 'version_number', new.version_number, 'change_summary', new.change_summary)
          from public.artifacts a where a.id = new.artifact_id;
      end if;
    when 'shared_chats' then
      if tg_op = 'INSERT' then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        values (new.user_id, new.chat_id, 'shared', jsonb_build_object('share_id', new.id, 'snapshot_sequence', new.snapshot_sequence));
      elsif new.revoked_at is not null and old.revoked_at is null then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        values (new.user_id, new.chat_id, 'share_revoked', jsonb_build_object('share_id', new.id));
      end if;
    when 'chat_forks' then
      insert into public.activity_log (user_id, chat_id, event_type, event_data)
      values (new.user_id, new.forked_chat_id, 'forked', jsonb_build_object('original_chat_id', new.original_chat_id, 'forked_at_sequence', new.forked_at_sequence));
    when 'attachments' then
      insert into public.activity_log (user_id, chat_id, event_type, event_data)
      values (new.user_id, new.chat_id, 'attachment_added', jsonb_build_object('attachment_id', new.id, 'file_type', new.file_type, 'file_size', new.file_size));
  end case;
  return null;
end;
$$;
revoke execute on function private.log_activity() from public;

create trigger log_chat_created after insert on public.chats for each row execute function private.log_activity();
create trigger log_message_added after insert on public.messages for each row execute function private.log_activity();
create trigger log_artifact_created after insert on public.artifacts for each row execute function private.log_activity();
create trigger log_artifact_versioned after insert on public.artifact_versions for each row execute function private.log_activity();
create trigger log_share after insert or update of revoked_at on public.shared_chats for each row execute function private.log_activity();
create trigger log_fork after insert on public.chat_forks for each row execute function private.log_activity();
create trigger log_attachment_added after insert on public.attachments for each row execute function private.log_activity();
