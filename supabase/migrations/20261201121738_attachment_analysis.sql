-- Attachment analysis: the outcome of POST /api/attachments/<id>/analyse kept on the attachment (a datasheet's
-- analysis, a circuit file's verification, or why it failed), and two functions for the agents' write path that
-- make the analysis idempotent. processing_status already says pending → processing → done | failed
-- (20261125041600_attachments_and_storage.sql); a failed one can be claimed again (a retry), a done one never is,
-- and a claim left `processing` by a server that died is taken over after two minutes.
alter table public.attachments
  add column analysis jsonb,
  add column processing_error text check (char_length(processing_error) <= 2000),
  add column processing_started_at timestamptz,
  add column processed_at timestamptz;
comment on column public.attachments.analysis is 'What the analysis found: {kind, summary, artifactId?, verificationPath?, messageId?, …}; null until done.';
comment on column public.attachments.processing_error is 'Why the last analysis failed, in words the maker can act on; null unless failed.';

-- Takes the attachment for one analysis run: true when this caller may analyse it now.
create function public.claim_attachment_analysis(p_attachment_id uuid)
returns boolean
language plpgsql volatile security invoker set search_path = '' as $$
begin
  update public.attachments a
     set processing_status = 'processing', processing_started_at = now(), processing_error = null
   where a.id = p_attachment_id
     and (a.processing_status in ('pending', 'failed')
          or (a.processing_status = 'processing' and a.processing_started_at < now() - interval '2 minutes'));
  return found;
end;
$$;
comment on function public.claim_attachment_analysis(uuid) is
  'Claims an attachment for analysis (pending, failed, or a stale processing claim); false when done or being analysed.';
revoke execute on function public.claim_attachment_analysis(uuid) from public, anon, authenticated;
grant execute on function public.claim_attachment_analysis(uuid) to service_role;

-- Saves a finished analysis in one transaction: the assistant message that summarises it (appended at the chat's
-- active leaf, like a message with no parent), the datasheet_analysis artifact it writes (if any, linked to that
-- message and to the attachment through artifacts.metadata) and the attachment's outcome. A second call for an
-- attachment already done writes nothing and returns what the first saved.
--   p_message:  { content, agentName, agentIcon, agentModel, intent } | null
--   p_artifact: { type, title, description, content, contentJson } | null
create function public.finish_attachment_analysis(p_attachment_id uuid, p_analysis jsonb, p_message jsonb, p_artifact jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  attachment public.attachments;
  reply_id uuid;
  new_artifact_id uuid;
  saved jsonb;
begin
  select * into attachment from public.attachments a where a.id = p_attachment_id for update;
  if not found then
    raise exception 'attachment % does not exist', p_attachment_id using errcode = 'PT404';
  end if;
  if attachment.processing_status = 'done' then
    return attachment.analysis;
  end if;
  if jsonb_typeof(p_message) = 'object' then
    insert into public.messages (chat_id, role, content, status, agent_name, agent_icon, agent_model, intent,
                                 idempotency_key, metadata)
    values (attachment.chat_id, 'assistant', p_message ->> 'content', 'complete', p_message ->> 'agentName',
            p_message ->> 'agentIcon', p_message ->> 'agentModel', (p_message ->> 'intent')::public.message_intent,
            'analysis:' || attachment.id::text, jsonb_build_object('attachmentId', attachment.id))
    returning id into reply_id;
  end if;
  if jsonb_typeof(p_artifact) = 'object' then
    new_artifact_id := public.create_artifact_with_version(attachment.chat_id,
      (select c.project_id from public.chats c where c.id = attachment.chat_id),
      (p_artifact ->> 'type')::public.artifact_type, p_artifact ->> 'title', p_artifact ->> 'content',
      p_artifact -> 'contentJson', reply_id, p_artifact ->> 'description', 'Initial version');
    update public.artifacts a set metadata = a.metadata || jsonb_build_object('attachmentId', attachment.id)
     where a.id = new_artifact_id;
  end if;
  saved := coalesce(p_analysis, '{}'::jsonb)
           || jsonb_strip_nulls(jsonb_build_object('messageId', reply_id, 'artifactId', new_artifact_id));
  update public.attachments a
     set analysis = saved, processing_status = 'done', is_processed = true, processing_error = null,
         processed_at = now()
   where a.id = attachment.id;
  return saved;
end;
$$;
comment on function public.finish_attachment_analysis(uuid, jsonb, jsonb, jsonb) is
  'Saves an attachment''s analysis with its chat message and artifact in one transaction; idempotent once done.';
revoke execute on function public.finish_attachment_analysis(uuid, jsonb, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.finish_attachment_analysis(uuid, jsonb, jsonb, jsonb) to service_role;
