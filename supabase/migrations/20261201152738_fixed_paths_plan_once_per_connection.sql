-- Opening a chat and appending a message plan their statements once per connection, from the first call. PL/pgSQL
-- gives each statement five custom plans (planned again on every call) before it may settle on the generic one:
-- get_chat_page's recursive walk cost 3.2 ms planned per call against 0.5 ms with its kept plan in
-- `npm run bench -- scale`, so a connection's first five opens were the slow ones, and which plan it then kept
-- depended on those five. Every statement on these paths looks rows up by a key (the chat, a message id, the
-- idempotency key, the parent), so the generic plan is the intended one whoever the user is; tests/db/scale-plans
-- checks that these functions keep the setting.
--
-- Alters public.get_chat_page (first defined in 20261125041700_chat_pages_and_branches, last redefined in
-- 20261201110500_chat_page_reads_sibling_counts_from_the_row) and public.append_message (first defined in
-- 20261125041300_messages, last redefined in 20261201122313_append_message_locks_the_chat_instead_of_a_subtransaction);
-- a setting on a function holds for the triggers its statements fire (the numbering, broadcast and activity ones).
-- A later `create or replace` of either must repeat `set plan_cache_mode = force_generic_plan`.
alter function public.get_chat_page(uuid, bigint, integer) set plan_cache_mode = force_generic_plan;
alter function public.append_message(uuid, text, text, uuid, public.message_role) set plan_cache_mode = force_generic_plan;
