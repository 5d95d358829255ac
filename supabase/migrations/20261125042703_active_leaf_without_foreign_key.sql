-- chats.active_leaf_id loses its foreign key: with it, chats and messages had two relationships, so PostgREST could
-- not embed `messages(*)` in a chat (PGRST201) and the seed document's loadChat select failed. The check_active_leaf
-- trigger still guarantees the leaf is a message of the same chat; messages only disappear with their chat.
alter table public.chats drop constraint chats_active_leaf_id_fkey;
