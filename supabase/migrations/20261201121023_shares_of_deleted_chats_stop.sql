-- A chat in the bin (deleted_at set, still restorable by Undo) no longer opens through its share links: deleting
-- a chat is expected to take it off the web at once, and share pages are cached (lib/shares/cache.ts purges them
-- when the chat is deleted), so the next read must answer 404 too. Undo brings the links back with the chat.
-- Redefines private.active_share (first defined in 20261125041800_sharing_and_forks, made security invoker in
-- 20261201093000_active_share_runs_as_its_caller); get_shared_chat, fork_chat and share_expires_at read through it.
create or replace function private.active_share(p_token text) returns public.shared_chats
language sql stable security invoker set search_path = '' as $$
  select s.* from public.shared_chats s
    join public.chats c on c.id = s.chat_id and c.deleted_at is null
   where s.share_token = p_token and s.revoked_at is null and (s.expires_at is null or s.expires_at > now())
$$;
revoke execute on function private.active_share(text) from public;
