-- NOT a migration of this project (README, "Partitioning": the measurement kept the unpartitioned
-- table). The migration path, kept runnable and tested (tests/db/partitioning-migration.test.ts), should a later
-- measurement say otherwise: public.messages becomes a table partitioned by hash of chat_id, in one transaction,
-- with every row, index, trigger, policy, grant, view and foreign key it had.
-- What partitioning costs, and why each step is here:
-- - A unique key of a partitioned table must include the partition key: the primary key becomes (chat_id, id), and
--   the foreign keys that pointed at messages(id) point at (chat_id, id) where the referencing table has the chat
--   (messages.parent_id, attachments, shared_chats); artifacts and artifact versions lose theirs (kept by the
--   functions that write them).
-- - Views and the functions that take or return its row type bind to the table by oid: they are made again over
--   the new table, with their grants.
-- - Row triggers fire on the partition: private.log_activity and the realtime broadcast, which ask tg_table_name, are
--   told the table's name (the tests found it).
-- - It rewrites every row: on a hosted database run it in a maintenance window, or copy in batches into the new
--   table first and swap in a short transaction (README, "Partitioning").
-- Run as postgres (the owner), e.g. `psql "$SUPABASE_DB_URL" -v partitions=16 -f messages-by-chat-hash.sql`, or
-- with the setting ohm.partitions set; 16 when neither says.
do $$
declare
  partitions integer := coalesce(nullif(current_setting('ohm.partitions', true), '')::integer, 16);
  stored text;
  statement text;
  views text[][] := '{}';
  functions text[][] := '{}';
  table_comment text := pg_catalog.obj_description('public.messages'::regclass, 'pg_class');
  item record;
begin
  select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into stored from pg_catalog.pg_attribute a
   where a.attrelid = 'public.messages'::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';

  -- The views over messages, as they are defined now (qualified names: search_path is empty in this block).
  perform set_config('search_path', '', true);
  for item in
    select distinct v.oid::regclass::text as name, pg_catalog.pg_get_viewdef(v.oid) as definition
      from pg_catalog.pg_depend d join pg_catalog.pg_rewrite r on r.oid = d.objid
      join pg_catalog.pg_class v on v.oid = r.ev_class
     where d.refobjid = 'public.messages'::regclass and v.oid <> 'public.messages'::regclass
  loop
    views := views || array[[item.name, item.definition]];
  end loop;

  -- The functions over its row type (append_message returns one), with who may run them; dropped until the swap.
  for item in
    select p.oid::regprocedure::text as signature, pg_catalog.pg_get_functiondef(p.oid) as definition,
           coalesce((select string_agg(format('grant execute on function %s to %s', p.oid::regprocedure,
                                              case when a.grantee = 0 then 'public' else quote_ident(a.grantee::regrole::text) end), '; ')
                       from pg_catalog.aclexplode(p.proacl) a where a.privilege_type = 'EXECUTE'), '') as grants
      from pg_catalog.pg_depend d join pg_catalog.pg_proc p on p.oid = d.objid
     where d.classid = 'pg_catalog.pg_proc'::regclass
       and d.refobjid = (select c.reltype from pg_catalog.pg_class c where c.oid = 'public.messages'::regclass)
  loop
    functions := functions || array[[item.signature, item.definition, item.grants]];
    execute format('drop function %s', item.signature);
  end loop;

  create table public.messages_partitioned
    (like public.messages including defaults including generated including constraints including comments)
    partition by hash (chat_id);
  for i in 0 .. partitions - 1 loop
    execute format('create table public.%I partition of public.messages_partitioned for values with (modulus %s, remainder %s)',
                   'messages_p' || i, partitions, i);
  end loop;
  execute format('insert into public.messages_partitioned (%1$s) select %1$s from public.messages', stored);

  -- Foreign keys into messages go first: they hang on its primary key.
  for item in select c.conrelid::regclass::text as tab, c.conname from pg_catalog.pg_constraint c
               where c.confrelid = 'public.messages'::regclass loop
    execute format('alter table %s drop constraint %I', item.tab, item.conname);
  end loop;

  alter table public.messages rename to messages_unpartitioned;
  alter table public.messages_partitioned rename to messages;
  -- Its keys' names (and indexes) move to the new table.
  for item in select c.conname from pg_catalog.pg_constraint c
               where c.conrelid = 'public.messages_unpartitioned'::regclass and c.contype in ('p', 'u', 'f') loop
    execute format('alter table public.messages_unpartitioned drop constraint %I', item.conname);
  end loop;
  alter table public.messages add constraint messages_pkey primary key (chat_id, id);
  alter table public.messages add constraint messages_chat_id_sequence_number_key unique (chat_id, sequence_number);
  alter table public.messages add constraint messages_chat_id_idempotency_key_key unique (chat_id, idempotency_key);
  -- Lookups by id alone (branch_from walks parent ids, edits and replies name a message) keep an index: without
  -- it, opening a chat timed out at one million messages (README, "Partitioning").
  create index messages_id_idx on public.messages (id);
  alter table public.messages add constraint messages_chat_id_fkey
    foreign key (chat_id) references public.chats (id) on delete cascade;
  alter table public.messages add constraint messages_parent_id_fkey
    foreign key (chat_id, parent_id) references public.messages (chat_id, id) on delete cascade;
  alter table public.attachments add constraint attachments_message_id_fkey
    foreign key (chat_id, message_id) references public.messages (chat_id, id) on delete set null (message_id);
  alter table public.shared_chats add constraint shared_chats_snapshot_leaf_id_fkey
    foreign key (chat_id, snapshot_leaf_id) references public.messages (chat_id, id) on delete set null (snapshot_leaf_id);

  -- Indexes that are not constraints, triggers and policies: as they were, on the new table.
  for item in select i.indexrelid::regclass::text as name, pg_catalog.pg_get_indexdef(i.indexrelid) as definition
                from pg_catalog.pg_index i
               where i.indrelid = 'public.messages_unpartitioned'::regclass
                 and not exists (select 1 from pg_catalog.pg_constraint c where c.conindid = i.indexrelid) loop
    execute format('drop index %s', item.name);
    execute replace(item.definition, 'ON public.messages_unpartitioned ', 'ON public.messages ');
  end loop;
  for item in select t.tgname, pg_catalog.pg_get_triggerdef(t.oid) as definition from pg_catalog.pg_trigger t
               where t.tgrelid = 'public.messages_unpartitioned'::regclass and not t.tgisinternal loop
    execute replace(item.definition, 'ON public.messages_unpartitioned ', 'ON public.messages ');
  end loop;
  alter table public.messages enable row level security;
  for item in select * from pg_catalog.pg_policies p
               where p.schemaname = 'public' and p.tablename = 'messages_unpartitioned' loop
    statement := format('create policy %I on public.messages as %s for %s to %s', item.policyname, item.permissive,
                        item.cmd, array_to_string(item.roles, ', '));
    if item.qual is not null then statement := statement || format(' using (%s)', item.qual); end if;
    if item.with_check is not null then statement := statement || format(' with check (%s)', item.with_check); end if;
    execute statement;
  end loop;

  -- Grants, table-wide and per column (the API roles write through functions and named columns only).
  for item in select g.grantee, g.privilege_type from information_schema.role_table_grants g
               where g.table_schema = 'public' and g.table_name = 'messages_unpartitioned' and g.grantee <> 'postgres' loop
    execute format('grant %s on public.messages to %I', item.privilege_type, item.grantee);
  end loop;
  for item in select g.grantee, g.privilege_type, g.column_name from information_schema.column_privileges g
               where g.table_schema = 'public' and g.table_name = 'messages_unpartitioned' and g.grantee <> 'postgres'
                 and not exists (select 1 from information_schema.role_table_grants t
                                  where t.table_schema = 'public' and t.table_name = 'messages_unpartitioned'
                                    and t.grantee = g.grantee and t.privilege_type = g.privilege_type) loop
    execute format('grant %s (%I) on public.messages to %I', item.privilege_type, item.column_name, item.grantee);
  end loop;

  for i in 1 .. coalesce(array_length(views, 1), 0) loop
    execute format('create or replace view %s as %s', views[i][1], views[i][2]);
  end loop;
  for i in 1 .. coalesce(array_length(functions, 1), 0) loop
    execute functions[i][2];
    -- A new function is executable by public until told otherwise; the old grants say who may.
    execute format('revoke execute on function %s from public', functions[i][1]);
    if functions[i][3] <> '' then execute functions[i][3]; end if;
  end loop;
  execute format('comment on table public.messages is %L', table_comment);
  -- Row triggers fire on the partition, whose name is not the table's: the activity log asks which table it was.
  execute replace(pg_catalog.pg_get_functiondef('private.log_activity()'::regprocedure), 'case tg_table_name',
                  'case pg_catalog.regexp_replace(tg_table_name, ''^messages_p[0-9]+$'', ''messages'')');
  -- Walks up a branch carry the chat: each step is then a lookup in one partition, by its primary key. Without it
  -- the planner, facing sixteen partitions under RLS, hashes the user's rows instead (40 s at one million).
  execute replace(replace(pg_catalog.pg_get_functiondef('public.get_chat_page(uuid,bigint,integer)'::regprocedure),
                  'from public.messages m where m.id = start_id', 'from public.messages m where m.chat_id = p_chat_id and m.id = start_id'),
                  'from public.messages m join path on m.id = path.parent_id', 'from public.messages m join path on m.chat_id = path.chat_id and m.id = path.parent_id');
  -- And the realtime broadcast names the table its listeners know.
  execute replace(pg_catalog.pg_get_functiondef('private.broadcast_message_change()'::regprocedure),
                  '''table'', tg_table_name', '''table'', ''messages''');
  drop table public.messages_unpartitioned;
end;
$$;
