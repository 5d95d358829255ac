-- A message's owner is no longer checked against auth.users on every insert: messages_user_id_fkey (first defined in
-- 20261125041300_messages) looked the user up (for key share) once more per append, although the row's owner is
-- never the writer's to choose. private.before_message_insert sets user_id to its chat's owner (fork copies take it
-- from the chat too), private.before_message_update refuses to change it, and private.keep_owner refuses to change
-- a chat's; the chat's own foreign key (chats.user_id → auth.users, on delete cascade) checks that owner, and
-- deleting a user still deletes their messages, through their chats. Part of issue 13's append budget (an append at
-- <= 1.5x a counter-plus-insert). Dropping a foreign key rewrites and scans nothing.
alter table public.messages drop constraint messages_user_id_fkey;
