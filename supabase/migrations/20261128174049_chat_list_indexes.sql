-- The sidebar lists a user's chats that are neither archived nor deleted, and the archived view lists the archived
-- ones, both by latest activity and keyset-paginated on (last_message_at, id). A partial index per list holds exactly
-- its rows, so archived chats cost the main list nothing and deep pages cost what the first page costs.
create index chats_user_id_listed_last_message_at_idx on public.chats (user_id, last_message_at desc, id desc)
  where deleted_at is null and archived_at is null;
create index chats_user_id_archived_last_message_at_idx on public.chats (user_id, last_message_at desc, id desc)
  where deleted_at is null and archived_at is not null;
-- Deleted chats wait out the undo window before they are removed for good; this finds a user's leftovers (a tab
-- closed during the window) without reading their live chats.
create index chats_user_id_deleted_at_idx on public.chats (user_id, deleted_at) where deleted_at is not null;
