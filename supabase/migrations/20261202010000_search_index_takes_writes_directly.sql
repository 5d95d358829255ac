-- The (user, word) search index takes each write into its tree instead of a pending list. messages_search_keys_idx
-- (20261201110502_search_ranks_recent_candidates) was built with GIN's default fastupdate = on: new messages' keys
-- wait in an unsorted pending list of up to gin_pending_list_limit (4 MB) until a vacuum or the write that
-- overflows it merges them, and every search that reads the index scans that whole list first. Autovacuum seldom
-- comes to a table of millions of rows for its inserts, so on a busy database the list stays near full. On the 10M
-- bench dataset it held 257 pages (9,491 messages): a typical user's search read 262 buffers in its index scan and
-- spent 2.6 of its 4 ms there; with the list merged, 0.06 ms. Merging those 257 pages took 0.4 s, which the write
-- that overflows the list pays inside someone's append. A smaller list (128 kB) still cost such appends 50-100 ms.
--
-- With fastupdate off each insert adds its own keys (measured at 10M: append p50 and database CPU the same within
-- the noise, the slowest of 600 appends 8-10 ms), and a search reads only the tree.

alter index public.messages_search_keys_idx set (fastupdate = off);

-- What is already pending stays in the list until merged: merge it now, so searches stop reading it today.
select pg_catalog.gin_clean_pending_list('public.messages_search_keys_idx'::regclass);
