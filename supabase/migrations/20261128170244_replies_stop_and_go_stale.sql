-- Streaming replies always settle. The agents' writer saves a `streaming` reply at least every few seconds (a
-- heartbeat, lib/agents/reply-writer.ts) and only while it is still `streaming`; so a reply untouched for longer
-- than private.reply_stale_after() has lost its writer, and Stop is a status change any writer sees at its next save.

create function private.reply_stale_after() returns interval
language sql immutable security invoker set search_path = '' as $$
  select interval '30 seconds'
$$;
revoke execute on function private.reply_stale_after() from public;
grant execute on function private.reply_stale_after() to authenticated, service_role;

-- Streaming replies are few at any time: a partial index finds them without touching settled history.
create index messages_chat_id_streaming_idx on public.messages (chat_id) where status = 'streaming';

-- security definer: users may not update messages (replies are the agents'); this lets the chat's owner settle
-- replies whose writer is gone, and nothing else. Returns the replies it marked.
create function public.interrupt_stale_replies(p_chat_id uuid) returns setof public.messages
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id and c.user_id = (select auth.uid())) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  return query
    update public.messages m set status = 'interrupted'
     where m.chat_id = p_chat_id and m.status = 'streaming' and m.updated_at < now() - private.reply_stale_after()
    returning m.*;
end;
$$;
revoke execute on function public.interrupt_stale_replies(uuid) from public, anon;
grant execute on function public.interrupt_stale_replies(uuid) to authenticated;

-- security definer: as above, the owner may end a streaming reply of their chat (Stop) but not edit it. The
-- writer stops at its next save, which only succeeds while the reply is `streaming`.
create function public.stop_reply(p_chat_id uuid, p_message_id uuid) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  stopped public.messages;
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id and c.user_id = (select auth.uid())) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  update public.messages m set status = 'interrupted'
   where m.id = p_message_id and m.chat_id = p_chat_id and m.status = 'streaming'
  returning m.* into stopped;
  if not found then
    select * into stopped from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
    if not found then
      raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
    end if;
  end if;
  return stopped;
end;
$$;
revoke execute on function public.stop_reply(uuid, uuid) from public, anon;
grant execute on function public.stop_reply(uuid, uuid) to authenticated;
