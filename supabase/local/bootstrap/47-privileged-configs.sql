-- Settings hosted Supabase lets postgres change although it is no superuser (supautils'
-- privileged_role_allowed_configs, reference/supabase-db-platform.md): session_replication_role, which the cold
-- archive (private.drop_archived_messages, private.restore_archived_messages) uses to move rows without firing the
-- triggers that number, price, log and roll up new messages. Plain Postgres says the same with a grant.
grant set on parameter session_replication_role to postgres;
