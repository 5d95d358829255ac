-- private.active_share (first defined in 20261125041800_sharing_and_forks) was security definer with no reason given,
-- and needs none: its only callers, private.get_shared_chat and private.fork_chat (replaced in
-- 20261128182000_fork_copies_messages_in_one_statement), are security definer themselves, so it already runs as their
-- owner, and no API role may call it (execute is revoked from public). It now runs as its caller, which leaves
-- security definer only on functions that state why.
alter function private.active_share(text) security invoker;
