-- An append no longer writes an activity_log row: the message_added event (trigger log_message_added, first
-- defined in 20261125041900_activity_log) copied what public.messages already holds (user, chat, role, agent,
-- sequence number, time) into a second table with four indexes and two foreign key checks, 58 µs of an append's
-- 790 µs in the database at 1 M messages (issue 13: an append at <= 1.5x a counter-plus-insert). The product never
-- needed it: the seed document's activity log is for events (chat_created, artifact_generated, …), the usage
-- figures read usage_daily, and the project page's "Recent activity" was 15 lines of "Message" in a busy project,
-- which hid the artifact versions, shares and forks it is there to show. Messages are their own log.
-- Redefines private.log_activity (first defined in 20261125041900_activity_log) without its messages branch. Rows
-- already logged stay (the event type stays allowed); nothing is rewritten.
drop trigger log_message_added on public.messages;

create or replace function private.log_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  case tg_table_name
    when 'chats' then
      insert into public.activity_log (user_id, chat_id, project_id, event_type, event_data)
      values (new.user_id, new.id, new.project_id, 'chat_created', jsonb_build_object('forked_from', new.forked_from_chat_id));
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
comment on table public.activity_log is
  'Append-only events (chat_created, artifact_created, artifact_versioned, shared, forked, …) written by triggers; messages are their own log.';
