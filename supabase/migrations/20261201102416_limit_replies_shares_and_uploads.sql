-- The other limited actions (rules in private.rate_limit_rules, 20261201102404): agent replies, share links and
-- uploads. Replies are written by the agents' path (service role), so the user's own request takes the allowance
-- first, with the user's session: the reply route calls take_reply_allowance before it starts an agent, and a
-- send, a Regenerate and a Retry each take one. public.create_share (first defined in
-- 20261125041800_sharing_and_forks) now takes a 'share' unit before it creates the link; each attachment row an
-- upload records takes an 'upload' unit.

-- Takes one reply from the caller's budget for a chat of theirs (PT404 for any other chat, as RLS hides it).
create function public.take_reply_allowance(p_chat_id uuid) returns void
language plpgsql volatile security invoker set search_path = '' as $$
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  perform private.take_rate_limit('reply');
end;
$$;
revoke execute on function public.take_reply_allowance(uuid) from public, anon;
grant execute on function public.take_reply_allowance(uuid) to authenticated;

create or replace function public.create_share(p_chat_id uuid, p_expires_at timestamptz default null) returns public.shared_chats
language sql volatile security invoker set search_path = '' as $$
  select private.take_rate_limit('share');
  select * from private.create_share(p_chat_id, p_expires_at);
$$;

create function private.limit_uploads() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  perform private.take_rate_limit('upload');
  return new;
end;
$$;
revoke execute on function private.limit_uploads() from public;
create trigger limit_uploads before insert on public.attachments for each row execute function private.limit_uploads();
