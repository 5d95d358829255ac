-- The public and private schemas as the migrations leave them: types, tables, views, functions (their current
-- bodies), triggers, policies, indexes, grants and comments. Generated, do not edit: after a migration, run
-- `npm run db:schema` (node supabase/local/cli.ts schema) against the migrated local database and commit the result;
-- `npm test` fails when this file is stale.


-- schemas

create schema private;
grant usage on schema private to anon;
grant usage on schema private to authenticated;
grant usage on schema private to service_role;
grant usage on schema public to anon;
grant usage on schema public to authenticated;
grant usage on schema public to public;
grant usage on schema public to service_role;

-- types

create type private.agent_job_status as enum ('pending', 'open', 'complete', 'failed', 'interrupted');
create type public.access_token_scope as enum ('read', 'read_write');
create type public.artifact_type as enum ('context', 'mvp', 'prd', 'bom', 'code', 'wiring', 'circuit_diagram', 'budget', 'datasheet_analysis', 'overview');
create type public.attachment_category as enum ('circuit_image', 'datasheet', 'reference_image', 'other', 'circuit_file');
create type public.chat_message as (
  id uuid,
  chat_id uuid,
  parent_id uuid,
  sequence_number bigint,
  role public.message_role,
  content text,
  agent_name text,
  agent_model text,
  agent_icon text,
  intent public.message_intent,
  input_tokens integer,
  output_tokens integer,
  created_artifact_ids uuid[],
  status public.message_status,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  sibling_count integer,
  sibling_index integer
);
create type public.chat_phase as enum ('ideation', 'parts', 'assembly', 'code');
create type public.message_intent as enum ('CHAT', 'BOM', 'CODE', 'WIRING', 'CONTEXT', 'MVP', 'PRD', 'BUDGET', 'DATASHEET', 'CIRCUIT', 'OVERVIEW');
create type public.message_role as enum ('user', 'assistant', 'system');
create type public.message_status as enum ('complete', 'streaming', 'interrupted', 'error');
create type public.processing_status as enum ('pending', 'processing', 'done', 'failed');
create type public.project_status as enum ('draft', 'active', 'completed');
create type public.search_hit as (
  message_id uuid,
  chat_id uuid,
  chat_title text,
  sequence_number bigint,
  role public.message_role,
  agent_name text,
  intent public.message_intent,
  created_at timestamp with time zone,
  rank real,
  snippet text,
  cursor text
);

-- policies

create policy "Users can read their own activity" on public.activity_log as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can add versions to their artifacts" on public.artifact_versions as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the versions of their artifacts" on public.artifact_versions as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can create artifacts in their chats" on public.artifacts as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete their own artifacts" on public.artifacts as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the artifacts of their chats" on public.artifacts as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own artifacts" on public.artifacts as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can attach files to their own chats" on public.attachments as permissive for insert to authenticated with check (((user_id = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT 1
   FROM public.chats c
  WHERE ((c.id = attachments.chat_id) AND (c.user_id = ( SELECT auth.uid() AS uid)))))));
create policy "Users can delete their own attachments" on public.attachments as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own attachments" on public.attachments as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can see which of their chats are archived" on public.chat_archives as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own forks" on public.chat_forks as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can create chats" on public.chats as permissive for insert to authenticated with check (((user_id = ( SELECT auth.uid() AS uid)) AND ((project_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.projects p
  WHERE ((p.id = chats.project_id) AND (p.user_id = ( SELECT auth.uid() AS uid))))))));
create policy "Users can delete their own chats" on public.chats as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own chats" on public.chats as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own chats" on public.chats as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check (((user_id = ( SELECT auth.uid() AS uid)) AND ((project_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.projects p
  WHERE ((p.id = chats.project_id) AND (p.user_id = ( SELECT auth.uid() AS uid))))))));
create policy "Users can add code files to their projects" on public.code_files as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the code files of their projects" on public.code_files as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the code files of their projects" on public.code_files as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the code files of their projects" on public.code_files as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can add connections to their projects" on public.connections as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the connections of their projects" on public.connections as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the connections of their projects" on public.connections as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the connections of their projects" on public.connections as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the messages of their chats" on public.messages as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Anyone can read model prices" on public.model_prices as permissive for select to anon, authenticated using (true);
create policy "Users can add parts to their projects" on public.parts as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the parts of their projects" on public.parts as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the parts of their projects" on public.parts as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the parts of their projects" on public.parts as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own tokens" on public.personal_access_tokens as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can revoke their own tokens" on public.personal_access_tokens as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check (((user_id = ( SELECT auth.uid() AS uid)) AND (revoked_at IS NOT NULL)));
create policy "Users can read their own profile" on public.profiles as permissive for select to authenticated using ((id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own profile" on public.profiles as permissive for update to authenticated using ((id = ( SELECT auth.uid() AS uid))) with check ((id = ( SELECT auth.uid() AS uid)));
create policy "Users can create projects" on public.projects as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete their own projects" on public.projects as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own projects" on public.projects as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own projects" on public.projects as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the share links of their chats" on public.shared_chats as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own usage, and insights admins the team's" on public.usage_daily as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));
create policy "Users can read their own chat usage, and insights admins the te" on public.usage_daily_chats as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));
create policy "Users can read their own project usage, and insights admins the" on public.usage_daily_projects as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));
create policy "Users can read their own usage totals, and insights admins the " on public.usage_daily_totals as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));

-- indexes

CREATE INDEX agent_jobs_chat_id_idx ON private.agent_jobs USING btree (chat_id);
CREATE INDEX agent_jobs_message_id_idx ON private.agent_jobs USING btree (message_id);
CREATE INDEX agent_jobs_pending_idx ON private.agent_jobs USING btree (service_id, created_at) WHERE (status = 'pending'::private.agent_job_status);
CREATE INDEX agent_jobs_reply_message_id_idx ON private.agent_jobs USING btree (reply_message_id);
CREATE INDEX agent_rate_limit_counters_action_idx ON private.agent_rate_limit_counters USING btree (action);
CREATE INDEX rate_limit_counters_action_idx ON private.rate_limit_counters USING btree (action);
CREATE INDEX activity_log_chat_id_idx ON public.activity_log USING btree (chat_id);
CREATE INDEX activity_log_project_id_idx ON public.activity_log USING btree (project_id);
CREATE INDEX activity_log_user_id_timestamp_idx ON public.activity_log USING btree (user_id, "timestamp" DESC);
CREATE INDEX artifact_versions_created_by_message_id_idx ON public.artifact_versions USING btree (created_by_message_id);
CREATE INDEX artifact_versions_parent_version_id_idx ON public.artifact_versions USING btree (parent_version_id);
CREATE INDEX artifact_versions_user_id_created_at_idx ON public.artifact_versions USING btree (user_id, created_at DESC);
CREATE INDEX artifact_versions_user_id_idx ON public.artifact_versions USING btree (user_id);
CREATE INDEX artifacts_chat_id_all_idx ON public.artifacts USING btree (chat_id);
CREATE INDEX artifacts_chat_id_idx ON public.artifacts USING btree (chat_id) WHERE is_visible;
CREATE INDEX artifacts_created_by_message_id_idx ON public.artifacts USING btree (created_by_message_id);
CREATE INDEX artifacts_project_id_idx ON public.artifacts USING btree (project_id);
CREATE INDEX artifacts_project_id_type_updated_at_idx ON public.artifacts USING btree (project_id, type, updated_at DESC) WHERE is_visible;
CREATE INDEX artifacts_user_id_idx ON public.artifacts USING btree (user_id);
CREATE INDEX attachments_chat_id_idx ON public.attachments USING btree (chat_id);
CREATE INDEX attachments_message_id_idx ON public.attachments USING btree (message_id);
CREATE INDEX attachments_user_id_idx ON public.attachments USING btree (user_id);
CREATE INDEX chat_archives_user_id_idx ON public.chat_archives USING btree (user_id);
CREATE INDEX chat_forks_forked_chat_id_idx ON public.chat_forks USING btree (forked_chat_id);
CREATE INDEX chat_forks_original_chat_id_idx ON public.chat_forks USING btree (original_chat_id);
CREATE INDEX chat_forks_shared_chat_id_idx ON public.chat_forks USING btree (shared_chat_id);
CREATE INDEX chat_forks_user_id_idx ON public.chat_forks USING btree (user_id);
CREATE INDEX chats_active_leaf_id_idx ON public.chats USING btree (active_leaf_id);
CREATE INDEX chats_forked_from_chat_id_idx ON public.chats USING btree (forked_from_chat_id);
CREATE INDEX chats_last_message_at_idx ON public.chats USING btree (last_message_at) WHERE (deleted_at IS NULL);
CREATE INDEX chats_project_id_idx ON public.chats USING btree (project_id);
CREATE INDEX chats_user_id_archived_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE ((deleted_at IS NULL) AND (archived_at IS NOT NULL));
CREATE INDEX chats_user_id_deleted_at_idx ON public.chats USING btree (user_id, deleted_at) WHERE (deleted_at IS NOT NULL);
CREATE INDEX chats_user_id_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE (deleted_at IS NULL);
CREATE INDEX chats_user_id_listed_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE ((deleted_at IS NULL) AND (archived_at IS NULL));
CREATE INDEX code_files_artifact_id_idx ON public.code_files USING btree (artifact_id);
CREATE INDEX code_files_artifact_version_id_idx ON public.code_files USING btree (artifact_version_id);
CREATE INDEX code_files_project_id_unit_idx ON public.code_files USING btree (project_id, unit_number);
CREATE INDEX code_files_user_id_idx ON public.code_files USING btree (user_id);
CREATE INDEX connections_artifact_id_idx ON public.connections USING btree (artifact_id);
CREATE INDEX connections_artifact_version_id_idx ON public.connections USING btree (artifact_version_id);
CREATE INDEX connections_from_part_id_idx ON public.connections USING btree (from_part_id);
CREATE INDEX connections_project_id_sequence_idx ON public.connections USING btree (project_id, sequence_number);
CREATE INDEX connections_to_part_id_idx ON public.connections USING btree (to_part_id);
CREATE INDEX connections_user_id_idx ON public.connections USING btree (user_id);
CREATE INDEX messages_agent_model_idx ON public.messages USING btree (agent_model) WHERE (role = 'assistant'::public.message_role);
CREATE INDEX messages_chat_id_parent_id_idx ON public.messages USING btree (chat_id, parent_id, sequence_number);
CREATE INDEX messages_chat_id_streaming_idx ON public.messages USING btree (chat_id) WHERE (status = 'streaming'::public.message_status);
CREATE INDEX messages_parent_id_idx ON public.messages USING btree (parent_id);
CREATE INDEX messages_search_keys_idx ON public.messages USING gin (private.search_keys(user_id, content_search)) WITH (fastupdate=off);
CREATE INDEX messages_user_id_created_at_id_idx ON public.messages USING btree (user_id, created_at DESC, id DESC);
CREATE INDEX parts_artifact_id_idx ON public.parts USING btree (artifact_id);
CREATE INDEX parts_artifact_version_id_idx ON public.parts USING btree (artifact_version_id);
CREATE INDEX parts_project_id_idx ON public.parts USING btree (project_id);
CREATE INDEX parts_user_id_idx ON public.parts USING btree (user_id);
CREATE INDEX personal_access_tokens_user_id_idx ON public.personal_access_tokens USING btree (user_id, created_at DESC);
CREATE INDEX projects_user_id_last_activity_at_idx ON public.projects USING btree (user_id, last_activity_at DESC, id DESC) WHERE (deleted_at IS NULL);
CREATE INDEX projects_user_id_updated_at_idx ON public.projects USING btree (user_id, updated_at DESC);
CREATE INDEX shared_chats_chat_id_idx ON public.shared_chats USING btree (chat_id, created_at DESC);
CREATE INDEX shared_chats_snapshot_leaf_id_idx ON public.shared_chats USING btree (snapshot_leaf_id);
CREATE INDEX shared_chats_user_id_idx ON public.shared_chats USING btree (user_id);
CREATE INDEX usage_daily_project_id_idx ON public.usage_daily USING btree (project_id) WHERE (project_id IS NOT NULL);
CREATE INDEX usage_daily_user_id_day_idx ON public.usage_daily USING btree (user_id, day);
CREATE INDEX usage_daily_user_id_project_id_day_idx ON public.usage_daily USING btree (user_id, project_id, day) WHERE (project_id IS NOT NULL);

-- triggers

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
CREATE TRIGGER log_artifact_versioned AFTER INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER refresh_project_totals_after_version AFTER INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.refresh_totals_after_version();
CREATE TRIGGER set_artifact_version_owner BEFORE INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.set_artifact_version_owner();
CREATE TRIGGER broadcast_artifact_change AFTER INSERT OR UPDATE ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.broadcast_artifact_change();
CREATE TRIGGER log_artifact_created AFTER INSERT ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER refresh_project_totals_after_artifact_change AFTER DELETE OR UPDATE OF current_version, is_visible, project_id ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.refresh_totals_after_artifact_change();
CREATE TRIGGER set_artifact_owner BEFORE INSERT ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.set_artifact_owner();
CREATE TRIGGER touch_artifact_updated_at BEFORE UPDATE ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();
CREATE TRIGGER keep_attachment_owner BEFORE UPDATE ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER limit_uploads BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.limit_uploads();
CREATE TRIGGER log_attachment_added AFTER INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER set_attachment_owner BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();
CREATE TRIGGER log_fork AFTER INSERT ON public.chat_forks FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER broadcast_active_leaf_change AFTER UPDATE OF active_leaf_id ON public.chats FOR EACH ROW WHEN (old.active_leaf_id IS DISTINCT FROM new.active_leaf_id) EXECUTE FUNCTION private.broadcast_active_leaf_change();
CREATE TRIGGER broadcast_chat_list_insert AFTER INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.broadcast_chat_list_change();
CREATE TRIGGER broadcast_chat_list_update AFTER UPDATE OF title, last_message_at, archived_at, deleted_at ON public.chats FOR EACH ROW WHEN (old.title IS DISTINCT FROM new.title OR old.last_message_at IS DISTINCT FROM new.last_message_at OR old.archived_at IS DISTINCT FROM new.archived_at OR old.deleted_at IS DISTINCT FROM new.deleted_at) EXECUTE FUNCTION private.broadcast_chat_list_change();
CREATE TRIGGER check_active_leaf BEFORE UPDATE OF active_leaf_id ON public.chats FOR EACH ROW EXECUTE FUNCTION private.check_active_leaf();
CREATE TRIGGER keep_chat_owner BEFORE UPDATE ON public.chats FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER log_chat_created AFTER INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER move_chat_design AFTER UPDATE OF project_id ON public.chats FOR EACH ROW WHEN (new.project_id IS DISTINCT FROM old.project_id) EXECUTE FUNCTION private.move_chat_design();
CREATE TRIGGER place_active_tail BEFORE UPDATE OF active_leaf_id ON public.chats FOR EACH ROW WHEN (old.active_leaf_id IS DISTINCT FROM new.active_leaf_id) EXECUTE FUNCTION private.place_active_tail();
CREATE TRIGGER set_chat_owner BEFORE INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();
CREATE TRIGGER touch_chat_updated_at BEFORE UPDATE ON public.chats FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();
CREATE TRIGGER touch_project_activity AFTER INSERT OR UPDATE OF last_message_at, project_id ON public.chats FOR EACH ROW WHEN (new.project_id IS NOT NULL) EXECUTE FUNCTION private.touch_project_activity();
CREATE TRIGGER usage_follows_project AFTER UPDATE OF project_id ON public.chats FOR EACH ROW WHEN (old.project_id IS DISTINCT FROM new.project_id) EXECUTE FUNCTION private.usage_follow_project();
CREATE TRIGGER keep_code_file_owner BEFORE UPDATE ON public.code_files FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER set_code_file_owner BEFORE INSERT ON public.code_files FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();
CREATE TRIGGER keep_connection_owner BEFORE UPDATE ON public.connections FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER refresh_project_totals_after_connections_added AFTER INSERT ON public.connections REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER refresh_project_totals_after_connections_removed AFTER DELETE ON public.connections REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER set_connection_owner BEFORE INSERT ON public.connections FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();
CREATE TRIGGER broadcast_message_change AFTER INSERT OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.broadcast_message_change();
CREATE TRIGGER keep_message_identity BEFORE UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.before_message_update();
CREATE TRIGGER number_message BEFORE INSERT ON public.messages FOR EACH ROW EXECUTE FUNCTION private.before_message_insert();
CREATE TRIGGER price_message BEFORE INSERT OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.price_message();
CREATE TRIGGER roll_up_deleted_messages AFTER DELETE ON public.messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();
CREATE TRIGGER roll_up_inserted_messages AFTER INSERT ON public.messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();
CREATE TRIGGER roll_up_updated_messages AFTER UPDATE ON public.messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();
CREATE TRIGGER keep_part_owner BEFORE UPDATE ON public.parts FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER refresh_project_totals_after_parts_added AFTER INSERT ON public.parts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER refresh_project_totals_after_parts_removed AFTER DELETE ON public.parts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER set_part_owner BEFORE INSERT ON public.parts FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();
CREATE TRIGGER keep_project_owner BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER set_project_owner BEFORE INSERT ON public.projects FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();
CREATE TRIGGER touch_project_updated_at BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();
CREATE TRIGGER log_share AFTER INSERT OR UPDATE OF revoked_at ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER remember_share_artifact_versions BEFORE INSERT ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.remember_share_artifact_versions();
CREATE TRIGGER set_snapshot_branch BEFORE INSERT OR UPDATE OF chat_id, snapshot_leaf_id ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.set_snapshot_branch();
CREATE TRIGGER sum_usage_totals AFTER INSERT OR DELETE OR UPDATE ON public.usage_daily FOR EACH ROW EXECUTE FUNCTION private.usage_totals_follow();

-- table private.agent_job_writes

create table private.agent_job_writes (
  job_id uuid not null,
  idempotency_key text not null,
  request_hash text not null,
  response jsonb not null,
  created_at timestamp with time zone default now() not null,
  constraint agent_job_writes_pkey PRIMARY KEY (job_id, idempotency_key),
  constraint agent_job_writes_job_id_fkey FOREIGN KEY (job_id) REFERENCES private.agent_jobs(id) ON DELETE CASCADE,
  constraint agent_job_writes_idempotency_key_check CHECK (char_length(idempotency_key) >= 1 AND char_length(idempotency_key) <= 200)
);
alter table private.agent_job_writes enable row level security;
comment on table private.agent_job_writes is 'Each agent API write of a job by idempotency key: a hash of what was asked and what was answered.';

-- table private.agent_jobs

create table private.agent_jobs (
  id uuid default gen_random_uuid() not null,
  service_id uuid not null,
  chat_id uuid not null,
  message_id uuid not null,
  intent public.message_intent not null,
  agent_name text not null,
  status private.agent_job_status default 'pending'::private.agent_job_status not null,
  token_hash text,
  reply_message_id uuid,
  created_at timestamp with time zone default now() not null,
  claimed_at timestamp with time zone,
  expires_at timestamp with time zone,
  last_seen_at timestamp with time zone default now() not null,
  finished_at timestamp with time zone,
  constraint agent_jobs_pkey PRIMARY KEY (id),
  constraint agent_jobs_token_hash_key UNIQUE (token_hash),
  constraint agent_jobs_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint agent_jobs_message_id_fkey FOREIGN KEY (message_id) REFERENCES public.messages(id) ON DELETE CASCADE,
  constraint agent_jobs_reply_message_id_fkey FOREIGN KEY (reply_message_id) REFERENCES public.messages(id) ON DELETE SET NULL,
  constraint agent_jobs_service_id_fkey FOREIGN KEY (service_id) REFERENCES private.agent_services(id) ON DELETE CASCADE,
  constraint agent_jobs_agent_name_check CHECK (char_length(agent_name) >= 1 AND char_length(agent_name) <= 64)
);
alter table private.agent_jobs enable row level security;
comment on table private.agent_jobs is 'One user message handed to an external agent service: its chat, its token (hashed), its reply and state.';
CREATE INDEX agent_jobs_chat_id_idx ON private.agent_jobs USING btree (chat_id);
CREATE INDEX agent_jobs_message_id_idx ON private.agent_jobs USING btree (message_id);
CREATE INDEX agent_jobs_pending_idx ON private.agent_jobs USING btree (service_id, created_at) WHERE (status = 'pending'::private.agent_job_status);
CREATE INDEX agent_jobs_reply_message_id_idx ON private.agent_jobs USING btree (reply_message_id);

-- table private.agent_rate_limit_counters

create table private.agent_rate_limit_counters (
  subject_id uuid not null,
  action text not null,
  window_started_at timestamp with time zone not null,
  used integer not null,
  constraint agent_rate_limit_counters_pkey PRIMARY KEY (subject_id, action),
  constraint agent_rate_limit_counters_action_fkey FOREIGN KEY (action) REFERENCES private.rate_limit_rules(action) ON DELETE CASCADE
);
alter table private.agent_rate_limit_counters enable row level security;
comment on table private.agent_rate_limit_counters is 'Per agent service or job and action: the current window and how much of its limit is used.';
CREATE INDEX agent_rate_limit_counters_action_idx ON private.agent_rate_limit_counters USING btree (action);

-- table private.agent_services

create table private.agent_services (
  id uuid default gen_random_uuid() not null,
  name text not null,
  key_hash text not null,
  key_prefix text not null,
  writes_per_minute integer,
  job_writes_per_minute integer,
  created_at timestamp with time zone default now() not null,
  revoked_at timestamp with time zone,
  built_in boolean default false not null,
  constraint agent_services_pkey PRIMARY KEY (id),
  constraint agent_services_key_hash_key UNIQUE (key_hash),
  constraint agent_services_name_key UNIQUE (name),
  constraint agent_services_job_writes_per_minute_check CHECK (job_writes_per_minute > 0),
  constraint agent_services_name_check CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'::text),
  constraint agent_services_writes_per_minute_check CHECK (writes_per_minute > 0)
);
alter table private.agent_services enable row level security;
comment on table private.agent_services is 'External agent services allowed to answer chats through the agent API; keys stored as sha-256.';
comment on column private.agent_services.built_in is 'OHM''s own in-process agents: opened by public.open_agent_turn, never by a key.';

-- table private.insights_admins

create table private.insights_admins (
  user_id uuid not null,
  granted_at timestamp with time zone default now() not null,
  note text,
  constraint insights_admins_pkey PRIMARY KEY (user_id),
  constraint insights_admins_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint insights_admins_note_check CHECK (note IS NULL OR char_length(note) <= 200)
);
alter table private.insights_admins enable row level security;
grant delete, insert, select, update on table private.insights_admins to service_role;
comment on table private.insights_admins is 'Users who may read the whole team''s usage on /insights; written only on the service path.';

-- table private.rate_limit_counters

create table private.rate_limit_counters (
  user_id uuid not null,
  action text not null,
  window_started_at timestamp with time zone not null,
  used integer not null,
  constraint rate_limit_counters_pkey PRIMARY KEY (user_id, action),
  constraint rate_limit_counters_action_fkey FOREIGN KEY (action) REFERENCES private.rate_limit_rules(action) ON DELETE CASCADE,
  constraint rate_limit_counters_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
alter table private.rate_limit_counters enable row level security;
comment on table private.rate_limit_counters is 'Per user and action: when the current window started and how much of its limit is used.';
CREATE INDEX rate_limit_counters_action_idx ON private.rate_limit_counters USING btree (action);

-- table private.rate_limit_rules

create table private.rate_limit_rules (
  action text not null,
  signed_in_limit integer not null,
  anonymous_limit integer not null,
  window_length interval not null,
  description text not null,
  constraint rate_limit_rules_pkey PRIMARY KEY (action),
  constraint rate_limit_rules_action_check CHECK (char_length(action) >= 1 AND char_length(action) <= 32),
  constraint rate_limit_rules_anonymous_limit_check CHECK (anonymous_limit >= 0),
  constraint rate_limit_rules_signed_in_limit_check CHECK (signed_in_limit >= 0),
  constraint rate_limit_rules_window_length_check CHECK (window_length > '00:00:00'::interval)
);
alter table private.rate_limit_rules enable row level security;
comment on table private.rate_limit_rules is 'How many times a user may do each limited action per window; anonymous users have their own, lower limit.';

-- table public.activity_log

create table public.activity_log (
  id uuid default gen_random_uuid() not null,
  user_id uuid,
  chat_id uuid,
  project_id uuid,
  event_type text not null,
  event_data jsonb default '{}'::jsonb not null,
  "timestamp" timestamp with time zone default now() not null,
  constraint activity_log_pkey PRIMARY KEY (id),
  constraint activity_log_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint activity_log_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE,
  constraint activity_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint activity_log_event_type_check CHECK (event_type = ANY (ARRAY['chat_created'::text, 'message_added'::text, 'artifact_created'::text, 'artifact_versioned'::text, 'shared'::text, 'share_revoked'::text, 'forked'::text, 'attachment_added'::text]))
);
alter table public.activity_log enable row level security;
grant select on table public.activity_log to authenticated;
grant insert, select on table public.activity_log to service_role;
comment on table public.activity_log is 'Append-only events (chat_created, artifact_created, artifact_versioned, shared, forked, …) written by triggers; messages are their own log.';
create policy "Users can read their own activity" on public.activity_log as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX activity_log_chat_id_idx ON public.activity_log USING btree (chat_id);
CREATE INDEX activity_log_project_id_idx ON public.activity_log USING btree (project_id);
CREATE INDEX activity_log_user_id_timestamp_idx ON public.activity_log USING btree (user_id, "timestamp" DESC);

-- table public.artifact_versions

create table public.artifact_versions (
  id uuid default gen_random_uuid() not null,
  artifact_id uuid not null,
  user_id uuid not null,
  version_number integer not null,
  content text,
  content_json jsonb,
  file_url text,
  change_summary text,
  parent_version_id uuid,
  created_by_message_id uuid,
  created_at timestamp with time zone default now() not null,
  author text default 'agent'::text not null,
  constraint artifact_versions_pkey PRIMARY KEY (id),
  constraint artifact_versions_artifact_id_version_number_key UNIQUE (artifact_id, version_number),
  constraint artifact_versions_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES public.artifacts(id) ON DELETE CASCADE,
  constraint artifact_versions_created_by_message_id_fkey FOREIGN KEY (created_by_message_id) REFERENCES public.messages(id) ON DELETE SET NULL,
  constraint artifact_versions_parent_version_id_fkey FOREIGN KEY (parent_version_id) REFERENCES public.artifact_versions(id) ON DELETE SET NULL,
  constraint artifact_versions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint artifact_versions_author_check CHECK (author = ANY (ARRAY['agent'::text, 'user'::text])),
  constraint artifact_versions_change_summary_check CHECK (char_length(change_summary) <= 2000),
  constraint artifact_versions_content_check CHECK (char_length(content) <= 1000000),
  constraint artifact_versions_file_url_check CHECK (char_length(file_url) <= 2048),
  constraint artifact_versions_version_number_check CHECK (version_number >= 1)
);
alter table public.artifact_versions enable row level security;
grant select on table public.artifact_versions to authenticated;
grant delete, insert, select, update on table public.artifact_versions to service_role;
comment on table public.artifact_versions is 'Immutable versions of an artifact, numbered 1, 2, 3… without gaps.';
comment on column public.artifact_versions.author is 'agent: written by an agent turn (created_by_message_id names it); user: an edit or a restore by the owner.';
create policy "Users can add versions to their artifacts" on public.artifact_versions as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the versions of their artifacts" on public.artifact_versions as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX artifact_versions_created_by_message_id_idx ON public.artifact_versions USING btree (created_by_message_id);
CREATE INDEX artifact_versions_parent_version_id_idx ON public.artifact_versions USING btree (parent_version_id);
CREATE INDEX artifact_versions_user_id_created_at_idx ON public.artifact_versions USING btree (user_id, created_at DESC);
CREATE INDEX artifact_versions_user_id_idx ON public.artifact_versions USING btree (user_id);
CREATE TRIGGER log_artifact_versioned AFTER INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER refresh_project_totals_after_version AFTER INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.refresh_totals_after_version();
CREATE TRIGGER set_artifact_version_owner BEFORE INSERT ON public.artifact_versions FOR EACH ROW EXECUTE FUNCTION private.set_artifact_version_owner();

-- table public.artifacts

create table public.artifacts (
  id uuid default gen_random_uuid() not null,
  chat_id uuid not null,
  project_id uuid,
  user_id uuid not null,
  type public.artifact_type not null,
  title text not null,
  description text,
  current_version integer default 0 not null,
  total_versions integer default 0 not null,
  is_visible boolean default true not null,
  created_by_message_id uuid,
  metadata jsonb default '{}'::jsonb not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint artifacts_pkey PRIMARY KEY (id),
  constraint artifacts_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint artifacts_created_by_message_id_fkey FOREIGN KEY (created_by_message_id) REFERENCES public.messages(id) ON DELETE SET NULL,
  constraint artifacts_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE SET NULL,
  constraint artifacts_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint artifacts_description_check CHECK (char_length(description) <= 5000),
  constraint artifacts_title_check CHECK (char_length(title) >= 1 AND char_length(title) <= 200)
);
alter table public.artifacts enable row level security;
grant delete, select on table public.artifacts to authenticated;
grant delete, insert, select, update on table public.artifacts to service_role;
comment on table public.artifacts is 'An agent''s output with a version history; current_version points into artifact_versions.';
create policy "Users can create artifacts in their chats" on public.artifacts as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete their own artifacts" on public.artifacts as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the artifacts of their chats" on public.artifacts as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own artifacts" on public.artifacts as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX artifacts_chat_id_all_idx ON public.artifacts USING btree (chat_id);
CREATE INDEX artifacts_chat_id_idx ON public.artifacts USING btree (chat_id) WHERE is_visible;
CREATE INDEX artifacts_created_by_message_id_idx ON public.artifacts USING btree (created_by_message_id);
CREATE INDEX artifacts_project_id_idx ON public.artifacts USING btree (project_id);
CREATE INDEX artifacts_project_id_type_updated_at_idx ON public.artifacts USING btree (project_id, type, updated_at DESC) WHERE is_visible;
CREATE INDEX artifacts_user_id_idx ON public.artifacts USING btree (user_id);
CREATE TRIGGER broadcast_artifact_change AFTER INSERT OR UPDATE ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.broadcast_artifact_change();
CREATE TRIGGER log_artifact_created AFTER INSERT ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER refresh_project_totals_after_artifact_change AFTER DELETE OR UPDATE OF current_version, is_visible, project_id ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.refresh_totals_after_artifact_change();
CREATE TRIGGER set_artifact_owner BEFORE INSERT ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.set_artifact_owner();
CREATE TRIGGER touch_artifact_updated_at BEFORE UPDATE ON public.artifacts FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

-- table public.attachments

create table public.attachments (
  id uuid default gen_random_uuid() not null,
  chat_id uuid not null,
  message_id uuid,
  user_id uuid not null,
  filename text not null,
  file_type text not null,
  file_size bigint not null,
  storage_bucket text default 'attachments'::text not null,
  storage_path text not null,
  category public.attachment_category default 'other'::public.attachment_category not null,
  is_processed boolean default false not null,
  processing_status public.processing_status default 'pending'::public.processing_status not null,
  created_at timestamp with time zone default now() not null,
  thumbnail_path text,
  metadata jsonb default '{}'::jsonb not null,
  analysis jsonb,
  processing_error text,
  processing_started_at timestamp with time zone,
  processed_at timestamp with time zone,
  constraint attachments_pkey PRIMARY KEY (id),
  constraint attachments_storage_path_key UNIQUE (storage_bucket, storage_path),
  constraint attachments_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint attachments_message_id_fkey FOREIGN KEY (message_id) REFERENCES public.messages(id) ON DELETE SET NULL,
  constraint attachments_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint attachments_file_size_check CHECK (file_size >= 1 AND file_size <= 26214400),
  constraint attachments_file_type_check CHECK (file_type = ANY (ARRAY['image/jpeg'::text, 'image/png'::text, 'image/webp'::text, 'application/pdf'::text, 'application/json'::text, 'application/x-kicad-netlist'::text])),
  constraint attachments_filename_check CHECK (char_length(filename) >= 1 AND char_length(filename) <= 255),
  constraint attachments_metadata_check CHECK (jsonb_typeof(metadata) = 'object'::text AND pg_column_size(metadata) <= 16384),
  constraint attachments_processing_error_check CHECK (char_length(processing_error) <= 2000),
  constraint attachments_storage_bucket_check CHECK (storage_bucket = ANY (ARRAY['attachments'::text, 'attachment-datasheets'::text, 'attachment-circuits'::text])),
  constraint attachments_storage_path_check CHECK (char_length(storage_path) <= 1024),
  constraint attachments_storage_path_in_own_folder CHECK (storage_path ~~ (((user_id::text || '/'::text) || chat_id::text) || '/%'::text)),
  constraint attachments_thumbnail_in_own_folder CHECK (thumbnail_path ~~ (((user_id::text || '/'::text) || chat_id::text) || '/%'::text)),
  constraint attachments_thumbnail_path_check CHECK (char_length(thumbnail_path) <= 1024)
);
alter table public.attachments enable row level security;
grant delete, select on table public.attachments to authenticated;
grant delete, insert, select, update on table public.attachments to service_role;
comment on table public.attachments is 'Metadata of uploaded files; the bytes are in Storage bucket attachments.';
comment on column public.attachments.analysis is 'What the analysis found: {kind, summary, artifactId?, verificationPath?, messageId?, …}; null until done.';
comment on column public.attachments.processing_error is 'Why the last analysis failed, in words the maker can act on; null unless failed.';
create policy "Users can attach files to their own chats" on public.attachments as permissive for insert to authenticated with check (((user_id = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT 1
   FROM public.chats c
  WHERE ((c.id = attachments.chat_id) AND (c.user_id = ( SELECT auth.uid() AS uid)))))));
create policy "Users can delete their own attachments" on public.attachments as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own attachments" on public.attachments as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX attachments_chat_id_idx ON public.attachments USING btree (chat_id);
CREATE INDEX attachments_message_id_idx ON public.attachments USING btree (message_id);
CREATE INDEX attachments_user_id_idx ON public.attachments USING btree (user_id);
CREATE TRIGGER keep_attachment_owner BEFORE UPDATE ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER limit_uploads BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.limit_uploads();
CREATE TRIGGER log_attachment_added AFTER INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER set_attachment_owner BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();

-- table public.chat_archives

create table public.chat_archives (
  chat_id uuid not null,
  user_id uuid not null,
  object_path text not null,
  message_count integer default 0 not null,
  digest text,
  sealed_at timestamp with time zone default now() not null,
  stored_at timestamp with time zone,
  restored_at timestamp with time zone,
  constraint chat_archives_pkey PRIMARY KEY (chat_id),
  constraint chat_archives_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint chat_archives_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint chat_archives_check CHECK (stored_at IS NULL OR digest IS NOT NULL),
  constraint chat_archives_digest_check CHECK (digest ~ '^[0-9a-f]{64}$'::text),
  constraint chat_archives_message_count_check CHECK (message_count >= 0)
);
alter table public.chat_archives enable row level security;
grant select on table public.chat_archives to authenticated;
grant select on table public.chat_archives to service_role;
comment on table public.chat_archives is 'Chats whose messages are (or are being) kept in the archive bucket instead of public.messages: sealed by private.seal_cold_chats, stored by the archive job, restored on open.';
create policy "Users can see which of their chats are archived" on public.chat_archives as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX chat_archives_user_id_idx ON public.chat_archives USING btree (user_id);

-- table public.chat_forks

create table public.chat_forks (
  id uuid default gen_random_uuid() not null,
  original_chat_id uuid,
  forked_chat_id uuid not null,
  user_id uuid not null,
  shared_chat_id uuid,
  forked_at_sequence bigint not null,
  created_at timestamp with time zone default now() not null,
  constraint chat_forks_pkey PRIMARY KEY (id),
  constraint chat_forks_forked_chat_id_fkey FOREIGN KEY (forked_chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint chat_forks_original_chat_id_fkey FOREIGN KEY (original_chat_id) REFERENCES public.chats(id) ON DELETE SET NULL,
  constraint chat_forks_shared_chat_id_fkey FOREIGN KEY (shared_chat_id) REFERENCES public.shared_chats(id) ON DELETE SET NULL,
  constraint chat_forks_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
alter table public.chat_forks enable row level security;
grant select on table public.chat_forks to authenticated;
grant delete, insert, select, update on table public.chat_forks to service_role;
comment on table public.chat_forks is 'Where a forked chat came from; visible to the user who forked.';
create policy "Users can read their own forks" on public.chat_forks as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX chat_forks_forked_chat_id_idx ON public.chat_forks USING btree (forked_chat_id);
CREATE INDEX chat_forks_original_chat_id_idx ON public.chat_forks USING btree (original_chat_id);
CREATE INDEX chat_forks_shared_chat_id_idx ON public.chat_forks USING btree (shared_chat_id);
CREATE INDEX chat_forks_user_id_idx ON public.chat_forks USING btree (user_id);
CREATE TRIGGER log_fork AFTER INSERT ON public.chat_forks FOR EACH ROW EXECUTE FUNCTION private.log_activity();

-- table public.chats

create table public.chats (
  id uuid default gen_random_uuid() not null,
  user_id uuid default auth.uid() not null,
  project_id uuid,
  title text default 'New chat'::text not null,
  description text,
  current_phase public.chat_phase default 'ideation'::public.chat_phase not null,
  is_public boolean default false not null,
  share_token text,
  last_message_at timestamp with time zone default now() not null,
  message_count integer default 0 not null,
  last_sequence_number bigint default 0 not null,
  active_leaf_id uuid,
  forked_from_chat_id uuid,
  archived_at timestamp with time zone,
  deleted_at timestamp with time zone,
  metadata jsonb default '{}'::jsonb not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  active_tail int8multirange,
  active_tail_parent_id uuid,
  constraint chats_pkey PRIMARY KEY (id),
  constraint chats_forked_from_chat_id_fkey FOREIGN KEY (forked_from_chat_id) REFERENCES public.chats(id) ON DELETE SET NULL,
  constraint chats_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE SET NULL,
  constraint chats_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint chats_description_check CHECK (char_length(description) <= 5000),
  constraint chats_title_check CHECK (char_length(title) >= 1 AND char_length(title) <= 200)
);
alter table public.chats enable row level security;
grant delete, select on table public.chats to authenticated;
grant delete, insert, select, update on table public.chats to service_role;
comment on table public.chats is 'A conversation with OHM''s agents; its id is its URL. Counters and the active branch are kept by triggers.';
comment on column public.chats.active_tail is 'Sequence numbers of the active branch''s newest messages (every message numbered in these ranges is on it); kept by triggers, null when unknown.';
comment on column public.chats.active_tail_parent_id is 'The parent of the oldest message in active_tail: where a page that needs more messages walks on.';
create policy "Users can create chats" on public.chats as permissive for insert to authenticated with check (((user_id = ( SELECT auth.uid() AS uid)) AND ((project_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.projects p
  WHERE ((p.id = chats.project_id) AND (p.user_id = ( SELECT auth.uid() AS uid))))))));
create policy "Users can delete their own chats" on public.chats as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own chats" on public.chats as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own chats" on public.chats as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check (((user_id = ( SELECT auth.uid() AS uid)) AND ((project_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.projects p
  WHERE ((p.id = chats.project_id) AND (p.user_id = ( SELECT auth.uid() AS uid))))))));
CREATE INDEX chats_active_leaf_id_idx ON public.chats USING btree (active_leaf_id);
CREATE INDEX chats_forked_from_chat_id_idx ON public.chats USING btree (forked_from_chat_id);
CREATE INDEX chats_last_message_at_idx ON public.chats USING btree (last_message_at) WHERE (deleted_at IS NULL);
CREATE INDEX chats_project_id_idx ON public.chats USING btree (project_id);
CREATE INDEX chats_user_id_archived_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE ((deleted_at IS NULL) AND (archived_at IS NOT NULL));
CREATE INDEX chats_user_id_deleted_at_idx ON public.chats USING btree (user_id, deleted_at) WHERE (deleted_at IS NOT NULL);
CREATE INDEX chats_user_id_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE (deleted_at IS NULL);
CREATE INDEX chats_user_id_listed_last_message_at_idx ON public.chats USING btree (user_id, last_message_at DESC, id DESC) WHERE ((deleted_at IS NULL) AND (archived_at IS NULL));
CREATE TRIGGER broadcast_active_leaf_change AFTER UPDATE OF active_leaf_id ON public.chats FOR EACH ROW WHEN (old.active_leaf_id IS DISTINCT FROM new.active_leaf_id) EXECUTE FUNCTION private.broadcast_active_leaf_change();
CREATE TRIGGER broadcast_chat_list_insert AFTER INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.broadcast_chat_list_change();
CREATE TRIGGER broadcast_chat_list_update AFTER UPDATE OF title, last_message_at, archived_at, deleted_at ON public.chats FOR EACH ROW WHEN (old.title IS DISTINCT FROM new.title OR old.last_message_at IS DISTINCT FROM new.last_message_at OR old.archived_at IS DISTINCT FROM new.archived_at OR old.deleted_at IS DISTINCT FROM new.deleted_at) EXECUTE FUNCTION private.broadcast_chat_list_change();
CREATE TRIGGER check_active_leaf BEFORE UPDATE OF active_leaf_id ON public.chats FOR EACH ROW EXECUTE FUNCTION private.check_active_leaf();
CREATE TRIGGER keep_chat_owner BEFORE UPDATE ON public.chats FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER log_chat_created AFTER INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER move_chat_design AFTER UPDATE OF project_id ON public.chats FOR EACH ROW WHEN (new.project_id IS DISTINCT FROM old.project_id) EXECUTE FUNCTION private.move_chat_design();
CREATE TRIGGER place_active_tail BEFORE UPDATE OF active_leaf_id ON public.chats FOR EACH ROW WHEN (old.active_leaf_id IS DISTINCT FROM new.active_leaf_id) EXECUTE FUNCTION private.place_active_tail();
CREATE TRIGGER set_chat_owner BEFORE INSERT ON public.chats FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();
CREATE TRIGGER touch_chat_updated_at BEFORE UPDATE ON public.chats FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();
CREATE TRIGGER touch_project_activity AFTER INSERT OR UPDATE OF last_message_at, project_id ON public.chats FOR EACH ROW WHEN (new.project_id IS NOT NULL) EXECUTE FUNCTION private.touch_project_activity();
CREATE TRIGGER usage_follows_project AFTER UPDATE OF project_id ON public.chats FOR EACH ROW WHEN (old.project_id IS DISTINCT FROM new.project_id) EXECUTE FUNCTION private.usage_follow_project();

-- table public.code_files

create table public.code_files (
  id uuid default gen_random_uuid() not null,
  project_id uuid not null,
  artifact_id uuid,
  artifact_version_id uuid,
  user_id uuid not null,
  filename text not null,
  language text,
  platform text,
  content text default ''::text not null,
  unit_number integer not null,
  required_libraries text[] default '{}'::text[] not null,
  is_production_ready boolean default false not null,
  created_at timestamp with time zone default now() not null,
  constraint code_files_pkey PRIMARY KEY (id),
  constraint code_files_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES public.artifacts(id) ON DELETE CASCADE,
  constraint code_files_artifact_version_id_fkey FOREIGN KEY (artifact_version_id) REFERENCES public.artifact_versions(id) ON DELETE CASCADE,
  constraint code_files_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE,
  constraint code_files_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint code_files_content_check CHECK (char_length(content) <= 1000000),
  constraint code_files_filename_check CHECK (char_length(filename) >= 1 AND char_length(filename) <= 255),
  constraint code_files_language_check CHECK (char_length(language) <= 50),
  constraint code_files_platform_check CHECK (char_length(platform) <= 50),
  constraint code_files_unit_number_check CHECK (unit_number >= 1 AND unit_number <= 3)
);
alter table public.code_files enable row level security;
grant delete, insert, select, update on table public.code_files to authenticated;
grant delete, insert, select, update on table public.code_files to service_role;
comment on table public.code_files is 'Firmware files of a project in three success units: 1 calibration, 2 minimal, 3 full.';
create policy "Users can add code files to their projects" on public.code_files as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the code files of their projects" on public.code_files as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the code files of their projects" on public.code_files as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the code files of their projects" on public.code_files as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX code_files_artifact_id_idx ON public.code_files USING btree (artifact_id);
CREATE INDEX code_files_artifact_version_id_idx ON public.code_files USING btree (artifact_version_id);
CREATE INDEX code_files_project_id_unit_idx ON public.code_files USING btree (project_id, unit_number);
CREATE INDEX code_files_user_id_idx ON public.code_files USING btree (user_id);
CREATE TRIGGER keep_code_file_owner BEFORE UPDATE ON public.code_files FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER set_code_file_owner BEFORE INSERT ON public.code_files FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();

-- table public.connections

create table public.connections (
  id uuid default gen_random_uuid() not null,
  project_id uuid not null,
  artifact_id uuid,
  artifact_version_id uuid,
  user_id uuid not null,
  sequence_number integer not null,
  from_part_id uuid,
  from_pin text not null,
  from_pin_type text,
  to_part_id uuid,
  to_pin text not null,
  to_pin_type text,
  voltage text,
  signal_type text,
  wire_color text,
  warnings text[] default '{}'::text[] not null,
  created_at timestamp with time zone default now() not null,
  constraint connections_pkey PRIMARY KEY (id),
  constraint connections_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES public.artifacts(id) ON DELETE CASCADE,
  constraint connections_artifact_version_id_fkey FOREIGN KEY (artifact_version_id) REFERENCES public.artifact_versions(id) ON DELETE CASCADE,
  constraint connections_from_part_id_fkey FOREIGN KEY (from_part_id) REFERENCES public.parts(id) ON DELETE CASCADE,
  constraint connections_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE,
  constraint connections_to_part_id_fkey FOREIGN KEY (to_part_id) REFERENCES public.parts(id) ON DELETE CASCADE,
  constraint connections_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint connections_from_pin_check CHECK (char_length(from_pin) <= 50),
  constraint connections_from_pin_type_check CHECK (char_length(from_pin_type) <= 50),
  constraint connections_sequence_number_check CHECK (sequence_number >= 1),
  constraint connections_signal_type_check CHECK (char_length(signal_type) <= 50),
  constraint connections_to_pin_check CHECK (char_length(to_pin) <= 50),
  constraint connections_to_pin_type_check CHECK (char_length(to_pin_type) <= 50),
  constraint connections_voltage_check CHECK (char_length(voltage) <= 50),
  constraint connections_wire_color_check CHECK (char_length(wire_color) <= 30)
);
alter table public.connections enable row level security;
grant delete, insert, select, update on table public.connections to authenticated;
grant delete, insert, select, update on table public.connections to service_role;
comment on table public.connections is 'Pin-to-pin wiring steps of a project, in assembly order.';
create policy "Users can add connections to their projects" on public.connections as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the connections of their projects" on public.connections as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the connections of their projects" on public.connections as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the connections of their projects" on public.connections as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX connections_artifact_id_idx ON public.connections USING btree (artifact_id);
CREATE INDEX connections_artifact_version_id_idx ON public.connections USING btree (artifact_version_id);
CREATE INDEX connections_from_part_id_idx ON public.connections USING btree (from_part_id);
CREATE INDEX connections_project_id_sequence_idx ON public.connections USING btree (project_id, sequence_number);
CREATE INDEX connections_to_part_id_idx ON public.connections USING btree (to_part_id);
CREATE INDEX connections_user_id_idx ON public.connections USING btree (user_id);
CREATE TRIGGER keep_connection_owner BEFORE UPDATE ON public.connections FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER refresh_project_totals_after_connections_added AFTER INSERT ON public.connections REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER refresh_project_totals_after_connections_removed AFTER DELETE ON public.connections REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER set_connection_owner BEFORE INSERT ON public.connections FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();

-- table public.messages

create table public.messages (
  id uuid default gen_random_uuid() not null,
  chat_id uuid not null,
  user_id uuid default auth.uid() not null,
  parent_id uuid,
  sequence_number bigint default 0 not null,
  role public.message_role not null,
  content text default ''::text not null,
  agent_name text,
  agent_model text,
  agent_icon text,
  intent public.message_intent,
  input_tokens integer default 0 not null,
  output_tokens integer default 0 not null,
  created_artifact_ids uuid[] default '{}'::uuid[] not null,
  status public.message_status default 'complete'::public.message_status not null,
  idempotency_key text,
  metadata jsonb default '{}'::jsonb not null,
  content_search tsvector generated always as (to_tsvector('english'::regconfig, content)) stored,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  input_cache_read_tokens integer default 0 not null,
  input_cache_write_tokens integer default 0 not null,
  cost numeric(16,8),
  counts_as_usage boolean default true not null,
  sibling_count integer default 1 not null,
  sibling_index integer default 1 not null,
  constraint messages_pkey PRIMARY KEY (id),
  constraint messages_chat_id_idempotency_key_key UNIQUE (chat_id, idempotency_key),
  constraint messages_chat_id_sequence_number_key UNIQUE (chat_id, sequence_number),
  constraint messages_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint messages_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.messages(id) ON DELETE CASCADE,
  constraint messages_agent_icon_check CHECK (char_length(agent_icon) <= 16),
  constraint messages_agent_model_check CHECK (char_length(agent_model) <= 128),
  constraint messages_agent_name_check CHECK (char_length(agent_name) <= 64),
  constraint messages_check CHECK (sibling_index >= 1 AND sibling_index <= sibling_count),
  constraint messages_content_check CHECK (char_length(content) <= 100000),
  constraint messages_cost_check CHECK (cost >= 0::numeric),
  constraint messages_idempotency_key_check CHECK (char_length(idempotency_key) >= 1 AND char_length(idempotency_key) <= 100),
  constraint messages_input_cache_read_tokens_check CHECK (input_cache_read_tokens >= 0),
  constraint messages_input_cache_write_tokens_check CHECK (input_cache_write_tokens >= 0),
  constraint messages_input_tokens_check CHECK (input_tokens >= 0),
  constraint messages_output_tokens_check CHECK (output_tokens >= 0),
  constraint messages_sibling_count_check CHECK (sibling_count >= 1)
);
alter table public.messages enable row level security;
grant select on table public.messages to authenticated;
grant delete, insert, select, update on table public.messages to service_role;
comment on table public.messages is 'Every message of every chat, numbered per chat by the database; a tree through parent_id.';
comment on column public.messages.input_cache_read_tokens is 'Part of input_tokens the provider read from its prompt cache.';
comment on column public.messages.input_cache_write_tokens is 'Part of input_tokens the provider wrote to its prompt cache.';
comment on column public.messages.cost is 'USD this reply cost at the price in force when it was written (model_prices); null: its model had no price.';
comment on column public.messages.counts_as_usage is 'False for a fork''s copies of another chat''s replies: tokens spent by someone else are not the forker''s usage.';
create policy "Users can read the messages of their chats" on public.messages as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX messages_agent_model_idx ON public.messages USING btree (agent_model) WHERE (role = 'assistant'::public.message_role);
CREATE INDEX messages_chat_id_parent_id_idx ON public.messages USING btree (chat_id, parent_id, sequence_number);
CREATE INDEX messages_chat_id_streaming_idx ON public.messages USING btree (chat_id) WHERE (status = 'streaming'::public.message_status);
CREATE INDEX messages_parent_id_idx ON public.messages USING btree (parent_id);
CREATE INDEX messages_search_keys_idx ON public.messages USING gin (private.search_keys(user_id, content_search)) WITH (fastupdate=off);
CREATE INDEX messages_user_id_created_at_id_idx ON public.messages USING btree (user_id, created_at DESC, id DESC);
CREATE TRIGGER broadcast_message_change AFTER INSERT OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.broadcast_message_change();
CREATE TRIGGER keep_message_identity BEFORE UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.before_message_update();
CREATE TRIGGER number_message BEFORE INSERT ON public.messages FOR EACH ROW EXECUTE FUNCTION private.before_message_insert();
CREATE TRIGGER price_message BEFORE INSERT OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION private.price_message();
CREATE TRIGGER roll_up_deleted_messages AFTER DELETE ON public.messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();
CREATE TRIGGER roll_up_inserted_messages AFTER INSERT ON public.messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();
CREATE TRIGGER roll_up_updated_messages AFTER UPDATE ON public.messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.usage_after_write();

-- table public.model_prices

create table public.model_prices (
  model text not null,
  input_per_1k numeric(12,6) not null,
  output_per_1k numeric(12,6) not null,
  currency text default 'USD'::text not null,
  updated_at timestamp with time zone default now() not null,
  cache_read_per_1k numeric(12,6),
  cache_write_per_1k numeric(12,6),
  effective_from date default '2026-11-25'::date not null,
  constraint model_prices_pkey PRIMARY KEY (model, effective_from),
  constraint model_prices_cache_read_per_1k_check CHECK (cache_read_per_1k >= 0::numeric),
  constraint model_prices_cache_write_per_1k_check CHECK (cache_write_per_1k >= 0::numeric),
  constraint model_prices_currency_check CHECK (currency ~ '^[A-Z]{3}$'::text),
  constraint model_prices_input_per_1k_check CHECK (input_per_1k >= 0::numeric),
  constraint model_prices_model_check CHECK (char_length(model) <= 128),
  constraint model_prices_output_per_1k_check CHECK (output_per_1k >= 0::numeric)
);
alter table public.model_prices enable row level security;
grant select on table public.model_prices to anon;
grant select on table public.model_prices to authenticated;
grant delete, insert, select, update on table public.model_prices to service_role;
comment on table public.model_prices is 'Price per 1K input and output tokens for each model id as messages record it (provider/model).';
comment on column public.model_prices.cache_read_per_1k is 'Price per 1K input tokens read from the prompt cache; null: priced as input.';
comment on column public.model_prices.cache_write_per_1k is 'Price per 1K input tokens written to the prompt cache (5-minute TTL); null: priced as input.';
comment on column public.model_prices.effective_from is 'First day (UTC) this price applies; it stays in force until the model''s next row. Change a price by adding a row.';
create policy "Anyone can read model prices" on public.model_prices as permissive for select to anon, authenticated using (true);

-- table public.parts

create table public.parts (
  id uuid default gen_random_uuid() not null,
  project_id uuid not null,
  artifact_id uuid,
  artifact_version_id uuid,
  user_id uuid not null,
  name text not null,
  part_number text,
  manufacturer text,
  quantity integer default 1 not null,
  voltage text,
  current text,
  interface_type text,
  price numeric(12,2),
  supplier text,
  supplier_url text,
  specs jsonb default '{}'::jsonb not null,
  alternatives jsonb default '[]'::jsonb not null,
  compatibility_warnings text[] default '{}'::text[] not null,
  created_at timestamp with time zone default now() not null,
  constraint parts_pkey PRIMARY KEY (id),
  constraint parts_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES public.artifacts(id) ON DELETE CASCADE,
  constraint parts_artifact_version_id_fkey FOREIGN KEY (artifact_version_id) REFERENCES public.artifact_versions(id) ON DELETE CASCADE,
  constraint parts_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE,
  constraint parts_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint parts_current_check CHECK (char_length(current) <= 50),
  constraint parts_interface_type_check CHECK (char_length(interface_type) <= 50),
  constraint parts_manufacturer_check CHECK (char_length(manufacturer) <= 200),
  constraint parts_name_check CHECK (char_length(name) >= 1 AND char_length(name) <= 200),
  constraint parts_part_number_check CHECK (char_length(part_number) <= 100),
  constraint parts_price_check CHECK (price >= 0::numeric),
  constraint parts_quantity_check CHECK (quantity > 0),
  constraint parts_supplier_check CHECK (char_length(supplier) <= 200),
  constraint parts_supplier_url_check CHECK (char_length(supplier_url) <= 2048),
  constraint parts_voltage_check CHECK (char_length(voltage) <= 50)
);
alter table public.parts enable row level security;
grant delete, insert, select, update on table public.parts to authenticated;
grant delete, insert, select, update on table public.parts to service_role;
comment on table public.parts is 'Bill-of-materials rows of a project, owned by the BOM artifact version that listed them.';
create policy "Users can add parts to their projects" on public.parts as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete the parts of their projects" on public.parts as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read the parts of their projects" on public.parts as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update the parts of their projects" on public.parts as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX parts_artifact_id_idx ON public.parts USING btree (artifact_id);
CREATE INDEX parts_artifact_version_id_idx ON public.parts USING btree (artifact_version_id);
CREATE INDEX parts_project_id_idx ON public.parts USING btree (project_id);
CREATE INDEX parts_user_id_idx ON public.parts USING btree (user_id);
CREATE TRIGGER keep_part_owner BEFORE UPDATE ON public.parts FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER refresh_project_totals_after_parts_added AFTER INSERT ON public.parts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER refresh_project_totals_after_parts_removed AFTER DELETE ON public.parts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.refresh_totals_after_rows();
CREATE TRIGGER set_part_owner BEFORE INSERT ON public.parts FOR EACH ROW EXECUTE FUNCTION private.set_project_row_owner();

-- table public.personal_access_tokens

create table public.personal_access_tokens (
  id uuid default gen_random_uuid() not null,
  user_id uuid not null,
  name text not null,
  token_hash bytea not null,
  token_prefix text not null,
  scope public.access_token_scope not null,
  created_at timestamp with time zone default now() not null,
  expires_at timestamp with time zone not null,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  constraint personal_access_tokens_pkey PRIMARY KEY (id),
  constraint personal_access_tokens_token_hash_key UNIQUE (token_hash),
  constraint personal_access_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint personal_access_tokens_expiry_check CHECK (expires_at > created_at AND expires_at <= (created_at + '366 days'::interval)),
  constraint personal_access_tokens_name_check CHECK (char_length(name) >= 1 AND char_length(name) <= 80 AND name = btrim(name)),
  constraint personal_access_tokens_token_hash_check CHECK (octet_length(token_hash) = 32),
  constraint personal_access_tokens_token_prefix_check CHECK (char_length(token_prefix) >= 8 AND char_length(token_prefix) <= 20)
);
alter table public.personal_access_tokens enable row level security;
grant delete, insert, select, update on table public.personal_access_tokens to service_role;
comment on table public.personal_access_tokens is 'Personal access tokens for the MCP server: sha256 of the secret, scope, expiry, revocation. The secret itself is never stored.';
create policy "Users can read their own tokens" on public.personal_access_tokens as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can revoke their own tokens" on public.personal_access_tokens as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check (((user_id = ( SELECT auth.uid() AS uid)) AND (revoked_at IS NOT NULL)));
CREATE INDEX personal_access_tokens_user_id_idx ON public.personal_access_tokens USING btree (user_id, created_at DESC);

-- table public.profiles

create table public.profiles (
  id uuid not null,
  display_name text,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint profiles_pkey PRIMARY KEY (id),
  constraint profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint profiles_display_name_check CHECK (char_length(display_name) <= 80)
);
alter table public.profiles enable row level security;
grant select on table public.profiles to authenticated;
grant delete, insert, select, update on table public.profiles to service_role;
comment on table public.profiles is 'Public profile of each user; created by a trigger on auth.users.';
create policy "Users can read their own profile" on public.profiles as permissive for select to authenticated using ((id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own profile" on public.profiles as permissive for update to authenticated using ((id = ( SELECT auth.uid() AS uid))) with check ((id = ( SELECT auth.uid() AS uid)));

-- table public.projects

create table public.projects (
  id uuid default gen_random_uuid() not null,
  user_id uuid default auth.uid() not null,
  name text not null,
  description text,
  category text,
  goal text,
  location text,
  target_budget numeric(12,2),
  currency text default 'USD'::text not null,
  current_step integer default 0 not null,
  workflow_steps jsonb default '[]'::jsonb not null,
  status public.project_status default 'draft'::public.project_status not null,
  total_parts integer default 0 not null,
  total_connections integer default 0 not null,
  metadata jsonb default '{}'::jsonb not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  archived_at timestamp with time zone,
  deleted_at timestamp with time zone,
  last_activity_at timestamp with time zone default now() not null,
  bom_total numeric(12,2),
  bom_currency text,
  constraint projects_pkey PRIMARY KEY (id),
  constraint projects_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint projects_bom_currency_check CHECK (bom_currency ~ '^[A-Z]{3}$'::text),
  constraint projects_category_check CHECK (char_length(category) <= 100),
  constraint projects_currency_check CHECK (currency ~ '^[A-Z]{3}$'::text),
  constraint projects_current_step_check CHECK (current_step >= 0),
  constraint projects_description_check CHECK (char_length(description) <= 5000),
  constraint projects_goal_check CHECK (char_length(goal) <= 5000),
  constraint projects_location_check CHECK (char_length(location) <= 200),
  constraint projects_name_check CHECK (char_length(name) >= 1 AND char_length(name) <= 200),
  constraint projects_target_budget_check CHECK (target_budget >= 0::numeric)
);
alter table public.projects enable row level security;
grant delete, select on table public.projects to authenticated;
grant delete, insert, select, update on table public.projects to service_role;
comment on table public.projects is 'A maker''s hardware project; totals of parts and connections are kept by triggers.';
comment on column public.projects.last_activity_at is 'Latest message in any of the project''s chats, or the project''s creation; the /projects order.';
comment on column public.projects.bom_total is 'Sum of the current BOM''s line prices; null when no line is priced or the lines mix currencies.';
create policy "Users can create projects" on public.projects as permissive for insert to authenticated with check ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can delete their own projects" on public.projects as permissive for delete to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can read their own projects" on public.projects as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
create policy "Users can update their own projects" on public.projects as permissive for update to authenticated using ((user_id = ( SELECT auth.uid() AS uid))) with check ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX projects_user_id_last_activity_at_idx ON public.projects USING btree (user_id, last_activity_at DESC, id DESC) WHERE (deleted_at IS NULL);
CREATE INDEX projects_user_id_updated_at_idx ON public.projects USING btree (user_id, updated_at DESC);
CREATE TRIGGER keep_project_owner BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION private.keep_owner();
CREATE TRIGGER set_project_owner BEFORE INSERT ON public.projects FOR EACH ROW EXECUTE FUNCTION private.set_owner_from_session();
CREATE TRIGGER touch_project_updated_at BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

-- table public.shared_chats

create table public.shared_chats (
  id uuid default gen_random_uuid() not null,
  chat_id uuid not null,
  user_id uuid not null,
  share_token text not null,
  snapshot_sequence bigint not null,
  snapshot_leaf_id uuid,
  created_at timestamp with time zone default now() not null,
  expires_at timestamp with time zone,
  revoked_at timestamp with time zone,
  artifact_versions jsonb default '{}'::jsonb not null,
  artifact_stale jsonb default '{}'::jsonb not null,
  snapshot_branch int8multirange,
  constraint shared_chats_pkey PRIMARY KEY (id),
  constraint shared_chats_share_token_key UNIQUE (share_token),
  constraint shared_chats_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint shared_chats_snapshot_leaf_id_fkey FOREIGN KEY (snapshot_leaf_id) REFERENCES public.messages(id) ON DELETE SET NULL,
  constraint shared_chats_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint shared_chats_share_token_check CHECK (char_length(share_token) >= 22)
);
alter table public.shared_chats enable row level security;
grant select on table public.shared_chats to authenticated;
grant delete, insert, select, update on table public.shared_chats to service_role;
comment on table public.shared_chats is 'Share links: a token and the snapshot (messages up to snapshot_sequence on the shared branch).';
comment on column public.shared_chats.artifact_versions is 'The snapshot''s artifacts: {artifact id: its newest version number when the link was made}.';
comment on column public.shared_chats.artifact_stale is 'The snapshot''s stale marks: {artifact id: the mark it carried when the link was made}.';
comment on column public.shared_chats.snapshot_branch is 'The sequence numbers of the snapshot''s messages (the branch ending at snapshot_leaf_id); null: not known, walked.';
create policy "Users can read the share links of their chats" on public.shared_chats as permissive for select to authenticated using ((user_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX shared_chats_chat_id_idx ON public.shared_chats USING btree (chat_id, created_at DESC);
CREATE INDEX shared_chats_snapshot_leaf_id_idx ON public.shared_chats USING btree (snapshot_leaf_id);
CREATE INDEX shared_chats_user_id_idx ON public.shared_chats USING btree (user_id);
CREATE TRIGGER log_share AFTER INSERT OR UPDATE OF revoked_at ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.log_activity();
CREATE TRIGGER remember_share_artifact_versions BEFORE INSERT ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.remember_share_artifact_versions();
CREATE TRIGGER set_snapshot_branch BEFORE INSERT OR UPDATE OF chat_id, snapshot_leaf_id ON public.shared_chats FOR EACH ROW EXECUTE FUNCTION private.set_snapshot_branch();

-- table public.usage_daily

create table public.usage_daily (
  chat_id uuid not null,
  day date not null,
  agent_name text default ''::text not null,
  agent_model text default ''::text not null,
  user_id uuid not null,
  project_id uuid,
  messages bigint default 0 not null,
  unpriced_messages bigint default 0 not null,
  input_uncached_tokens bigint default 0 not null,
  cache_read_tokens bigint default 0 not null,
  cache_write_tokens bigint default 0 not null,
  output_tokens bigint default 0 not null,
  cost numeric(18,8) default 0 not null,
  constraint usage_daily_pkey PRIMARY KEY (chat_id, day, agent_name, agent_model),
  constraint usage_daily_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES public.chats(id) ON DELETE CASCADE,
  constraint usage_daily_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint usage_daily_agent_model_check CHECK (char_length(agent_model) <= 128),
  constraint usage_daily_agent_name_check CHECK (char_length(agent_name) <= 64)
);
alter table public.usage_daily enable row level security;
grant select on table public.usage_daily to authenticated;
grant select on table public.usage_daily to service_role;
comment on table public.usage_daily is 'Settled replies per chat, agent, model and UTC day: counts, tokens by kind and cost at the price then. Kept by triggers on messages.';
comment on column public.usage_daily.agent_name is 'The reply''s agent; empty when it recorded none.';
comment on column public.usage_daily.agent_model is 'The reply''s model (provider/model); empty when it recorded none.';
comment on column public.usage_daily.unpriced_messages is 'Replies whose model had no price when written: their cost is not in cost.';
create policy "Users can read their own usage, and insights admins the team's" on public.usage_daily as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));
CREATE INDEX usage_daily_project_id_idx ON public.usage_daily USING btree (project_id) WHERE (project_id IS NOT NULL);
CREATE INDEX usage_daily_user_id_day_idx ON public.usage_daily USING btree (user_id, day);
CREATE INDEX usage_daily_user_id_project_id_day_idx ON public.usage_daily USING btree (user_id, project_id, day) WHERE (project_id IS NOT NULL);
CREATE TRIGGER sum_usage_totals AFTER INSERT OR DELETE OR UPDATE ON public.usage_daily FOR EACH ROW EXECUTE FUNCTION private.usage_totals_follow();

-- table public.usage_daily_chats

create table public.usage_daily_chats (
  user_id uuid not null,
  day date not null,
  chat_id uuid not null,
  messages bigint default 0 not null,
  unpriced_messages bigint default 0 not null,
  input_tokens bigint default 0 not null,
  output_tokens bigint default 0 not null,
  cost numeric(18,8) default 0 not null,
  constraint usage_daily_chats_pkey PRIMARY KEY (user_id, day, chat_id),
  constraint usage_daily_chats_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
alter table public.usage_daily_chats enable row level security;
grant select on table public.usage_daily_chats to authenticated;
grant select on table public.usage_daily_chats to service_role;
comment on table public.usage_daily_chats is 'usage_daily summed per user, UTC day and chat. Kept by a trigger on usage_daily.';
create policy "Users can read their own chat usage, and insights admins the te" on public.usage_daily_chats as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));

-- table public.usage_daily_projects

create table public.usage_daily_projects (
  user_id uuid not null,
  day date not null,
  project_id uuid not null,
  messages bigint default 0 not null,
  unpriced_messages bigint default 0 not null,
  input_tokens bigint default 0 not null,
  output_tokens bigint default 0 not null,
  cost numeric(18,8) default 0 not null,
  constraint usage_daily_projects_pkey PRIMARY KEY (user_id, day, project_id),
  constraint usage_daily_projects_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
alter table public.usage_daily_projects enable row level security;
grant select on table public.usage_daily_projects to authenticated;
grant select on table public.usage_daily_projects to service_role;
comment on table public.usage_daily_projects is 'usage_daily summed per user, UTC day and project (chats in no project are left out). Kept by a trigger on usage_daily.';
create policy "Users can read their own project usage, and insights admins the" on public.usage_daily_projects as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));

-- table public.usage_daily_totals

create table public.usage_daily_totals (
  user_id uuid not null,
  day date not null,
  agent_name text not null,
  agent_model text not null,
  messages bigint default 0 not null,
  unpriced_messages bigint default 0 not null,
  input_uncached_tokens bigint default 0 not null,
  cache_read_tokens bigint default 0 not null,
  cache_write_tokens bigint default 0 not null,
  output_tokens bigint default 0 not null,
  cost numeric(18,8) default 0 not null,
  constraint usage_daily_totals_pkey PRIMARY KEY (user_id, day, agent_name, agent_model),
  constraint usage_daily_totals_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
alter table public.usage_daily_totals enable row level security;
grant select on table public.usage_daily_totals to authenticated;
grant select on table public.usage_daily_totals to service_role;
comment on table public.usage_daily_totals is 'usage_daily summed over chats and projects: per user, UTC day, agent and model. Kept by a trigger on usage_daily.';
create policy "Users can read their own usage totals, and insights admins the " on public.usage_daily_totals as permissive for select to authenticated using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.reads_team_insights() AS reads_team_insights)));

-- view private.usage_recount

create view private.usage_recount with (security_invoker=true) as
 SELECT m.chat_id,
    (m.created_at AT TIME ZONE 'utc'::text)::date AS day,
    COALESCE(m.agent_name, ''::text) AS agent_name,
    COALESCE(m.agent_model, ''::text) AS agent_model,
    m.user_id,
    c.project_id,
    count(*) AS messages,
    count(*) FILTER (WHERE m.cost IS NULL) AS unpriced_messages,
    sum(GREATEST(m.input_tokens - m.input_cache_read_tokens - m.input_cache_write_tokens, 0)) AS input_uncached_tokens,
    sum(m.input_cache_read_tokens) AS cache_read_tokens,
    sum(m.input_cache_write_tokens) AS cache_write_tokens,
    sum(m.output_tokens) AS output_tokens,
    COALESCE(sum(m.cost), 0::numeric)::numeric(18,8) AS cost
   FROM public.messages m
     JOIN public.chats c ON c.id = m.chat_id
  WHERE m.role = 'assistant'::public.message_role AND m.status <> 'streaming'::public.message_status AND m.counts_as_usage
  GROUP BY m.chat_id, ((m.created_at AT TIME ZONE 'utc'::text)::date), (COALESCE(m.agent_name, ''::text)), (COALESCE(m.agent_model, ''::text)), m.user_id, c.project_id;
grant select on table private.usage_recount to service_role;
comment on view private.usage_recount is 'usage_daily recounted from messages; the rollup must equal it.';

-- view public.usage_by_agent

create view public.usage_by_agent with (security_invoker=true) as
 SELECT agent_name,
    count(*) AS message_count,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    sum(input_tokens + output_tokens) AS total_tokens,
    avg(output_tokens)::numeric(12,2) AS avg_output_tokens,
    COALESCE(sum(cost), 0::numeric)::numeric(14,6) AS cost,
    count(*) FILTER (WHERE cost IS NULL) AS unpriced_messages
   FROM public.messages m
  WHERE role = 'assistant'::public.message_role AND status <> 'streaming'::public.message_status AND counts_as_usage
  GROUP BY agent_name;
grant select on table public.usage_by_agent to authenticated;
grant select on table public.usage_by_agent to service_role;

-- view public.usage_by_chat

create view public.usage_by_chat with (security_invoker=true) as
 SELECT chat_id,
    count(*) AS message_count,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    COALESCE(sum(cost), 0::numeric)::numeric(14,6) AS cost,
    count(*) FILTER (WHERE cost IS NULL) AS unpriced_messages
   FROM public.messages m
  WHERE role = 'assistant'::public.message_role AND status <> 'streaming'::public.message_status AND counts_as_usage
  GROUP BY chat_id;
grant select on table public.usage_by_chat to authenticated;
grant select on table public.usage_by_chat to service_role;

-- view public.usage_by_model

create view public.usage_by_model with (security_invoker=true) as
 SELECT agent_model,
    count(*) AS message_count,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    COALESCE(sum(cost), 0::numeric)::numeric(14,6) AS cost,
    bool_or(cost IS NULL) AS unpriced,
    count(*) FILTER (WHERE cost IS NULL) AS unpriced_messages
   FROM public.messages m
  WHERE role = 'assistant'::public.message_role AND status <> 'streaming'::public.message_status AND counts_as_usage
  GROUP BY agent_model;
grant select on table public.usage_by_model to authenticated;
grant select on table public.usage_by_model to service_role;

-- function private.active_share(text)

CREATE OR REPLACE FUNCTION private.active_share(p_token text)
 RETURNS public.shared_chats
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select s.* from public.shared_chats s
    join public.chats c on c.id = s.chat_id and c.deleted_at is null
   where s.share_token = p_token and s.revoked_at is null and (s.expires_at is null or s.expires_at > now())
$function$;

-- function private.active_tail_of(uuid)

CREATE OR REPLACE FUNCTION private.active_tail_of(p_leaf uuid, OUT tail int8multirange, OUT tail_parent_id uuid)
 RETURNS record
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
  with recursive path as (
    select m.id, m.parent_id, m.sequence_number, 1 as depth from public.messages m where m.id = p_leaf
    union all
    select m.id, m.parent_id, m.sequence_number, path.depth + 1
      from public.messages m join path on m.id = path.parent_id
     where path.depth < 100
  ), runs as (
    select min(p.sequence_number) as lo, max(p.sequence_number) as hi
      from path p group by p.sequence_number + p.depth order by 2 desc limit 8
  )
  select range_agg(int8range(r.lo, r.hi, '[]')),
         (select p.parent_id from path p where p.sequence_number = (select min(r2.lo) from runs r2))
    into tail, tail_parent_id
    from runs r;
end;
$function$;
revoke execute on function private.active_tail_of(uuid) from public;
grant execute on function private.active_tail_of(uuid) to authenticated;
grant execute on function private.active_tail_of(uuid) to service_role;

-- function private.add_version(uuid,integer,text,jsonb,text,uuid,text)

CREATE OR REPLACE FUNCTION private.add_version(p_artifact_id uuid, p_expected_version integer, p_content text, p_content_json jsonb, p_change_summary text, p_message_id uuid, p_author text)
 RETURNS public.artifact_versions
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  bumped public.artifacts;
  previous_id uuid;
  created public.artifact_versions;
begin
  if p_content is null and p_content_json is null then
    raise exception 'an artifact version needs content or content_json' using errcode = '22023';
  end if;
  -- Under concurrent writers on the same expected version, the first update wins; the others wait on its row
  -- lock, re-read current_version, match nothing and get the conflict.
  update public.artifacts
     set current_version = total_versions + 1, total_versions = total_versions + 1
   where id = p_artifact_id and current_version = p_expected_version
  returning * into bumped;
  if not found then
    if not exists (select 1 from public.artifacts where id = p_artifact_id) then
      raise exception 'artifact % not found', p_artifact_id using errcode = 'PT404';
    end if;
    raise exception 'this artifact has moved past version %: someone saved a newer version first', p_expected_version
      using errcode = 'PT409', hint = 'Another writer created a newer version first.';
  end if;
  select id into previous_id from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_expected_version;
  insert into public.artifact_versions (artifact_id, version_number, content, content_json, change_summary,
                                        parent_version_id, created_by_message_id, author)
  values (p_artifact_id, bumped.total_versions, p_content, p_content_json, p_change_summary, previous_id, p_message_id, p_author)
  returning * into created;
  if p_message_id is not null then
    perform private.link_message_artifact(p_message_id, p_artifact_id);
  end if;
  return created;
end;
$function$;
revoke execute on function private.add_version(uuid,integer,text,jsonb,text,uuid,text) from public;
grant execute on function private.add_version(uuid,integer,text,jsonb,text,uuid,text) to authenticated;
grant execute on function private.add_version(uuid,integer,text,jsonb,text,uuid,text) to service_role;

-- function private.agent_job_artifact(private.agent_jobs,jsonb)

CREATE OR REPLACE FUNCTION private.agent_job_artifact(p_job private.agent_jobs, p_body jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  chat public.chats;
  target_artifact_id uuid := (p_body ->> 'artifact_id')::uuid;
  expected integer := coalesce((p_body ->> 'expected_version')::integer, 0);
  kind public.artifact_type := (p_body ->> 'type')::public.artifact_type;
  version public.artifact_versions;
begin
  if p_job.reply_message_id is null then
    raise exception 'start the reply first: a version belongs to the reply that wrote it' using errcode = 'PT409';
  end if;
  select * into chat from public.chats c where c.id = p_job.chat_id for update;
  if target_artifact_id is null then
    if expected <> 0 then
      raise exception 'a new artifact starts at expected_version 0 (got %)', expected using errcode = '22023';
    end if;
    if exists (select 1 from public.artifacts a where a.chat_id = chat.id and a.type = kind and a.is_visible) then
      raise exception 'this chat already has a % artifact: send its artifact_id and current version', kind
        using errcode = 'PT409';
    end if;
    if chat.project_id is null then
      insert into public.projects (user_id, name, goal)
      values (chat.user_id, left(chat.title, 200),
              left((select m.content from public.messages m where m.id = p_job.message_id), 5000))
      returning id into chat.project_id;
      update public.chats c set project_id = chat.project_id where c.id = chat.id;
    end if;
    target_artifact_id := public.create_artifact_with_version(chat.id, chat.project_id, kind, p_body ->> 'title',
      p_body ->> 'content', p_body -> 'content_json', p_job.reply_message_id, null,
      coalesce(p_body ->> 'change_summary', 'Initial version'));
    select * into version from public.artifact_versions v where v.artifact_id = target_artifact_id
       and v.version_number = 1;
  else
    if not exists (select 1 from public.artifacts a where a.id = target_artifact_id and a.chat_id = chat.id and a.is_visible) then
      raise exception 'this chat has no artifact %', target_artifact_id using errcode = 'PT404';
    end if;
    version := public.add_artifact_version(target_artifact_id, expected, p_body ->> 'content', p_body -> 'content_json',
      p_body ->> 'change_summary', p_job.reply_message_id);
  end if;
  return jsonb_build_object('artifact_id', target_artifact_id, 'version_id', version.id, 'version', version.version_number);
end;
$function$;

-- function private.agent_job_for_token(text,uuid)

CREATE OR REPLACE FUNCTION private.agent_job_for_token(p_token text, p_job_id uuid)
 RETURNS private.agent_jobs
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  job private.agent_jobs;
begin
  select * into job from private.agent_jobs j where j.token_hash = private.agent_secret_hash(p_token) for update;
  if not found then
    raise exception 'the job token is not valid' using errcode = 'PT401';
  end if;
  if exists (select 1 from private.agent_services s where s.id = job.service_id and s.revoked_at is not null) then
    raise exception 'the agent service was revoked' using errcode = 'PT401';
  end if;
  if job.id is distinct from p_job_id then
    raise exception 'this job token belongs to another job' using errcode = '42501';
  end if;
  return job;
end;
$function$;

-- function private.agent_job_json(private.agent_jobs)

CREATE OR REPLACE FUNCTION private.agent_job_json(p_job private.agent_jobs)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select jsonb_build_object('id', p_job.id, 'chat_id', p_job.chat_id, 'message_id', p_job.message_id,
    'intent', p_job.intent, 'agent', p_job.agent_name, 'status', p_job.status, 'reply_message_id', p_job.reply_message_id,
    'expires_at', p_job.expires_at,
    'silent_deadline', p_job.last_seen_at + private.reply_stale_after())
$function$;

-- function private.agent_job_lifetime()

CREATE OR REPLACE FUNCTION private.agent_job_lifetime()
 RETURNS interval
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select interval '10 minutes'
$function$;

-- function private.agent_job_refusal(private.agent_jobs)

CREATE OR REPLACE FUNCTION private.agent_job_refusal(p_job private.agent_jobs)
 RETURNS text
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  reply_status public.message_status;
begin
  if p_job.status <> 'open' then
    return 'this job has ended (' || p_job.status::text || ')';
  end if;
  if p_job.reply_message_id is not null then
    select m.status into reply_status from public.messages m where m.id = p_job.reply_message_id;
    if reply_status is distinct from 'streaming' then
      update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
      return 'the reply was stopped, so this job has ended';
    end if;
  end if;
  if now() > p_job.expires_at or p_job.last_seen_at < now() - private.reply_stale_after() then
    update public.messages m set status = 'interrupted' where m.id = p_job.reply_message_id and m.status = 'streaming';
    update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
    return 'this job ran past its deadline and was settled as interrupted';
  end if;
  return null;
end;
$function$;

-- function private.agent_job_reply(private.agent_jobs,private.agent_services,text,jsonb)

CREATE OR REPLACE FUNCTION private.agent_job_reply(p_job private.agent_jobs, p_service private.agent_services, p_op text, p_body jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  reply public.messages;
  delta text;
  turn jsonb;
  finished jsonb;
begin
  if p_op = 'reply.start' then
    if p_job.reply_message_id is not null then
      raise exception 'this job has already started its reply' using errcode = 'PT409';
    end if;
    insert into public.messages (chat_id, role, content, status, parent_id, agent_name, agent_model, agent_icon, intent,
      idempotency_key)
    values (p_job.chat_id, 'assistant', '', 'streaming', p_job.message_id, p_job.agent_name,
            left(case when p_service.built_in then coalesce(p_body ->> 'model', p_service.name) else p_service.name end, 128),
            case when p_service.built_in then left(p_body ->> 'icon', 16) end,
            p_job.intent,
            case when p_service.built_in and p_body ? 'reply_key' then p_body ->> 'reply_key' else 'job:' || p_job.id::text end)
    returning * into reply;
    update private.agent_jobs j set reply_message_id = reply.id where j.id = p_job.id;
    return jsonb_build_object('message_id', reply.id, 'sequence_number', reply.sequence_number, 'status', reply.status);
  end if;
  if p_job.reply_message_id is null then
    raise exception 'start the reply first (POST …/reply)' using errcode = 'PT409';
  end if;
  if p_op = 'reply.delta' then
    delta := p_body ->> 'text';
    if delta is null or delta = '' or char_length(delta) > 16000 then
      raise exception 'a delta is 1 to 16,000 characters of text' using errcode = '22023';
    end if;
    update public.messages m set content = m.content || delta
     where m.id = p_job.reply_message_id and char_length(m.content) + char_length(delta) <= 100000
    returning * into reply;
    if not found then
      raise exception 'a reply can be at most 100,000 characters' using errcode = '22023';
    end if;
    return jsonb_build_object('message_id', reply.id, 'length', char_length(reply.content));
  elsif p_op = 'reply.text' then
    -- The whole text so far (a retry or a heartbeat saves the same text again, which keeps the reply fresh).
    if jsonb_typeof(p_body -> 'content') <> 'string' or char_length(p_body ->> 'content') > 100000 then
      raise exception 'the reply text is a string of at most 100,000 characters' using errcode = '22023';
    end if;
    update public.messages m set content = p_body ->> 'content' where m.id = p_job.reply_message_id
    returning * into reply;
    return jsonb_build_object('message_id', reply.id, 'length', char_length(reply.content));
  elsif p_op = 'reply.finish' then
    select * into reply from public.messages m where m.id = p_job.reply_message_id;
    if p_service.built_in then
      -- The in-process turn's whole document; the chat and the message are the job's, whatever it says.
      turn := p_body || jsonb_build_object('content', coalesce(p_body ->> 'content', reply.content));
    else
      turn := jsonb_build_object(
        'content', coalesce(p_body ->> 'content', reply.content),
        'agent', jsonb_build_object('name', p_job.agent_name, 'model', left(p_service.name, 128)),
        'intent', p_job.intent,
        'usage', coalesce(p_body -> 'usage', '{}'::jsonb),
        'route', jsonb_build_object('intent', p_job.intent, 'agent', p_job.agent_name, 'service', p_service.name,
                                    'reason', 'handed to an external agent service'),
        'writes', '[]'::jsonb, 'stale', '[]'::jsonb);
    end if;
    finished := public.complete_agent_turn(p_job.chat_id, p_job.reply_message_id, turn);
    update private.agent_jobs j
       set status = case when finished ->> 'status' = 'complete' then 'complete' else 'interrupted' end::private.agent_job_status,
           finished_at = now()
     where j.id = p_job.id;
    if p_service.built_in then
      return finished || jsonb_build_object('message_id', p_job.reply_message_id);
    end if;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', finished ->> 'status');
  elsif p_op = 'reply.fail' then
    update public.messages m
       set status = 'error',
           content = left(coalesce(p_body ->> 'content', m.content)
                          || case when coalesce(btrim(p_body ->> 'reason'), '') = '' then ''
                                  else E'\n\n> ' || left(btrim(p_body ->> 'reason'), 500) end, 100000)
     where m.id = p_job.reply_message_id;
    update private.agent_jobs j set status = 'failed', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', 'error');
  elsif p_op = 'reply.interrupt' then
    update public.messages m
       set status = 'interrupted', content = left(coalesce(p_body ->> 'content', m.content), 100000)
     where m.id = p_job.reply_message_id;
    update private.agent_jobs j set status = 'interrupted', finished_at = now() where j.id = p_job.id;
    return jsonb_build_object('message_id', p_job.reply_message_id, 'status', 'interrupted');
  end if;
  raise exception 'unknown write %', p_op using errcode = '22023';
end;
$function$;

-- function private.agent_job_rows(private.agent_jobs,text,jsonb)

CREATE OR REPLACE FUNCTION private.agent_job_rows(p_job private.agent_jobs, p_op text, p_body jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  version public.artifact_versions;
  target_artifact public.artifacts;
  bom_version_id uuid;
  missing_ref text;
  new_rows jsonb := coalesce(p_body -> 'rows', '[]'::jsonb);
  added integer;
begin
  select v.* into version from public.artifact_versions v
   where v.id = (p_body ->> 'version_id')::uuid and v.created_by_message_id = p_job.reply_message_id;
  if not found then
    raise exception 'this job wrote no version %', p_body ->> 'version_id' using errcode = 'PT404';
  end if;
  select a.* into target_artifact from public.artifacts a where a.id = version.artifact_id and a.chat_id = p_job.chat_id;
  if not found then
    raise exception 'this job wrote no version %', version.id using errcode = 'PT404';
  end if;
  if jsonb_typeof(new_rows) <> 'array' or jsonb_array_length(new_rows) > 500 then
    raise exception 'rows is an array of at most 500 rows' using errcode = '22023';
  end if;
  if p_op = 'version.parts' then
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select target_artifact.project_id, target_artifact.id, version.id, r.name, r.part_number, r.manufacturer, coalesce(r.quantity, 1),
           r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url, coalesce(r.specs, '{}'::jsonb),
           coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, new_rows) r;
  elsif p_op = 'version.connections' then
    select v.id into bom_version_id from public.artifact_versions v join public.artifacts a on a.id = v.artifact_id
     where v.id = (p_body ->> 'bom_version_id')::uuid and a.chat_id = p_job.chat_id and a.type = 'bom';
    if bom_version_id is null then
      raise exception 'bom_version_id must name a BOM version of this chat' using errcode = '22023';
    end if;
    select r.ref into missing_ref
      from jsonb_to_recordset(new_rows) as c(from_ref text, to_ref text), lateral (values (c.from_ref), (c.to_ref)) r(ref)
     where r.ref is not null
       and not exists (select 1 from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = r.ref)
     limit 1;
    if missing_ref is not null then
      raise exception 'the BOM version lists no part %', missing_ref using errcode = '22023';
    end if;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
      from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select target_artifact.project_id, target_artifact.id, version.id, c.sequence_number,
           (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.from_ref limit 1),
           c.from_pin, c.from_pin_type,
           (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.to_ref limit 1),
           c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, coalesce(c.warnings, '{}')
      from jsonb_to_recordset(new_rows) as c(sequence_number integer, from_ref text, from_pin text, from_pin_type text,
           to_ref text, to_pin text, to_pin_type text, voltage text, signal_type text, wire_color text, warnings text[]);
  elsif p_op = 'version.code_files' then
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select target_artifact.project_id, target_artifact.id, version.id, r.filename, r.language, r.platform, coalesce(r.content, ''),
           r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, new_rows) r;
  else
    raise exception 'unknown write %', p_op using errcode = '22023';
  end if;
  get diagnostics added = row_count;
  return jsonb_build_object('version_id', version.id, 'added', added);
end;
$function$;

-- function private.agent_secret_hash(text)

CREATE OR REPLACE FUNCTION private.agent_secret_hash(p_secret text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select encode(sha256(convert_to(coalesce(p_secret, ''), 'UTF8')), 'hex')
$function$;

-- function private.archived_chat_jsonl(uuid)

CREATE OR REPLACE FUNCTION private.archived_chat_jsonl(p_chat_id uuid)
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO ''
 SET "TimeZone" TO 'UTC'
AS $function$
  select coalesce(string_agg(
           (select jsonb_object_agg(e.key, e.value) from jsonb_each(to_jsonb(m)) e
             where e.key = any (private.message_stored_columns()))::text,
           e'\n' order by m.sequence_number, m.id), '')
    from public.messages m where m.chat_id = p_chat_id
$function$;

-- function private.artifact_panel(uuid,uuid,integer,integer,integer,jsonb)

CREATE OR REPLACE FUNCTION private.artifact_panel(p_chat_id uuid, p_artifact_id uuid, p_version integer, p_before integer, p_limit integer, p_snapshot jsonb)
 RETURNS json
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  head public.artifacts;
  newest integer;
  shown integer;
  version_row json;
  timeline json;
  heads json;
  cutoffs jsonb := p_snapshot -> 'versions';
begin
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'limit must be between 1 and 100 (got %)', p_limit using errcode = '22023';
  end if;
  select coalesce(json_agg(json_build_object(
           'id', a.id, 'type', a.type, 'title', a.title,
           'current_version', least(a.current_version, coalesce((cutoffs ->> a.id::text)::integer, a.current_version)),
           'stale', case when p_snapshot is null then a.metadata -> 'stale' else p_snapshot #> array['stale', a.id::text] end)
         order by a.type, a.created_at), '[]'::json)
    into heads
    from public.artifacts a
   where a.chat_id = p_chat_id and a.is_visible and a.current_version > 0
     and (cutoffs is null or cutoffs ? a.id::text);
  if p_artifact_id is null then
    return json_build_object('artifacts', heads);
  end if;

  select * into head from public.artifacts a
   where a.id = p_artifact_id and a.chat_id = p_chat_id and (cutoffs is null or cutoffs ? a.id::text);
  if not found then
    raise exception 'this artifact does not exist or you do not have access to it' using errcode = 'PT404';
  end if;
  newest := least(head.current_version, coalesce((cutoffs ->> head.id::text)::integer, head.current_version));
  shown := coalesce(p_version, newest);
  if shown > newest then
    raise exception '% has no version % here: its versions are 1 to %', head.title, shown, newest using errcode = 'PT404';
  end if;

  select json_build_object('id', v.id, 'version_number', v.version_number, 'content', v.content,
           'content_json', v.content_json, 'change_summary', v.change_summary, 'author', v.author,
           'created_at', v.created_at, 'created_by_message_id', v.created_by_message_id,
           'agent_name', m.agent_name, 'agent_model', m.agent_model, 'message_sequence', m.sequence_number)
    into version_row
    from public.artifact_versions v left join public.messages m on m.id = v.created_by_message_id
   where v.artifact_id = head.id and v.version_number = shown;
  if version_row is null then
    raise exception '% has no version %: its versions are 1 to %', head.title, shown, newest using errcode = 'PT404';
  end if;

  select coalesce(json_agg(json_build_object(
           'version_number', t.version_number, 'change_summary', t.change_summary, 'author', t.author,
           'created_at', t.created_at, 'created_by_message_id', t.created_by_message_id,
           'agent_name', t.agent_name, 'agent_model', t.agent_model, 'message_sequence', t.sequence_number)
         order by t.version_number desc), '[]'::json)
    into timeline
    from (select v.version_number, v.change_summary, v.author, v.created_at, v.created_by_message_id,
                 m.agent_name, m.agent_model, m.sequence_number
            from public.artifact_versions v left join public.messages m on m.id = v.created_by_message_id
           where v.artifact_id = head.id and v.version_number <= newest
             and (p_before is null or v.version_number < p_before)
           order by v.version_number desc
           limit p_limit) t;

  return json_build_object(
    'artifacts', heads,
    'artifact', json_build_object('id', head.id, 'type', head.type, 'title', head.title, 'chat_id', head.chat_id,
                                   'current_version', newest, 'is_visible', head.is_visible,
                                   'stale', case when p_snapshot is null then head.metadata -> 'stale'
                                                 else p_snapshot #> array['stale', head.id::text] end),
    'version', version_row,
    'timeline', timeline);
end;
$function$;
revoke execute on function private.artifact_panel(uuid,uuid,integer,integer,integer,jsonb) from public;
grant execute on function private.artifact_panel(uuid,uuid,integer,integer,integer,jsonb) to authenticated;
grant execute on function private.artifact_panel(uuid,uuid,integer,integer,integer,jsonb) to service_role;

-- function private.before_message_insert()

CREATE OR REPLACE FUNCTION private.before_message_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  previous record;
  siblings integer;
  parent_number bigint;
  single int8multirange;
  tail int8multirange;
  tail_parent uuid;
begin
  -- fork_chat's copy of a snapshot (it alone sets ohm.copying_into_chat, to the chat it has just created): numbers and
  -- parents come from the original, and the chat's counters are set once when the copy is done. Counting row by
  -- row would update the chat row once per message inside one transaction, which grows quadratically.
  if new.sequence_number > 0 and current_setting('ohm.copying_into_chat', true) = new.chat_id::text then
    -- Copies keep the time they were first written (so they never count as the forker's own recent messages).
    select c.user_id into new.user_id from public.chats c where c.id = new.chat_id;
    new.updated_at := now();
    return new;
  end if;
  -- The chat row locked first, with the previous leaf and tail; it gets one new version below.
  select c.user_id, c.last_sequence_number + 1 as sequence_number, c.active_leaf_id, c.active_tail, c.active_tail_parent_id
    into previous from public.chats c where c.id = new.chat_id for update;
  if not found then
    raise exception 'chat % does not exist', new.chat_id using errcode = '23503';
  end if;
  if auth.uid() is not null and previous.user_id <> auth.uid() then
    raise exception 'you can only write to your own chats' using errcode = '42501';
  end if;
  new.user_id := previous.user_id;
  new.sequence_number := previous.sequence_number;
  if new.parent_id is null then
    if coalesce(current_setting('ohm.insert_as_root', true), '') <> 'on' then
      new.parent_id := previous.active_leaf_id;
      -- The leaf ends the tail.
      parent_number := upper(previous.active_tail) - 1;
    end if;
  else
    select m.sequence_number into parent_number from public.messages m where m.id = new.parent_id and m.chat_id = new.chat_id;
    if not found then
      raise exception 'the parent message belongs to another chat' using errcode = '23503';
    end if;
  end if;
  -- A reply to a message of the tail is on a branch that shares the tail up to its parent; any other starts a tail.
  single := int8multirange(int8range(new.sequence_number, new.sequence_number, '[]'));
  if new.parent_id is not null and parent_number <@ previous.active_tail then
    tail := (previous.active_tail * int8multirange(int8range(null, parent_number, '[]'))) + single;
    tail_parent := previous.active_tail_parent_id;
    -- Only a message that starts a range (after a gap) can make one too many: keep the newest 8.
    if not (new.sequence_number - 1) <@ tail and (select count(*) from unnest(tail)) > 8 then
      select range_agg(r) into tail from (select r from unnest(tail) r order by r desc limit 8) kept;
      select m.parent_id into tail_parent from public.messages m
       where m.chat_id = new.chat_id and m.sequence_number = lower(tail);
      if not found then
        tail := null;
        tail_parent := null;
      end if;
    end if;
  else
    tail := single;
    tail_parent := new.parent_id;
  end if;
  update public.chats c
     set last_sequence_number = new.sequence_number,
         message_count = c.message_count + 1,
         last_message_at = now(),
         active_leaf_id = new.id,
         active_tail = tail,
         active_tail_parent_id = tail_parent,
         title = case
           when c.message_count = 0 and c.title = 'New chat' and new.role = 'user' and btrim(new.content) <> ''
             then left(regexp_replace(btrim(new.content), '\s+', ' ', 'g'), 80)
           else c.title end
   where c.id = new.chat_id;
  -- The new message's place among its siblings (its parent's replies, or the chat's first messages), kept on the row
  -- so a page reads ‹ 2/3 › without counting; a second sibling (an edit, a regeneration) updates the others' count.
  if new.parent_id is null then
    select count(*)::integer into siblings from public.messages m where m.chat_id = new.chat_id and m.parent_id is null;
  else
    select count(*)::integer into siblings from public.messages m where m.parent_id = new.parent_id;
  end if;
  new.sibling_index := siblings + 1;
  new.sibling_count := siblings + 1;
  if siblings > 0 then
    if new.parent_id is null then
      update public.messages m set sibling_count = siblings + 1 where m.chat_id = new.chat_id and m.parent_id is null;
    else
      update public.messages m set sibling_count = siblings + 1 where m.parent_id = new.parent_id;
    end if;
  end if;
  if new.parent_id is distinct from previous.active_leaf_id then
    perform realtime.send(jsonb_build_object('chat_id', new.chat_id, 'active_leaf_id', new.id),
                          'active_leaf_changed', 'chat:' || new.chat_id::text || ':messages', true);
  end if;
  new.created_at := now();
  new.updated_at := now();
  return new;
end;
$function$;

-- function private.before_message_update()

CREATE OR REPLACE FUNCTION private.before_message_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if new.chat_id <> old.chat_id or new.sequence_number <> old.sequence_number or new.user_id <> old.user_id
     or new.parent_id is distinct from old.parent_id or new.role <> old.role
     or new.idempotency_key is distinct from old.idempotency_key then
    raise exception 'a message''s chat, number, owner, parent, role and key never change' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end;
$function$;

-- function private.branch_from(uuid,integer)

CREATE OR REPLACE FUNCTION private.branch_from(p_start uuid, p_depth integer)
 RETURNS SETOF public.chat_message
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  with recursive path as (
    select m.*, 1 as depth from public.messages m where m.id = p_start
    union all
    select m.*, path.depth + 1 from public.messages m join path on m.id = path.parent_id where path.depth < p_depth
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         p.sibling_count, p.sibling_index
    from path p
   order by p.sequence_number desc
$function$;
revoke execute on function private.branch_from(uuid,integer) from public;
grant execute on function private.branch_from(uuid,integer) to authenticated;
grant execute on function private.branch_from(uuid,integer) to service_role;

-- function private.branch_numbers(uuid)

CREATE OR REPLACE FUNCTION private.branch_numbers(p_leaf uuid)
 RETURNS int8multirange
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  with recursive path as (
    select m.parent_id, m.sequence_number from public.messages m where m.id = p_leaf
    union all
    select m.parent_id, m.sequence_number from public.messages m join path on m.id = path.parent_id
  )
  select range_agg(int8range(p.sequence_number, p.sequence_number, '[]')) from path p
$function$;
revoke execute on function private.branch_numbers(uuid) from public;
grant execute on function private.branch_numbers(uuid) to service_role;

-- function private.broadcast_active_leaf_change()

CREATE OR REPLACE FUNCTION private.broadcast_active_leaf_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if pg_trigger_depth() > 1 then
    return null;
  end if;
  if new.active_leaf_id is not null and not exists (
    select 1 from public.messages m where m.id = new.active_leaf_id and m.parent_id is not distinct from old.active_leaf_id
  ) then
    perform realtime.send(
      jsonb_build_object('chat_id', new.id, 'active_leaf_id', new.active_leaf_id),
      'active_leaf_changed', 'chat:' || new.id::text || ':messages', true);
  end if;
  return null;
end;
$function$;

-- function private.broadcast_artifact_change()

CREATE OR REPLACE FUNCTION private.broadcast_artifact_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'UPDATE' and new.current_version = old.current_version and new.metadata = old.metadata
     and new.is_visible = old.is_visible and new.title = old.title then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'chat_id', new.chat_id, 'type', new.type, 'title', new.title,
                       'current_version', new.current_version, 'is_visible', new.is_visible,
                       'stale', new.metadata -> 'stale'),
    'artifact_changed', 'chat:' || new.chat_id::text || ':artifacts', true);
  return null;
end;
$function$;

-- function private.broadcast_chat_list_change()

CREATE OR REPLACE FUNCTION private.broadcast_chat_list_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'UPDATE'
     and new.title is not distinct from old.title and new.archived_at is not distinct from old.archived_at
     and new.deleted_at is not distinct from old.deleted_at and new.deleted_at is null
     and date_bin('15 minutes', new.last_message_at, timestamptz '2000-01-01 00:00+00')
         = date_bin('15 minutes', old.last_message_at, timestamptz '2000-01-01 00:00+00')
     and not exists (
       select 1 from public.chats o
        where o.user_id = new.user_id and o.deleted_at is null
          and (o.last_message_at, o.id) > (old.last_message_at, old.id) and o.id <> new.id) then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'title', new.title, 'last_message_at', new.last_message_at,
                       'archived', new.archived_at is not null, 'deleted', new.deleted_at is not null),
    'chat_changed', 'user:' || new.user_id::text || ':chats', true);
  return null;
end;
$function$;

-- function private.broadcast_message_change()

CREATE OR REPLACE FUNCTION private.broadcast_message_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'INSERT' and current_setting('ohm.copying_into_chat', true) = new.chat_id::text then
    return null;
  end if;
  perform realtime.send(
    jsonb_build_object('old_record', to_jsonb(old) - 'content_search', 'record', to_jsonb(new) - 'content_search',
                       'operation', tg_op, 'table', tg_table_name, 'schema', tg_table_schema),
    tg_op, 'chat:' || new.chat_id::text || ':messages', true);
  return null;
end;
$function$;

-- function private.chat_id_of_artifact_topic(text)

CREATE OR REPLACE FUNCTION private.chat_id_of_artifact_topic(p_topic text)
 RETURNS uuid
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case when p_topic ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:artifacts$'
              then split_part(p_topic, ':', 2)::uuid end
$function$;
revoke execute on function private.chat_id_of_artifact_topic(text) from public;
grant execute on function private.chat_id_of_artifact_topic(text) to authenticated;

-- function private.chat_id_of_topic(text)

CREATE OR REPLACE FUNCTION private.chat_id_of_topic(p_topic text)
 RETURNS uuid
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case when p_topic ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:messages$'
              then split_part(p_topic, ':', 2)::uuid end
$function$;
revoke execute on function private.chat_id_of_topic(text) from public;
grant execute on function private.chat_id_of_topic(text) to authenticated;

-- function private.check_active_leaf()

CREATE OR REPLACE FUNCTION private.check_active_leaf()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.active_leaf_id is distinct from old.active_leaf_id and new.active_leaf_id is not null
     and not exists (select 1 from public.messages m where m.id = new.active_leaf_id and m.chat_id = new.id) then
    raise exception 'the active message must belong to this chat' using errcode = '23503';
  end if;
  return new;
end;
$function$;
grant execute on function private.check_active_leaf() to authenticated;
grant execute on function private.check_active_leaf() to public;
grant execute on function private.check_active_leaf() to service_role;

-- function private.check_artifact_limits(text,jsonb,text,jsonb)

CREATE OR REPLACE FUNCTION private.check_artifact_limits(p_content text, p_content_json jsonb, p_change_summary text, p_rows jsonb)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
begin
  if char_length(p_content) > 200000 then
    raise exception 'this document is % characters long; the limit is 200,000', char_length(p_content) using errcode = 'PT413';
  end if;
  if octet_length(p_content_json::text) > 1000000 then
    raise exception 'this artifact is % KB; the limit is 1,000 KB', octet_length(p_content_json::text) / 1000 using errcode = 'PT413';
  end if;
  if jsonb_array_length(coalesce(p_rows -> 'parts', '[]'::jsonb)) > 1000 then
    raise exception 'a BOM holds at most 1,000 lines' using errcode = 'PT413';
  end if;
  if jsonb_array_length(coalesce(p_rows -> 'codeFiles', '[]'::jsonb)) > 50 then
    raise exception 'a code artifact holds at most 50 files' using errcode = 'PT413';
  end if;
  if p_change_summary is null or btrim(p_change_summary) = '' then
    raise exception 'say what changed (the summary is empty)' using errcode = '22023';
  end if;
  if char_length(p_change_summary) > 300 then
    raise exception 'the summary is % characters; keep it under 300', char_length(p_change_summary) using errcode = '22023';
  end if;
end;
$function$;
revoke execute on function private.check_artifact_limits(text,jsonb,text,jsonb) from public;
grant execute on function private.check_artifact_limits(text,jsonb,text,jsonb) to authenticated;
grant execute on function private.check_artifact_limits(text,jsonb,text,jsonb) to service_role;

-- function private.copy_version_rows(uuid,uuid)

CREATE OR REPLACE FUNCTION private.copy_version_rows(p_from_version uuid, p_to_version uuid)
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
    voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
  select p.project_id, p.artifact_id, p_to_version, p.name, p.part_number, p.manufacturer, p.quantity, p.voltage,
         p.current, p.interface_type, p.price, p.supplier, p.supplier_url, p.specs, p.alternatives, p.compatibility_warnings
    from public.parts p where p.artifact_version_id = p_from_version order by p.created_at, p.id;
  insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
    from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
  select c.project_id, c.artifact_id, p_to_version, c.sequence_number, c.from_part_id, c.from_pin, c.from_pin_type,
         c.to_part_id, c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, c.warnings
    from public.connections c where c.artifact_version_id = p_from_version;
  insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
    unit_number, required_libraries, is_production_ready)
  select f.project_id, f.artifact_id, p_to_version, f.filename, f.language, f.platform, f.content, f.unit_number,
         f.required_libraries, f.is_production_ready
    from public.code_files f where f.artifact_version_id = p_from_version;
$function$;
revoke execute on function private.copy_version_rows(uuid,uuid) from public;
grant execute on function private.copy_version_rows(uuid,uuid) to authenticated;
grant execute on function private.copy_version_rows(uuid,uuid) to service_role;

-- function private.create_share(uuid,timestamp with time zone)

CREATE OR REPLACE FUNCTION private.create_share(p_chat_id uuid, p_expires_at timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS public.shared_chats
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  chat public.chats;
  created public.shared_chats;
begin
  if auth.uid() is null then
    raise exception 'sign in to share a chat' using errcode = '42501';
  end if;
  select * into chat from public.chats c where c.id = p_chat_id and c.user_id = auth.uid() and c.deleted_at is null;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  if p_expires_at is not null and p_expires_at <= now() then
    raise exception 'the expiry must be in the future' using errcode = '22023';
  end if;
  insert into public.shared_chats (chat_id, user_id, share_token, snapshot_sequence, snapshot_leaf_id, expires_at)
  values (p_chat_id, chat.user_id,
          -- 192 bits from a CSPRNG, URL-safe.
          translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_'),
          coalesce((select m.sequence_number from public.messages m where m.id = chat.active_leaf_id), 0),
          chat.active_leaf_id, p_expires_at)
  returning * into created;
  perform private.sync_chat_share_flags(p_chat_id);
  return created;
end;
$function$;
revoke execute on function private.create_share(uuid,timestamp with time zone) from public;
grant execute on function private.create_share(uuid,timestamp with time zone) to authenticated;

-- function private.drop_archived_messages(uuid,text)

CREATE OR REPLACE FUNCTION private.drop_archived_messages(p_chat_id uuid, p_digest text)
 RETURNS boolean
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  removed integer;
begin
  -- The chat row first, as append_message does: nothing is written to the chat until this commits.
  perform 1 from public.chats c where c.id = p_chat_id for update;
  perform 1 from public.chat_archives a
   where a.chat_id = p_chat_id and a.stored_at is null and a.restored_at is null for update;
  if not found then
    raise exception 'chat % is not sealed for the archive', p_chat_id using errcode = '55000';
  end if;
  if encode(extensions.digest(private.archived_chat_jsonl(p_chat_id), 'sha256'), 'hex') is distinct from p_digest then
    -- Written to since it was sealed (or the object is not these rows): it stays hot.
    delete from public.chat_archives where chat_id = p_chat_id;
    return false;
  end if;
  perform set_config('session_replication_role', 'replica', true);
  delete from public.messages where chat_id = p_chat_id;
  get diagnostics removed = row_count;
  perform set_config('session_replication_role', 'origin', true);
  update public.chat_archives set stored_at = now(), digest = p_digest, message_count = removed
   where chat_id = p_chat_id;
  return true;
end;
$function$;

-- function private.escape_html(text)

CREATE OR REPLACE FUNCTION private.escape_html(p_text text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select replace(replace(replace(replace(replace(p_text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$function$;
revoke execute on function private.escape_html(text) from public;
grant execute on function private.escape_html(text) to authenticated;
grant execute on function private.escape_html(text) to service_role;

-- function private.fork_chat(text)

CREATE OR REPLACE FUNCTION private.fork_chat(p_token text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  share public.shared_chats;
  source public.chats;
  me uuid := auth.uid();
  new_chat uuid;
  new_project uuid;
  id_map jsonb := '{}'::jsonb;
  inserted uuid;
  last_copied uuid;
  copied_check integer;
  art record;
  new_artifact uuid;
  ver record;
  new_version uuid;
  version_map jsonb := '{}'::jsonb;
  part_map jsonb := '{}'::jsonb;
  row_ record;
  copied integer := 0;
begin
  if me is null then
    raise exception 'sign in (a guest session is enough) to continue a shared chat' using errcode = '42501';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  select * into source from public.chats where id = share.chat_id;

  if source.project_id is not null then
    insert into public.projects (user_id, name, description, category, goal, location, target_budget, currency, current_step, workflow_steps, status, metadata)
    select me, p.name, p.description, p.category, p.goal, p.location, p.target_budget, p.currency, p.current_step, p.workflow_steps, p.status, p.metadata
      from public.projects p where p.id = source.project_id
    returning id into new_project;
  end if;

  insert into public.chats (user_id, project_id, title, description, current_phase, forked_from_chat_id, metadata)
  values (me, new_project, source.title, source.description, source.current_phase, source.id, '{}'::jsonb)
  returning id into new_chat;

  -- The shared branch in one statement, numbered 1..n as a chain; the id map serves the artifacts below.
  perform set_config('ohm.copying_into_chat', new_chat::text, true);
  with branch as (
    select m.*, row_number() over (order by m.sequence_number) as n, gen_random_uuid() as new_id
      from private.branch_from(share.snapshot_leaf_id, 2147483647) m
  ), copied_rows as (
    insert into public.messages (id, chat_id, role, content, parent_id, sequence_number, agent_name, agent_model,
                                 agent_icon, intent, input_tokens, output_tokens, created_at, status)
    select b.new_id, new_chat, b.role, b.content, lag(b.new_id) over (order by b.n), b.n, b.agent_name, b.agent_model,
           b.agent_icon, b.intent, b.input_tokens, b.output_tokens, b.created_at,
           case when b.status = 'streaming' then 'interrupted'::public.message_status else b.status end
      from branch b
     order by b.n
    returning id
  )
  select coalesce(jsonb_object_agg(b.id::text, b.new_id), '{}'::jsonb), count(*)::integer,
         (select b2.new_id from branch b2 order by b2.n desc limit 1),
         (select count(*) from copied_rows)
    into id_map, copied, last_copied, copied_check
    from branch b;
  perform set_config('ohm.copying_into_chat', '', true);
  if copied <> copied_check then
    raise exception 'the copy of the shared chat is incomplete' using errcode = 'XX000';
  end if;
  update public.chats
     set last_sequence_number = copied, message_count = copied, active_leaf_id = last_copied,
         last_message_at = now()
   where id = new_chat;
  perform private.fork_chat_attachments(source.id, new_chat, id_map);

  -- Exactly the snapshot's artifacts: each up to the version it had when the link was made (numbers without
  -- gaps, so the copies keep theirs), with its author; nothing the owner wrote later.
  for art in
    select a.*, (share.artifact_versions ->> a.id::text)::integer as cutoff
      from public.artifacts a
     where a.chat_id = source.id and share.artifact_versions ? a.id::text
     order by a.created_at
  loop
    insert into public.artifacts (chat_id, project_id, type, title, description, is_visible, created_by_message_id, metadata,
                                  current_version, total_versions)
    values (new_chat, new_project, art.type, art.title, art.description, art.is_visible,
            (id_map ->> art.created_by_message_id::text)::uuid,
            case when share.artifact_stale ? art.id::text
                 then art.metadata || jsonb_build_object('stale', share.artifact_stale -> art.id::text)
                 else art.metadata - 'stale' end,
            art.cutoff, art.cutoff)
    returning id into new_artifact;
    for ver in
      select v.* from public.artifact_versions v
       where v.artifact_id = art.id and v.version_number <= art.cutoff
       order by v.version_number
    loop
      insert into public.artifact_versions (artifact_id, version_number, content, content_json, file_url, change_summary,
                                            parent_version_id, created_by_message_id, author, created_at)
      values (new_artifact, ver.version_number, ver.content, ver.content_json, ver.file_url, ver.change_summary,
              (version_map ->> ver.parent_version_id::text)::uuid, (id_map ->> ver.created_by_message_id::text)::uuid,
              ver.author, ver.created_at)
      returning id into new_version;
      version_map := version_map || jsonb_build_object(ver.id::text, new_version);
    end loop;
  end loop;

  if new_project is not null then
    for row_ in select * from public.parts p where p.artifact_version_id is not null and version_map ? p.artifact_version_id::text loop
      insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity, voltage, current,
                                interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
      select new_project, v.artifact_id, v.id, row_.name, row_.part_number, row_.manufacturer, row_.quantity, row_.voltage, row_.current,
             row_.interface_type, row_.price, row_.supplier, row_.supplier_url, row_.specs, row_.alternatives, row_.compatibility_warnings
        from public.artifact_versions v where v.id = (version_map ->> row_.artifact_version_id::text)::uuid
      returning id into inserted;
      part_map := part_map || jsonb_build_object(row_.id::text, inserted);
    end loop;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin, from_pin_type,
                                    to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select new_project, v.artifact_id, v.id, c.sequence_number, (part_map ->> c.from_part_id::text)::uuid, c.from_pin, c.from_pin_type,
           (part_map ->> c.to_part_id::text)::uuid, c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, c.warnings
      from public.connections c join public.artifact_versions v on v.id = (version_map ->> c.artifact_version_id::text)::uuid
     where c.artifact_version_id is not null and version_map ? c.artifact_version_id::text;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content, unit_number,
                                   required_libraries, is_production_ready)
    select new_project, v.artifact_id, v.id, f.filename, f.language, f.platform, f.content, f.unit_number, f.required_libraries, f.is_production_ready
      from public.code_files f join public.artifact_versions v on v.id = (version_map ->> f.artifact_version_id::text)::uuid
     where f.artifact_version_id is not null and version_map ? f.artifact_version_id::text;
  end if;

  insert into public.chat_forks (original_chat_id, forked_chat_id, user_id, shared_chat_id, forked_at_sequence)
  values (source.id, new_chat, me, share.id, share.snapshot_sequence);
  return new_chat;
end;
$function$;
revoke execute on function private.fork_chat(text) from public;
grant execute on function private.fork_chat(text) to authenticated;

-- function private.fork_chat_attachments(uuid,uuid,jsonb)

CREATE OR REPLACE FUNCTION private.fork_chat_attachments(p_source_chat uuid, p_new_chat uuid, p_message_map jsonb)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := auth.uid();
  copied integer;
begin
  perform set_config('ohm.copying_into_chat', p_new_chat::text, true);
  with source as (
    select a.*, gen_random_uuid()::text as new_key
      from public.attachments a
     where a.chat_id = p_source_chat and p_message_map ? a.message_id::text
  ), inserted as (
    insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_bucket,
                                    storage_path, thumbnail_path, category, is_processed, processing_status, metadata)
    select p_new_chat, (p_message_map ->> s.message_id::text)::uuid, me, s.filename, s.file_type, s.file_size,
           s.storage_bucket,
           me::text || '/' || p_new_chat::text || '/' || s.new_key || '-' || s.filename,
           case when s.thumbnail_path is null then null else me::text || '/' || p_new_chat::text || '/' || s.new_key || '.thumb.webp' end,
           s.category, s.is_processed, s.processing_status,
           s.metadata || jsonb_build_object('copied_from', s.storage_path, 'thumbnail_copied_from', s.thumbnail_path)
      from source s
    returning 1
  )
  select count(*)::integer into copied from inserted;
  perform set_config('ohm.copying_into_chat', '', true);
  return copied;
end;
$function$;

-- function private.get_shared_artifact_panel(text,uuid,integer,integer,integer)

CREATE OR REPLACE FUNCTION private.get_shared_artifact_panel(p_token text, p_artifact_id uuid DEFAULT NULL::uuid, p_version integer DEFAULT NULL::integer, p_before integer DEFAULT NULL::integer, p_limit integer DEFAULT 30)
 RETURNS json
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  share public.shared_chats;
begin
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  return private.artifact_panel(share.chat_id, p_artifact_id, p_version, p_before, p_limit,
    jsonb_build_object('versions', share.artifact_versions, 'stale', share.artifact_stale));
end;
$function$;
revoke execute on function private.get_shared_artifact_panel(text,uuid,integer,integer,integer) from public;
grant execute on function private.get_shared_artifact_panel(text,uuid,integer,integer,integer) to anon;
grant execute on function private.get_shared_artifact_panel(text,uuid,integer,integer,integer) to authenticated;

-- function private.get_shared_chat(text,bigint,integer)

CREATE OR REPLACE FUNCTION private.get_shared_chat(p_token text, p_before_sequence bigint DEFAULT NULL::bigint, p_limit integer DEFAULT 50)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  share public.shared_chats;
  chat_title text;
  page jsonb := '[]';
  part jsonb;
  read_rows integer := 0;
  run_rows integer;
  below bigint;
  run int8range;
  depth integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  share := private.active_share(p_token);
  if share.id is null or char_length(p_token) > 200 then
    raise exception 'share link not found' using errcode = 'PT404';
  end if;
  select c.title into chat_title from public.chats c where c.id = share.chat_id;
  if share.snapshot_branch is not null then
    -- The snapshot's runs below the page's start, newest first, each one backward range scan.
    below := coalesce(p_before_sequence, upper(share.snapshot_branch));
    for run in select r from unnest(share.snapshot_branch) r where lower(r) < below order by r desc loop
      select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb), count(*)
        into part, run_rows
        from (select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
                     m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status,
                     m.created_at, m.updated_at, m.sibling_count, m.sibling_index
                from public.messages m
               where m.chat_id = share.chat_id and m.sequence_number >= lower(run)
                 and m.sequence_number < least(upper(run), below)
               order by m.sequence_number desc
               limit p_limit - read_rows) b;
      page := page || part;
      read_rows := read_rows + run_rows;
      exit when read_rows >= p_limit;
    end loop;
  else
    -- Ancestors numbered p_before_sequence or above are at most snapshot_sequence - p_before_sequence + 1 steps.
    depth := least(2147483647, p_limit + case when p_before_sequence is null then 0
                                         else greatest(0, share.snapshot_sequence - p_before_sequence + 1) end)::integer;
    select coalesce(jsonb_agg(to_jsonb(b) - 'chat_id' order by b.sequence_number desc), '[]'::jsonb) into page
      from (select * from private.branch_from(share.snapshot_leaf_id, depth) x
             where p_before_sequence is null or x.sequence_number < p_before_sequence
             order by x.sequence_number desc
             limit p_limit) b;
  end if;
  return jsonb_build_object(
    'title', chat_title,
    'shared_at', share.created_at,
    'snapshot_sequence', share.snapshot_sequence,
    'messages', page);
end;
$function$;
revoke execute on function private.get_shared_chat(text,bigint,integer) from public;
grant execute on function private.get_shared_chat(text,bigint,integer) to anon;
grant execute on function private.get_shared_chat(text,bigint,integer) to authenticated;

-- function private.is_insights_admin()

CREATE OR REPLACE FUNCTION private.is_insights_admin()
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (select 1 from private.insights_admins a where a.user_id = (select auth.uid()));
$function$;
revoke execute on function private.is_insights_admin() from public;
grant execute on function private.is_insights_admin() to authenticated;
grant execute on function private.is_insights_admin() to service_role;

-- function private.keep_owner()

CREATE OR REPLACE FUNCTION private.keep_owner()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if new.user_id is distinct from old.user_id then
    raise exception 'the owner of a row cannot be changed' using errcode = '42501';
  end if;
  return new;
end;
$function$;

-- function private.limit_uploads()

CREATE OR REPLACE FUNCTION private.limit_uploads()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('ohm.copying_into_chat', true) is distinct from new.chat_id::text then
    perform private.take_rate_limit('upload');
  end if;
  return new;
end;
$function$;

-- function private.link_message_artifact(uuid,uuid)

CREATE OR REPLACE FUNCTION private.link_message_artifact(p_message_id uuid, p_artifact_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.messages m
     set created_artifact_ids = array_append(m.created_artifact_ids, p_artifact_id)
    from public.artifacts a
   where m.id = p_message_id and a.id = p_artifact_id and a.chat_id = m.chat_id
     and (auth.uid() is null or m.user_id = auth.uid())
     and not (p_artifact_id = any (m.created_artifact_ids));
end;
$function$;
revoke execute on function private.link_message_artifact(uuid,uuid) from public;
grant execute on function private.link_message_artifact(uuid,uuid) to authenticated;
grant execute on function private.link_message_artifact(uuid,uuid) to service_role;

-- function private.log_activity()

CREATE OR REPLACE FUNCTION private.log_activity()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  case tg_table_name
    when 'chats' then
      insert into public.activity_log (user_id, chat_id, project_id, event_type, event_data)
      values (new.user_id, new.id, new.project_id, 'chat_created', jsonb_build_object('forked_from', new.forked_from_chat_id));
    when 'artifacts' then
      insert into public.activity_log (user_id, chat_id, project_id, event_type, event_data)
      values (new.user_id, new.chat_id, new.project_id, 'artifact_created', jsonb_build_object('artifact_id', new.id, 'type', new.type));
    when 'artifact_versions' then
      if new.version_number > 1 then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        select new.user_id, a.chat_id, 'artifact_versioned',
               jsonb_build_object('artifact_id', new.artifact_id, 'version_number', new.version_number, 'change_summary', new.change_summary)
          from public.artifacts a where a.id = new.artifact_id;
      end if;
    when 'shared_chats' then
      if tg_op = 'INSERT' then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        values (new.user_id, new.chat_id, 'shared', jsonb_build_object('share_id', new.id, 'snapshot_sequence', new.snapshot_sequence));
      elsif new.revoked_at is not null and old.revoked_at is null then
        insert into public.activity_log (user_id, chat_id, event_type, event_data)
        values (new.user_id, new.chat_id, 'share_revoked', jsonb_build_object('share_id', new.id));
      end if;
    when 'chat_forks' then
      insert into public.activity_log (user_id, chat_id, event_type, event_data)
      values (new.user_id, new.forked_chat_id, 'forked', jsonb_build_object('original_chat_id', new.original_chat_id, 'forked_at_sequence', new.forked_at_sequence));
    when 'attachments' then
      insert into public.activity_log (user_id, chat_id, event_type, event_data)
      values (new.user_id, new.chat_id, 'attachment_added', jsonb_build_object('attachment_id', new.id, 'file_type', new.file_type, 'file_size', new.file_size));
  end case;
  return null;
end;
$function$;

-- function private.mark_bom_dependants_stale(uuid,integer,text)

CREATE OR REPLACE FUNCTION private.mark_bom_dependants_stale(p_chat_id uuid, p_bom_version integer, p_reason text)
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  update public.artifacts a
     set metadata = a.metadata || jsonb_build_object('stale', jsonb_build_object(
           'reason', p_reason,
           'basedOn', coalesce(a.metadata #> '{stale,basedOn}', jsonb_build_object('type', 'bom', 'version',
             coalesce((select (v.content_json ->> 'bomVersion')::integer from public.artifact_versions v
                        where v.artifact_id = a.id and v.version_number = a.current_version
                          and jsonb_typeof(v.content_json -> 'bomVersion') = 'number'),
                      greatest(p_bom_version - 1, 1)))),
           'current', jsonb_build_object('type', 'bom', 'version', p_bom_version)))
   where a.chat_id = p_chat_id and a.is_visible and a.type in ('wiring', 'circuit_diagram', 'code')
$function$;
revoke execute on function private.mark_bom_dependants_stale(uuid,integer,text) from public;
grant execute on function private.mark_bom_dependants_stale(uuid,integer,text) to authenticated;
grant execute on function private.mark_bom_dependants_stale(uuid,integer,text) to service_role;

-- function private.message_stored_columns()

CREATE OR REPLACE FUNCTION private.message_stored_columns()
 RETURNS text[]
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select array_agg(a.attname::text order by a.attnum) from pg_catalog.pg_attribute a
   where a.attrelid = 'public.messages'::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
$function$;

-- function private.move_chat_design()

CREATE OR REPLACE FUNCTION private.move_chat_design()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.project_id is null then
    if exists (select 1 from public.projects p where p.id = old.project_id)
       and exists (select 1 from public.artifacts a where a.chat_id = new.id) then
      raise exception 'a chat with a design stays in a project: move it into another project instead'
        using errcode = '22023';
    end if;
    update public.artifacts a set project_id = null where a.chat_id = new.id and a.project_id is not null;
    perform private.refresh_project_totals(old.project_id);
    return null;
  end if;
  update public.artifacts a set project_id = new.project_id
   where a.chat_id = new.id and a.project_id is distinct from new.project_id;
  update public.parts r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  update public.connections r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  update public.code_files r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  -- Recounted once the rows have moved (the artifacts' own triggers ran before them).
  perform private.refresh_project_totals(old.project_id);
  perform private.refresh_project_totals(new.project_id);
  return null;
end;
$function$;

-- function private.new_agent_secret(text)

CREATE OR REPLACE FUNCTION private.new_agent_secret(p_prefix text)
 RETURNS text
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  select p_prefix || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
$function$;

-- function private.place_active_tail()

CREATE OR REPLACE FUNCTION private.place_active_tail()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if new.active_tail is distinct from old.active_tail or new.active_tail_parent_id is distinct from old.active_tail_parent_id then
    return new;
  end if;
  new.active_tail := null;
  new.active_tail_parent_id := null;
  if new.active_leaf_id is not null then
    select t.tail, t.tail_parent_id into new.active_tail, new.active_tail_parent_id from private.active_tail_of(new.active_leaf_id) t;
  end if;
  return new;
end;
$function$;
revoke execute on function private.place_active_tail() from public;
grant execute on function private.place_active_tail() to authenticated;
grant execute on function private.place_active_tail() to service_role;

-- function private.price_in_force(text,timestamp with time zone)

CREATE OR REPLACE FUNCTION private.price_in_force(p_model text, p_at timestamp with time zone)
 RETURNS public.model_prices
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select p.*
    from public.model_prices p
   where p.model = p_model and p.effective_from <= (p_at at time zone 'utc')::date
   order by p.effective_from desc
   limit 1;
$function$;
revoke execute on function private.price_in_force(text,timestamp with time zone) from public;
grant execute on function private.price_in_force(text,timestamp with time zone) to authenticated;
grant execute on function private.price_in_force(text,timestamp with time zone) to service_role;
comment on function private.price_in_force(text,timestamp with time zone) is 'The model_prices row in force for a model at a time; null when the model has no price then.';

-- function private.price_message()

CREATE OR REPLACE FUNCTION private.price_message()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'INSERT' then
    new.counts_as_usage := coalesce(current_setting('ohm.copying_into_chat', true), '') <> new.chat_id::text;
    if not new.counts_as_usage then
      -- A fork's copy is nobody's usage: it is not priced (a long fork copies thousands of replies at once).
      new.cost := null;
      return new;
    end if;
  elsif new.input_tokens = old.input_tokens and new.output_tokens = old.output_tokens
        and new.input_cache_read_tokens = old.input_cache_read_tokens
        and new.input_cache_write_tokens = old.input_cache_write_tokens
        and new.agent_model is not distinct from old.agent_model and new.created_at = old.created_at then
    -- Nothing that prices the reply changed: keep the price it was charged.
    new.cost := old.cost;
    return new;
  end if;
  new.cost := private.reply_cost(new);
  return new;
end;
$function$;

-- function private.reads_team_insights()

CREATE OR REPLACE FUNCTION private.reads_team_insights()
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select coalesce(current_setting('request.headers', true)::json ->> 'x-ohm-insights-scope', '') = 'team'
     and private.is_insights_admin();
$function$;
revoke execute on function private.reads_team_insights() from public;
grant execute on function private.reads_team_insights() to authenticated;
grant execute on function private.reads_team_insights() to service_role;

-- function private.refresh_project_totals(uuid)

CREATE OR REPLACE FUNCTION private.refresh_project_totals(p_project_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  current_ids uuid[];
  bom_version_id uuid;
  currencies text[];
begin
  if p_project_id is null then
    return;
  end if;
  select coalesce(array_agg(c.version_id), '{}'), (array_agg(c.version_id) filter (where c.type = 'bom'))[1]
    into current_ids, bom_version_id
    from (select distinct on (a.type) a.type, v.id as version_id
            from public.artifacts a
            join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
           where a.project_id = p_project_id and a.is_visible
           order by a.type, a.updated_at desc, a.id desc) c;
  select coalesce(array_agg(distinct x.currency), '{}') into currencies
    from public.artifact_versions v,
         jsonb_array_elements(case when jsonb_typeof(v.content_json -> 'lines') = 'array' then v.content_json -> 'lines' else '[]'::jsonb end) l,
         lateral (select coalesce(l #>> '{unitPrice,currency}', l #>> '{linePrice,currency}') as currency) x
   where v.id = bom_version_id and x.currency is not null;
  update public.projects p
     set total_parts = (select count(*) from public.parts r where r.artifact_version_id = any (current_ids)),
         total_connections = (select count(*) from public.connections r where r.artifact_version_id = any (current_ids)),
         -- Prices in two currencies are never added up: the page says so instead of showing a wrong sum.
         bom_total = case when cardinality(currencies) <= 1 then
           (select round(sum(r.price * r.quantity), 2) from public.parts r where r.artifact_version_id = bom_version_id) end,
         bom_currency = case cardinality(currencies) when 0 then p.currency when 1 then currencies[1] end
   where p.id = p_project_id;
end;
$function$;

-- function private.refresh_totals_after_artifact_change()

CREATE OR REPLACE FUNCTION private.refresh_totals_after_artifact_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.refresh_project_totals(old.project_id);
  end if;
  if tg_op = 'UPDATE' and new.project_id is distinct from old.project_id then
    perform private.refresh_project_totals(new.project_id);
  end if;
  return null;
end;
$function$;

-- function private.refresh_totals_after_rows()

CREATE OR REPLACE FUNCTION private.refresh_totals_after_rows()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.refresh_project_totals(t.project_id) from (select distinct project_id from changed_rows) t;
  return null;
end;
$function$;

-- function private.refresh_totals_after_version()

CREATE OR REPLACE FUNCTION private.refresh_totals_after_version()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  target uuid;
begin
  select a.project_id into target from public.artifacts a
   where a.id = new.artifact_id and a.current_version = new.version_number;
  perform private.refresh_project_totals(target);
  return null;
end;
$function$;

-- function private.remember_share_artifact_versions()

CREATE OR REPLACE FUNCTION private.remember_share_artifact_versions()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.artifact_versions := coalesce(
    (select jsonb_object_agg(a.id::text, a.current_version) from public.artifacts a
      where a.chat_id = new.chat_id and a.is_visible and a.current_version > 0),
    '{}'::jsonb);
  new.artifact_stale := coalesce(
    (select jsonb_object_agg(a.id::text, a.metadata -> 'stale') from public.artifacts a
      where a.chat_id = new.chat_id and a.is_visible and a.current_version > 0 and a.metadata ? 'stale'),
    '{}'::jsonb);
  return new;
end;
$function$;

-- function private.reply_cost(public.messages)

CREATE OR REPLACE FUNCTION private.reply_cost(m public.messages)
 RETURNS numeric
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  price public.model_prices;
  uncached integer;
begin
  if m.role <> 'assistant' then
    return 0;
  end if;
  price := private.price_in_force(m.agent_model, m.created_at);
  if price.model is null then
    return null;
  end if;
  -- input_tokens is the total; the cache reads and writes are parts of it (20261201104501).
  uncached := greatest(m.input_tokens - m.input_cache_read_tokens - m.input_cache_write_tokens, 0);
  return round((uncached * price.input_per_1k
         + m.input_cache_read_tokens * coalesce(price.cache_read_per_1k, price.input_per_1k)
         + m.input_cache_write_tokens * coalesce(price.cache_write_per_1k, price.input_per_1k)
         + m.output_tokens * price.output_per_1k) / 1000.0, 8);
end;
$function$;
revoke execute on function private.reply_cost(public.messages) from public;
grant execute on function private.reply_cost(public.messages) to authenticated;
grant execute on function private.reply_cost(public.messages) to service_role;
comment on function private.reply_cost(public.messages) is 'What a reply costs at the price in force when it was written; null when unpriced.';

-- function private.reply_stale_after()

CREATE OR REPLACE FUNCTION private.reply_stale_after()
 RETURNS interval
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select interval '30 seconds'
$function$;
revoke execute on function private.reply_stale_after() from public;
grant execute on function private.reply_stale_after() to authenticated;
grant execute on function private.reply_stale_after() to service_role;

-- function private.restore_archived_chat(uuid,text)

CREATE OR REPLACE FUNCTION private.restore_archived_chat(p_chat_id uuid, p_jsonl text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET "TimeZone" TO 'UTC'
AS $function$
declare
  archive public.chat_archives;
  columns text;
  restored integer;
begin
  select * into archive from public.chat_archives a
   where a.chat_id = p_chat_id and a.user_id = (select auth.uid()) and a.stored_at is not null for update;
  if not found then
    raise exception 'chat % has no archived messages', p_chat_id using errcode = 'PT404';
  end if;
  if encode(extensions.digest(coalesce(p_jsonl, ''), 'sha256'), 'hex') <> archive.digest then
    raise exception 'the archive of chat % does not match what was stored', p_chat_id using errcode = '22000';
  end if;
  select string_agg(quote_ident(c), ', ') into columns from unnest(private.message_stored_columns()) c;
  perform set_config('session_replication_role', 'replica', true);
  execute format(
    'insert into public.messages (%1$s) select %1$s from jsonb_populate_recordset(null::public.messages, $1)', columns)
    using (select coalesce(jsonb_agg(line::jsonb), '[]'::jsonb)
             from regexp_split_to_table(p_jsonl, e'\n') line where line <> '');
  get diagnostics restored = row_count;
  perform set_config('session_replication_role', 'origin', true);
  update public.chat_archives set stored_at = null, restored_at = now() where chat_id = p_chat_id;
  return restored;
end;
$function$;
revoke execute on function private.restore_archived_chat(uuid,text) from public;
grant execute on function private.restore_archived_chat(uuid,text) to authenticated;

-- function private.revoke_share(uuid)

CREATE OR REPLACE FUNCTION private.revoke_share(p_share_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  target uuid;
begin
  update public.shared_chats set revoked_at = coalesce(revoked_at, now())
   where id = p_share_id and user_id = auth.uid()
  returning chat_id into target;
  if not found then
    raise exception 'share link % not found', p_share_id using errcode = 'PT404';
  end if;
  perform private.sync_chat_share_flags(target);
end;
$function$;
revoke execute on function private.revoke_share(uuid) from public;
grant execute on function private.revoke_share(uuid) to authenticated;

-- function private.seal_cold_chats(interval,integer,uuid)

CREATE OR REPLACE FUNCTION private.seal_cold_chats(p_idle interval DEFAULT '365 days'::interval, p_limit integer DEFAULT 100, p_user_id uuid DEFAULT NULL::uuid)
 RETURNS SETOF public.chat_archives
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  insert into public.chat_archives as a (chat_id, user_id, object_path)
  select c.id, c.user_id,
         c.user_id || '/' || c.id || '/' || to_char(now() at time zone 'utc', 'YYYYMMDD"T"HH24MISS') || '.jsonl.gz'
    from public.chats c
   where c.deleted_at is null and c.message_count > 0 and c.last_message_at < now() - p_idle
     and (p_user_id is null or c.user_id = p_user_id)
     -- A shared snapshot is read by token holders from the hot table.
     and not exists (select 1 from public.shared_chats s
                      where s.chat_id = c.id and s.revoked_at is null and (s.expires_at is null or s.expires_at > now()))
     and not exists (select 1 from public.chat_archives x where x.chat_id = c.id and x.restored_at is null)
   order by c.last_message_at
   limit p_limit
  on conflict (chat_id) do update
    set object_path = excluded.object_path, sealed_at = now(), stored_at = null, restored_at = null, digest = null,
        message_count = 0
  returning a.*
$function$;

-- function private.search_index_is_small(bigint[],boolean,integer)

CREATE OR REPLACE FUNCTION private.search_index_is_small(p_keys bigint[], p_any_of boolean, p_rows integer)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_seqscan TO 'off'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
declare
  counted integer;
begin
  select count(*) into counted
    from (select 1 from public.messages k
           where not p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.@>) p_keys
          union all
          select 1 from public.messages k
           where p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.&&) p_keys
          limit p_rows) e;
  return counted < p_rows;
end;
$function$;
revoke execute on function private.search_index_is_small(bigint[],boolean,integer) from public;
grant execute on function private.search_index_is_small(bigint[],boolean,integer) to authenticated;
grant execute on function private.search_index_is_small(bigint[],boolean,integer) to service_role;

-- function private.search_keys(uuid,tsvector)

CREATE OR REPLACE FUNCTION private.search_keys(p_user uuid, p_doc tsvector)
 RETURNS bigint[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select array(select pg_catalog.hashtextextended(p_user::text || w, 0) from pg_catalog.unnest(pg_catalog.tsvector_to_array(p_doc)) w)
$function$;
revoke execute on function private.search_keys(uuid,tsvector) from public;
grant execute on function private.search_keys(uuid,tsvector) to authenticated;
grant execute on function private.search_keys(uuid,tsvector) to service_role;

-- function private.search_older(uuid,tsquery,bigint[],boolean,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer)

CREATE OR REPLACE FUNCTION private.search_older(p_user uuid, p_query tsquery, p_keys bigint[], p_any_of boolean, p_high_at timestamp with time zone, p_high_id uuid, p_low_at timestamp with time zone, p_low_id uuid, p_from timestamp with time zone, p_agent text, p_intent public.message_intent, p_limit integer)
 RETURNS TABLE(id uuid, created_at timestamp with time zone, rank real)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
#variable_conflict use_column
begin
  return query
  select m.id, m.created_at, pg_catalog.ts_rank_cd(m.content_search, p_query)
    from (select k.* from public.messages k
           where not p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.@>) p_keys
          union all
          select k.* from public.messages k
           where p_any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.&&) p_keys) m
   where (m.user_id = p_user) is true
     and m.content_search @@ p_query
     and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
     and (m.created_at, m.id) >= (coalesce(p_low_at, '-infinity'), coalesce(p_low_id, '00000000-0000-0000-0000-000000000000'))
     and m.created_at >= coalesce(p_from, '-infinity')
     and (p_agent is null or m.agent_name = p_agent)
     and (p_intent is null or m.intent = p_intent)
   order by m.created_at desc, m.id desc
   limit p_limit;
end;
$function$;
revoke execute on function private.search_older(uuid,tsquery,bigint[],boolean,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer) from public;
grant execute on function private.search_older(uuid,tsquery,bigint[],boolean,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer) to authenticated;
grant execute on function private.search_older(uuid,tsquery,bigint[],boolean,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer) to service_role;

-- function private.search_query_keys(uuid,tsquery)

CREATE OR REPLACE FUNCTION private.search_query_keys(p_user uuid, p_query tsquery, OUT keys bigint[], OUT any_of boolean)
 RETURNS record
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
#variable_conflict use_column
begin
  select case when t.text like '%!%' and t.text like '%|%' then null
              else (select pg_catalog.array_agg(distinct pg_catalog.hashtextextended(p_user::text || replace(w[1], '''''', ''''), 0))
                      from pg_catalog.regexp_matches(
                             pg_catalog.regexp_replace(t.text, '!\s*(''(?:[^'']|'''')*''|\([^)]*\))', '', 'g'),
                             '''((?:[^'']|'''')*)''', 'g') w) end,
         t.text like '%|%'
    into keys, any_of
    from (select p_query::text as text) t;
end;
$function$;
revoke execute on function private.search_query_keys(uuid,tsquery) from public;
grant execute on function private.search_query_keys(uuid,tsquery) to authenticated;
grant execute on function private.search_query_keys(uuid,tsquery) to service_role;

-- function private.search_recent(uuid,tsquery,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer,integer)

CREATE OR REPLACE FUNCTION private.search_recent(p_user uuid, p_query tsquery, p_high_at timestamp with time zone, p_high_id uuid, p_low_at timestamp with time zone, p_low_id uuid, p_from timestamp with time zone, p_agent text, p_intent public.message_intent, p_scan_rows integer, p_limit integer)
 RETURNS TABLE(id uuid, created_at timestamp with time zone, rank real)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_bitmapscan TO 'off'
 SET enable_sort TO 'off'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
#variable_conflict use_column
begin
  return query
  select s.id, s.created_at, pg_catalog.ts_rank_cd(s.content_search, p_query)
    from (select m.id, m.created_at, m.content_search, m.agent_name, m.intent
            from public.messages m
           where m.user_id = p_user
             and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
             and (m.created_at, m.id) >= (coalesce(p_low_at, '-infinity'), coalesce(p_low_id, '00000000-0000-0000-0000-000000000000'))
             and m.created_at >= coalesce(p_from, '-infinity')
           order by m.created_at desc, m.id desc
           limit p_scan_rows) s
   where s.content_search @@ p_query
     and (p_agent is null or s.agent_name = p_agent)
     and (p_intent is null or s.intent = p_intent)
   order by s.created_at desc, s.id desc
   limit p_limit;
end;
$function$;
revoke execute on function private.search_recent(uuid,tsquery,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer,integer) from public;
grant execute on function private.search_recent(uuid,tsquery,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer,integer) to authenticated;
grant execute on function private.search_recent(uuid,tsquery,timestamp with time zone,uuid,timestamp with time zone,uuid,timestamp with time zone,text,public.message_intent,integer,integer) to service_role;

-- function private.search_scan_edge(uuid,timestamp with time zone,uuid,timestamp with time zone,integer)

CREATE OR REPLACE FUNCTION private.search_scan_edge(p_user uuid, p_high_at timestamp with time zone, p_high_id uuid, p_from timestamp with time zone, p_offset integer)
 RETURNS TABLE(created_at timestamp with time zone, id uuid)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_bitmapscan TO 'off'
 SET enable_sort TO 'off'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
#variable_conflict use_column
begin
  return query
  select m.created_at, m.id
    from public.messages m
   where m.user_id = p_user
     and (m.created_at, m.id) < (coalesce(p_high_at, 'infinity'), coalesce(p_high_id, '00000000-0000-0000-0000-000000000000'))
     and m.created_at >= coalesce(p_from, '-infinity')
   order by m.created_at desc, m.id desc
  offset p_offset limit 1;
end;
$function$;
revoke execute on function private.search_scan_edge(uuid,timestamp with time zone,uuid,timestamp with time zone,integer) from public;
grant execute on function private.search_scan_edge(uuid,timestamp with time zone,uuid,timestamp with time zone,integer) to authenticated;
grant execute on function private.search_scan_edge(uuid,timestamp with time zone,uuid,timestamp with time zone,integer) to service_role;

-- function private.search_user_has_few_messages(uuid,integer)

CREATE OR REPLACE FUNCTION private.search_user_has_few_messages(p_user uuid, p_rows integer)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_bitmapscan TO 'off'
 SET enable_sort TO 'off'
AS $function$
declare
  counted bigint := 0;
  chat_messages integer;
begin
  for chat_messages in
    select c.message_count from public.chats c
     where c.user_id = p_user and c.deleted_at is null
     order by c.last_message_at desc, c.id desc
  loop
    counted := counted + chat_messages;
    if counted >= p_rows then
      return false;
    end if;
  end loop;
  return true;
end;
$function$;
revoke execute on function private.search_user_has_few_messages(uuid,integer) from public;
grant execute on function private.search_user_has_few_messages(uuid,integer) to authenticated;
grant execute on function private.search_user_has_few_messages(uuid,integer) to service_role;

-- function private.set_artifact_owner()

CREATE OR REPLACE FUNCTION private.set_artifact_owner()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  owner uuid;
begin
  select c.user_id into owner from public.chats c where c.id = new.chat_id;
  if owner is null then
    raise exception 'chat % does not exist', new.chat_id using errcode = 'PT404';
  end if;
  if auth.uid() is not null and owner <> auth.uid() then
    raise exception 'you can only add artifacts to your own chats' using errcode = '42501';
  end if;
  new.user_id := owner;
  return new;
end;
$function$;

-- function private.set_artifact_version_owner()

CREATE OR REPLACE FUNCTION private.set_artifact_version_owner()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  select a.user_id into new.user_id from public.artifacts a where a.id = new.artifact_id;
  if new.user_id is null then
    raise exception 'artifact % does not exist', new.artifact_id using errcode = 'PT404';
  end if;
  return new;
end;
$function$;

-- function private.set_owner_from_session()

CREATE OR REPLACE FUNCTION private.set_owner_from_session()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if auth.uid() is not null then
    new.user_id := auth.uid();
  elsif new.user_id is null then
    raise exception 'user_id is required when no user is signed in' using errcode = '23502';
  end if;
  return new;
end;
$function$;

-- function private.set_project_row_owner()

CREATE OR REPLACE FUNCTION private.set_project_row_owner()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  owner uuid;
begin
  select p.user_id into owner from public.projects p where p.id = new.project_id;
  if owner is null then
    raise exception 'project % does not exist', new.project_id using errcode = 'PT404';
  end if;
  if auth.uid() is not null and owner <> auth.uid() then
    raise exception 'you can only add rows to your own projects' using errcode = '42501';
  end if;
  new.user_id := owner;
  return new;
end;
$function$;

-- function private.set_snapshot_branch()

CREATE OR REPLACE FUNCTION private.set_snapshot_branch()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.snapshot_branch := private.snapshot_branch_of(new.chat_id, new.snapshot_leaf_id);
  return new;
end;
$function$;

-- function private.share_expires_at(text)

CREATE OR REPLACE FUNCTION private.share_expires_at(p_token text)
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce(s.expires_at, 'infinity'::timestamptz) from private.active_share(p_token) s where s.id is not null
$function$;
revoke execute on function private.share_expires_at(text) from public;
grant execute on function private.share_expires_at(text) to anon;
grant execute on function private.share_expires_at(text) to authenticated;

-- function private.share_shows_object(text)

CREATE OR REPLACE FUNCTION private.share_shows_object(p_name text)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  token text := nullif(current_setting('request.headers', true), '')::jsonb ->> 'x-ohm-share-token';
begin
  if token is null then
    return false;
  end if;
  return exists (select 1 from private.shared_attachments(token) a where p_name in (a.storage_path, a.thumbnail_path));
end;
$function$;
revoke execute on function private.share_shows_object(text) from public;
grant execute on function private.share_shows_object(text) to anon;
grant execute on function private.share_shows_object(text) to authenticated;

-- function private.shared_attachments(text)

CREATE OR REPLACE FUNCTION private.shared_attachments(p_token text)
 RETURNS SETOF public.attachments
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select a.*
    from private.active_share(p_token) s
    join public.attachments a on a.chat_id = s.chat_id
    join public.messages m on m.id = a.message_id and m.chat_id = s.chat_id
   where s.id is not null and char_length(p_token) <= 200 and s.snapshot_branch is not null
     and m.sequence_number <@ s.snapshot_branch
  union all
  select a.*
    from private.active_share(p_token) s
    join private.branch_from(s.snapshot_leaf_id, 2147483647) m on true
    join public.attachments a on a.message_id = m.id
   where s.id is not null and char_length(p_token) <= 200 and s.snapshot_branch is null
$function$;
revoke execute on function private.shared_attachments(text) from public;
grant execute on function private.shared_attachments(text) to anon;
grant execute on function private.shared_attachments(text) to authenticated;

-- function private.snapshot_branch_of(uuid,uuid)

CREATE OR REPLACE FUNCTION private.snapshot_branch_of(p_chat_id uuid, p_leaf uuid)
 RETURNS int8multirange
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  chat record;
begin
  if p_leaf is null then
    return '{}';
  end if;
  select c.active_leaf_id, c.active_tail, c.active_tail_parent_id into chat from public.chats c where c.id = p_chat_id;
  if p_leaf = chat.active_leaf_id and chat.active_tail is not null then
    return chat.active_tail + coalesce(private.branch_numbers(chat.active_tail_parent_id), '{}');
  end if;
  return private.branch_numbers(p_leaf);
end;
$function$;
revoke execute on function private.snapshot_branch_of(uuid,uuid) from public;
grant execute on function private.snapshot_branch_of(uuid,uuid) to service_role;

-- function private.sync_chat_share_flags(uuid)

CREATE OR REPLACE FUNCTION private.sync_chat_share_flags(p_chat_id uuid)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
  update public.chats c
     set is_public = s.share_token is not null, share_token = s.share_token
    from (select (select sc.share_token from public.shared_chats sc
                   where sc.chat_id = p_chat_id and sc.revoked_at is null and (sc.expires_at is null or sc.expires_at > now())
                   order by sc.created_at desc limit 1) as share_token) s
   where c.id = p_chat_id;
$function$;

-- function private.take_agent_rate_limit(uuid,text,integer)

CREATE OR REPLACE FUNCTION private.take_agent_rate_limit(p_subject uuid, p_action text, p_limit integer)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  rule private.rate_limit_rules;
  allowed integer;
  counter private.agent_rate_limit_counters;
begin
  select * into rule from private.rate_limit_rules r where r.action = p_action;
  if not found then
    raise exception 'no rate limit rule for %', p_action using errcode = '22023';
  end if;
  allowed := coalesce(p_limit, rule.signed_in_limit);
  insert into private.agent_rate_limit_counters as c (subject_id, action, window_started_at, used)
  values (p_subject, p_action, clock_timestamp(), 1)
  on conflict (subject_id, action) do update
     set window_started_at = case when c.window_started_at <= clock_timestamp() - rule.window_length
                                  then clock_timestamp() else c.window_started_at end,
         used = case when c.window_started_at <= clock_timestamp() - rule.window_length then 1 else c.used + 1 end
  returning * into counter;
  if counter.used > allowed then
    raise exception 'too many % requests: at most % per %', p_action, allowed, rule.window_length
      using errcode = 'PT429',
            detail = 'retry_after=' || greatest(1, ceil(extract(epoch from
              counter.window_started_at + rule.window_length - clock_timestamp())))::integer,
            hint = 'Wait a moment and try again.';
  end if;
end;
$function$;

-- function private.take_rate_limit(text)

CREATE OR REPLACE FUNCTION private.take_rate_limit(p_action text)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := auth.uid();
  rule private.rate_limit_rules;
  allowed integer;
  counter private.rate_limit_counters;
begin
  if me is null then
    return;
  end if;
  select * into rule from private.rate_limit_rules r where r.action = p_action;
  if not found then
    raise exception 'no rate limit rule for %', p_action using errcode = '22023';
  end if;
  allowed := case when coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)
                  then rule.anonymous_limit else rule.signed_in_limit end;
  -- clock_timestamp(), not now(): a long transaction must not keep an old window alive.
  insert into private.rate_limit_counters as c (user_id, action, window_started_at, used)
  values (me, p_action, clock_timestamp(), 1)
  on conflict (user_id, action) do update
     set window_started_at = case when c.window_started_at <= clock_timestamp() - rule.window_length
                                  then clock_timestamp() else c.window_started_at end,
         used = case when c.window_started_at <= clock_timestamp() - rule.window_length then 1 else c.used + 1 end
  returning * into counter;
  if counter.used > allowed then
    -- The exception undoes the increment: a refused attempt does not use up the next window.
    raise exception 'too many % requests: at most % per %', p_action, allowed, rule.window_length
      using errcode = 'PT429',
            detail = 'retry_after=' || greatest(1, ceil(extract(epoch from
              counter.window_started_at + rule.window_length - clock_timestamp())))::integer,
            hint = 'Wait a moment and try again.';
  end if;
end;
$function$;
revoke execute on function private.take_rate_limit(text) from public;
grant execute on function private.take_rate_limit(text) to authenticated;
grant execute on function private.take_rate_limit(text) to service_role;

-- function private.touch_project_activity()

CREATE OR REPLACE FUNCTION private.touch_project_activity()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.projects p
     set last_activity_at = greatest(new.last_message_at, now())
   where p.id = new.project_id and p.last_activity_at < greatest(new.last_message_at, now()) - interval '1 second';
  return null;
end;
$function$;

-- function private.touch_updated_at()

CREATE OR REPLACE FUNCTION private.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.updated_at := now();
  return new;
end;
$function$;

-- function private.usage_after_write()

CREATE OR REPLACE FUNCTION private.usage_after_write()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  -- Most writes are user messages and streaming deltas, which count nothing: leave before the grouped upserts
  -- (a cheap look at the one or few transition rows, instead of planning and running the rollup statements).
  -- Each transition table is named only under the operation that declares it (plpgsql plans per statement).
  if tg_op = 'INSERT' then
    if not exists (select 1 from new_rows n where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage) then
      return null;
    end if;
  elsif tg_op = 'DELETE' then
    if not exists (select 1 from old_rows o where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage) then
      return null;
    end if;
  elsif not exists (select 1 from new_rows n where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage)
        and not exists (select 1 from old_rows o where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage) then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    with gone as (
      select o.chat_id, (o.created_at at time zone 'utc')::date as day, coalesce(o.agent_name, '') as agent_name,
             coalesce(o.agent_model, '') as agent_model, count(*) as messages,
             count(*) filter (where o.cost is null) as unpriced_messages,
             sum(greatest(o.input_tokens - o.input_cache_read_tokens - o.input_cache_write_tokens, 0)) as input_uncached_tokens,
             sum(o.input_cache_read_tokens) as cache_read_tokens, sum(o.input_cache_write_tokens) as cache_write_tokens,
             sum(o.output_tokens) as output_tokens, coalesce(sum(o.cost), 0) as cost
        from old_rows o
       where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage
       group by 1, 2, 3, 4
    )
    update public.usage_daily u
       set messages = u.messages - g.messages,
           unpriced_messages = u.unpriced_messages - g.unpriced_messages,
           input_uncached_tokens = u.input_uncached_tokens - g.input_uncached_tokens,
           cache_read_tokens = u.cache_read_tokens - g.cache_read_tokens,
           cache_write_tokens = u.cache_write_tokens - g.cache_write_tokens,
           output_tokens = u.output_tokens - g.output_tokens,
           cost = u.cost - g.cost
      from gone g
     where u.chat_id = g.chat_id and u.day = g.day and u.agent_name = g.agent_name and u.agent_model = g.agent_model;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into public.usage_daily as u (chat_id, day, agent_name, agent_model, user_id, project_id, messages,
      unpriced_messages, input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
    select n.chat_id, (n.created_at at time zone 'utc')::date, coalesce(n.agent_name, ''), coalesce(n.agent_model, ''),
           n.user_id, (select c.project_id from public.chats c where c.id = n.chat_id),
           count(*), count(*) filter (where n.cost is null),
           sum(greatest(n.input_tokens - n.input_cache_read_tokens - n.input_cache_write_tokens, 0)),
           sum(n.input_cache_read_tokens), sum(n.input_cache_write_tokens), sum(n.output_tokens), coalesce(sum(n.cost), 0)
      from new_rows n
     where n.role = 'assistant' and n.status <> 'streaming' and n.counts_as_usage
     group by n.chat_id, 2, 3, 4, n.user_id
    on conflict on constraint usage_daily_pkey do update
       set messages = u.messages + excluded.messages,
           unpriced_messages = u.unpriced_messages + excluded.unpriced_messages,
           input_uncached_tokens = u.input_uncached_tokens + excluded.input_uncached_tokens,
           cache_read_tokens = u.cache_read_tokens + excluded.cache_read_tokens,
           cache_write_tokens = u.cache_write_tokens + excluded.cache_write_tokens,
           output_tokens = u.output_tokens + excluded.output_tokens,
           cost = u.cost + excluded.cost;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    delete from public.usage_daily u
     where u.messages <= 0
       and u.chat_id in (select distinct o.chat_id from old_rows o
                          where o.role = 'assistant' and o.status <> 'streaming' and o.counts_as_usage);
  end if;
  return null;
end;
$function$;

-- function private.usage_follow_project()

CREATE OR REPLACE FUNCTION private.usage_follow_project()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.usage_daily u set project_id = new.project_id where u.chat_id = new.id;
  return null;
end;
$function$;

-- function private.usage_totals_add(public.usage_daily,integer)

CREATE OR REPLACE FUNCTION private.usage_totals_add(r public.usage_daily, p_sign integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.usage_daily_totals as t (user_id, day, agent_name, agent_model, messages, unpriced_messages,
    input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
  values (r.user_id, r.day, r.agent_name, r.agent_model, p_sign * r.messages, p_sign * r.unpriced_messages,
          p_sign * r.input_uncached_tokens, p_sign * r.cache_read_tokens, p_sign * r.cache_write_tokens,
          p_sign * r.output_tokens, p_sign * r.cost)
  on conflict on constraint usage_daily_totals_pkey do update
     set messages = t.messages + excluded.messages,
         unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
         input_uncached_tokens = t.input_uncached_tokens + excluded.input_uncached_tokens,
         cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens,
         cache_write_tokens = t.cache_write_tokens + excluded.cache_write_tokens,
         output_tokens = t.output_tokens + excluded.output_tokens,
         cost = t.cost + excluded.cost;
  if r.project_id is not null then
    insert into public.usage_daily_projects as t (user_id, day, project_id, messages, unpriced_messages, input_tokens,
      output_tokens, cost)
    values (r.user_id, r.day, r.project_id, p_sign * r.messages, p_sign * r.unpriced_messages,
            p_sign * (r.input_uncached_tokens + r.cache_read_tokens + r.cache_write_tokens), p_sign * r.output_tokens,
            p_sign * r.cost)
    on conflict on constraint usage_daily_projects_pkey do update
       set messages = t.messages + excluded.messages,
           unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
           input_tokens = t.input_tokens + excluded.input_tokens,
           output_tokens = t.output_tokens + excluded.output_tokens,
           cost = t.cost + excluded.cost;
  end if;
  insert into public.usage_daily_chats as t (user_id, day, chat_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  values (r.user_id, r.day, r.chat_id, p_sign * r.messages, p_sign * r.unpriced_messages,
          p_sign * (r.input_uncached_tokens + r.cache_read_tokens + r.cache_write_tokens), p_sign * r.output_tokens,
          p_sign * r.cost)
  on conflict on constraint usage_daily_chats_pkey do update
     set messages = t.messages + excluded.messages,
         unpriced_messages = t.unpriced_messages + excluded.unpriced_messages,
         input_tokens = t.input_tokens + excluded.input_tokens,
         output_tokens = t.output_tokens + excluded.output_tokens,
         cost = t.cost + excluded.cost;
  if p_sign < 0 then
    delete from public.usage_daily_chats t
     where t.user_id = r.user_id and t.day = r.day and t.chat_id = r.chat_id and t.messages <= 0;
    delete from public.usage_daily_totals t
     where t.user_id = r.user_id and t.day = r.day and t.agent_name = r.agent_name and t.agent_model = r.agent_model
       and t.messages <= 0;
    delete from public.usage_daily_projects t
     where t.user_id = r.user_id and t.day = r.day and t.project_id = r.project_id and t.messages <= 0;
  end if;
end;
$function$;

-- function private.usage_totals_follow()

CREATE OR REPLACE FUNCTION private.usage_totals_follow()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.usage_totals_add(old, -1);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform private.usage_totals_add(new, 1);
  end if;
  return null;
end;
$function$;

-- function private.usage_totals_rebuild(uuid[])

CREATE OR REPLACE FUNCTION private.usage_totals_rebuild(p_user_ids uuid[])
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  delete from public.usage_daily_totals where user_id = any (p_user_ids);
  delete from public.usage_daily_projects where user_id = any (p_user_ids);
  delete from public.usage_daily_chats where user_id = any (p_user_ids);
  insert into public.usage_daily_chats (user_id, day, chat_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  select user_id, day, chat_id, sum(messages), sum(unpriced_messages),
         sum(input_uncached_tokens + cache_read_tokens + cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids)
   group by user_id, day, chat_id;
  insert into public.usage_daily_totals (user_id, day, agent_name, agent_model, messages, unpriced_messages,
    input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
  select user_id, day, agent_name, agent_model, sum(messages), sum(unpriced_messages), sum(input_uncached_tokens),
         sum(cache_read_tokens), sum(cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids)
   group by user_id, day, agent_name, agent_model;
  insert into public.usage_daily_projects (user_id, day, project_id, messages, unpriced_messages, input_tokens,
    output_tokens, cost)
  select user_id, day, project_id, sum(messages), sum(unpriced_messages),
         sum(input_uncached_tokens + cache_read_tokens + cache_write_tokens), sum(output_tokens), sum(cost)
    from public.usage_daily where user_id = any (p_user_ids) and project_id is not null
   group by user_id, day, project_id;
$function$;

-- function private.writable_artifact(uuid)

CREATE OR REPLACE FUNCTION private.writable_artifact(p_artifact_id uuid)
 RETURNS public.artifacts
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  found_artifact public.artifacts;
begin
  select * into found_artifact from public.artifacts a where a.id = p_artifact_id;
  if not found then
    raise exception 'this artifact does not exist or you do not have access to it' using errcode = 'PT404';
  end if;
  if not found_artifact.is_visible then
    raise exception '% was deleted: it can no longer be edited or restored', found_artifact.title using errcode = 'PT404';
  end if;
  return found_artifact;
end;
$function$;
revoke execute on function private.writable_artifact(uuid) from public;
grant execute on function private.writable_artifact(uuid) to authenticated;
grant execute on function private.writable_artifact(uuid) to service_role;

-- function public.add_artifact_version(uuid,integer,text,jsonb,text,uuid)

CREATE OR REPLACE FUNCTION public.add_artifact_version(p_artifact_id uuid, p_expected_version integer, p_content text, p_content_json jsonb, p_change_summary text, p_message_id uuid DEFAULT NULL::uuid)
 RETURNS public.artifact_versions
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  select * from private.add_version(p_artifact_id, p_expected_version, p_content, p_content_json, p_change_summary,
                                    p_message_id, 'agent')
$function$;
revoke execute on function public.add_artifact_version(uuid,integer,text,jsonb,text,uuid) from public;
grant execute on function public.add_artifact_version(uuid,integer,text,jsonb,text,uuid) to authenticated;
grant execute on function public.add_artifact_version(uuid,integer,text,jsonb,text,uuid) to service_role;

-- function public.adopt_project_design(uuid)

CREATE OR REPLACE FUNCTION public.adopt_project_design(p_chat_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  chat public.chats;
  source record;
  copy_id uuid;
  copy_version_id uuid;
  copied jsonb := '[]'::jsonb;
begin
  -- The same lock complete_agent_turn takes: a turn that saves meanwhile sees the copies, never a half copy.
  select * into chat from public.chats c where c.id = p_chat_id for update;
  if not found then
    raise exception 'chat % does not exist', p_chat_id using errcode = 'PT404';
  end if;
  if chat.project_id is null then
    return copied;
  end if;
  -- Types in enum order: a BOM is copied before the wiring whose wires point at its parts.
  for source in
    select c.* from public.project_current_artifacts(chat.project_id) c
     where c.chat_id <> p_chat_id
       and not exists (select 1 from public.artifacts a where a.chat_id = p_chat_id and a.type = c.type and a.is_visible)
     order by c.type
  loop
    insert into public.artifacts (chat_id, project_id, user_id, type, title, description, current_version, total_versions, metadata)
    select p_chat_id, chat.project_id, a.user_id, a.type, a.title, a.description, source.version_number, source.version_number,
           a.metadata || jsonb_build_object('copied_from',
             jsonb_build_object('chat_id', a.chat_id, 'artifact_id', a.id, 'version', source.version_number))
      from public.artifacts a where a.id = source.artifact_id
    returning id into copy_id;
    insert into public.artifact_versions (artifact_id, version_number, content, content_json, file_url, change_summary)
    select copy_id, v.version_number, v.content, v.content_json, v.file_url, v.change_summary
      from public.artifact_versions v
     where v.artifact_id = source.artifact_id and v.version_number <= source.version_number
     order by v.version_number;
    select v.id into copy_version_id from public.artifact_versions v
     where v.artifact_id = copy_id and v.version_number = source.version_number;

    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select chat.project_id, copy_id, copy_version_id, r.name, r.part_number, r.manufacturer, r.quantity, r.voltage,
           r.current, r.interface_type, r.price, r.supplier, r.supplier_url, r.specs, r.alternatives, r.compatibility_warnings
      from public.parts r where r.artifact_version_id = source.version_id;
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
      from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
    select chat.project_id, copy_id, copy_version_id, r.sequence_number,
           (select p.id from public.parts p join public.artifacts b on b.id = p.artifact_id
             where b.chat_id = p_chat_id and b.type = 'bom' and p.specs ->> 'ref' = f.specs ->> 'ref' limit 1),
           r.from_pin, r.from_pin_type,
           (select p.id from public.parts p join public.artifacts b on b.id = p.artifact_id
             where b.chat_id = p_chat_id and b.type = 'bom' and p.specs ->> 'ref' = t.specs ->> 'ref' limit 1),
           r.to_pin, r.to_pin_type, r.voltage, r.signal_type, r.wire_color, r.warnings
      from public.connections r
      left join public.parts f on f.id = r.from_part_id
      left join public.parts t on t.id = r.to_part_id
     where r.artifact_version_id = source.version_id;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select chat.project_id, copy_id, copy_version_id, r.filename, r.language, r.platform, r.content, r.unit_number,
           r.required_libraries, r.is_production_ready
      from public.code_files r where r.artifact_version_id = source.version_id;

    copied := copied || jsonb_build_object('type', source.type, 'artifactId', copy_id, 'version', source.version_number,
      'from', source.artifact_id);
  end loop;
  return copied;
end;
$function$;
revoke execute on function public.adopt_project_design(uuid) from public;
grant execute on function public.adopt_project_design(uuid) to service_role;
comment on function public.adopt_project_design(uuid) is 'Copies the project''s current artifacts this chat lacks into it, with their versions and rows, before an agent turn.';

-- function public.agent_job_read(text,uuid)

CREATE OR REPLACE FUNCTION public.agent_job_read(p_token text, p_job_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  job private.agent_jobs := private.agent_job_for_token(p_token, p_job_id);
  refusal text := private.agent_job_refusal(job);
  service private.agent_services;
begin
  if refusal is not null then
    return jsonb_build_object('refused', refusal);
  end if;
  select * into service from private.agent_services s where s.id = job.service_id;
  perform private.take_agent_rate_limit(job.id, 'agent_job_write', service.job_writes_per_minute);
  return jsonb_build_object(
    'job', private.agent_job_json(job),
    'project', (select jsonb_build_object('id', p.id, 'name', p.name, 'goal', p.goal,
                       'target_budget', p.target_budget, 'currency', p.currency)
                  from public.chats c join public.projects p on p.id = c.project_id where c.id = job.chat_id),
    'messages', coalesce((select jsonb_agg(jsonb_build_object('id', b.id, 'role', b.role, 'content', b.content,
                          'agent', b.agent_name, 'status', b.status, 'created_at', b.created_at)
                          order by b.sequence_number)
                     from private.branch_from(job.message_id, 200) b), '[]'::jsonb),
    'artifacts', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'type', a.type, 'title', a.title,
                           'current_version', a.current_version, 'version_id', v.id, 'content', v.content,
                           'content_json', v.content_json) order by a.created_at)
                      from public.artifacts a
                      join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
                     where a.chat_id = job.chat_id and a.is_visible), '[]'::jsonb));
end;
$function$;
revoke execute on function public.agent_job_read(text,uuid) from public;
grant execute on function public.agent_job_read(text,uuid) to service_role;
comment on function public.agent_job_read(text,uuid) is 'The chat branch, project and current artifacts a job token may read.';

-- function public.agent_job_write(text,uuid,text,text,jsonb)

CREATE OR REPLACE FUNCTION public.agent_job_write(p_token text, p_job_id uuid, p_idempotency_key text, p_op text, p_body jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  job private.agent_jobs := private.agent_job_for_token(p_token, p_job_id);
  service private.agent_services;
  body_hash text := md5(p_op || ':' || coalesce(p_body, '{}'::jsonb)::text);
  earlier private.agent_job_writes;
  refusal text;
  answer jsonb;
begin
  if p_idempotency_key is null or char_length(p_idempotency_key) not between 1 and 200 then
    raise exception 'every write needs an Idempotency-Key of 1 to 200 characters' using errcode = '22023';
  end if;
  select * into earlier from private.agent_job_writes w where w.job_id = job.id and w.idempotency_key = p_idempotency_key;
  if found then
    if earlier.request_hash <> body_hash then
      raise exception 'this Idempotency-Key was used for a different request' using errcode = 'PT422';
    end if;
    return earlier.response;
  end if;
  refusal := private.agent_job_refusal(job);
  if refusal is not null then
    return jsonb_build_object('refused', refusal);
  end if;
  select * into service from private.agent_services s where s.id = job.service_id;
  answer := case
    when p_op like 'reply.%' then private.agent_job_reply(job, service, p_op, coalesce(p_body, '{}'::jsonb))
    when p_op = 'artifact.version' then private.agent_job_artifact(job, coalesce(p_body, '{}'::jsonb))
    else private.agent_job_rows(job, p_op, coalesce(p_body, '{}'::jsonb)) end;
  insert into private.agent_job_writes (job_id, idempotency_key, request_hash, response)
  values (job.id, p_idempotency_key, body_hash, answer);
  -- A built-in reply saves its text every few hundred milliseconds: once it has ended, only the ending's answer
  -- can still be asked for again, so the text saves' records go (a reply keeps two or three, not hundreds).
  if service.built_in and p_op in ('reply.finish', 'reply.fail', 'reply.interrupt') then
    delete from private.agent_job_writes w where w.job_id = job.id and w.idempotency_key like 'reply.text:%';
  end if;
  update private.agent_jobs j set last_seen_at = now() where j.id = job.id;
  -- The limits last: the service's counter row is shared by all its jobs and stays locked until commit, so taking
  -- it here keeps concurrent jobs from queueing behind each other's writes. A refusal still undoes the write.
  perform private.take_agent_rate_limit(job.id, 'agent_job_write', service.job_writes_per_minute);
  if not service.built_in then
    perform private.take_agent_rate_limit(service.id, 'agent_write', service.writes_per_minute);
  end if;
  return answer;
end;
$function$;
revoke execute on function public.agent_job_write(text,uuid,text,text,jsonb) from public;
grant execute on function public.agent_job_write(text,uuid,text,text,jsonb) to service_role;
comment on function public.agent_job_write(text,uuid,text,text,jsonb) is 'Every write a job token may make, idempotent by key and rate-limited.';

-- function public.append_message(uuid,text,text,uuid,public.message_role)

CREATE OR REPLACE FUNCTION public.append_message(p_chat_id uuid, p_content text, p_idempotency_key text DEFAULT NULL::text, p_parent_id uuid DEFAULT NULL::uuid, p_role public.message_role DEFAULT 'user'::public.message_role)
 RETURNS public.messages
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
declare
  me uuid := auth.uid();
  saved public.messages;
begin
  if me is not null then
    if p_role <> 'user' then
      raise exception 'only the agents write replies' using errcode = '42501';
    end if;
    -- Only the caller's own chat is locked: a stranger's call finds no row and locks nothing.
    perform 1 from public.chats c where c.id = p_chat_id and c.user_id = me for update;
    if not found then
      raise exception 'you can only write to your own chats' using errcode = '42501';
    end if;
  else
    -- The agents' path; a missing chat is refused by the numbering trigger (23503).
    perform 1 from public.chats c where c.id = p_chat_id for update;
  end if;
  if p_content is null or btrim(p_content) = '' then
    raise exception 'a message needs some text' using errcode = '22023';
  end if;
  if char_length(p_content) > 100000 then
    raise exception 'a message can be at most 100000 characters (this one has %)', char_length(p_content) using errcode = '22001';
  end if;
  if p_idempotency_key is not null then
    -- Under the chat's lock: a retry that raced this call has committed by now and is seen here.
    select * into saved from public.messages where chat_id = p_chat_id and idempotency_key = p_idempotency_key;
    if found then
      if saved.content <> p_content or saved.role <> p_role then
        raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
      end if;
      return saved;
    end if;
  end if;
  -- After the idempotency lookup, so a retry of a saved message is never refused.
  if p_role = 'user' then
    perform private.take_rate_limit('message');
  end if;
  insert into public.messages (chat_id, role, content, parent_id, idempotency_key)
  values (p_chat_id, p_role, p_content, p_parent_id, p_idempotency_key)
  returning * into saved;
  return saved;
end;
$function$;
revoke execute on function public.append_message(uuid,text,text,uuid,public.message_role) from public;
grant execute on function public.append_message(uuid,text,text,uuid,public.message_role) to authenticated;
grant execute on function public.append_message(uuid,text,text,uuid,public.message_role) to service_role;

-- function public.append_message_with_attachments(uuid,text,text,uuid,jsonb)

CREATE OR REPLACE FUNCTION public.append_message_with_attachments(p_chat_id uuid, p_content text, p_idempotency_key text, p_parent_id uuid DEFAULT NULL::uuid, p_attachments jsonb DEFAULT '[]'::jsonb)
 RETURNS public.messages
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  saved public.messages;
  item jsonb;
  ord bigint;
  bucket text;
begin
  if jsonb_typeof(p_attachments) is distinct from 'array' or jsonb_array_length(p_attachments) > 10 then
    raise exception 'a message can carry at most 10 attachments' using errcode = '22023';
  end if;
  saved := public.append_message(p_chat_id, p_content, p_idempotency_key, p_parent_id, 'user');
  -- A retry of a saved message answers its row; its attachments were written with it.
  if exists (select 1 from public.attachments a where a.message_id = saved.id) then
    return saved;
  end if;
  -- All rows share the transaction's created_at: metadata.position keeps the order the files were attached in.
  for item, ord in select e.value, e.ordinality from jsonb_array_elements(p_attachments) with ordinality e loop
    bucket := coalesce(item ->> 'storage_bucket', 'attachments');
    if not exists (select 1 from storage.objects o where o.bucket_id = bucket and o.name = item ->> 'storage_path') then
      raise exception 'the file % was not uploaded (or was removed)', item ->> 'filename' using errcode = '22023';
    end if;
    insert into public.attachments (chat_id, message_id, filename, file_type, file_size, storage_bucket, storage_path,
                                    thumbnail_path, category, metadata)
    values (p_chat_id, saved.id, item ->> 'filename', item ->> 'file_type', (item ->> 'file_size')::bigint, bucket,
            item ->> 'storage_path', item ->> 'thumbnail_path',
            coalesce(item ->> 'category', 'other')::public.attachment_category,
            coalesce(item -> 'metadata', '{}'::jsonb) || jsonb_build_object('position', ord));
  end loop;
  return saved;
end;
$function$;
revoke execute on function public.append_message_with_attachments(uuid,text,text,uuid,jsonb) from public;
grant execute on function public.append_message_with_attachments(uuid,text,text,uuid,jsonb) to authenticated;

-- function public.claim_agent_job(text)

CREATE OR REPLACE FUNCTION public.claim_agent_job(p_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  service private.agent_services;
  job private.agent_jobs;
  new_token text := private.new_agent_secret('ohm_job_');
begin
  select * into service from private.agent_services s
   where s.key_hash = private.agent_secret_hash(p_key) and s.revoked_at is null;
  if not found then
    raise exception 'the agent key is not valid (unknown or revoked)' using errcode = 'PT401';
  end if;
  update private.agent_jobs j set status = 'interrupted', finished_at = now()
   where j.service_id = service.id and j.status = 'pending' and j.created_at < now() - private.reply_stale_after();
  select * into job from private.agent_jobs j
   where j.service_id = service.id and j.status = 'pending'
   order by j.created_at limit 1 for update skip locked;
  if not found then
    return null;
  end if;
  update private.agent_jobs j
     set status = 'open', token_hash = private.agent_secret_hash(new_token), claimed_at = now(),
         expires_at = now() + private.agent_job_lifetime(), last_seen_at = now()
   where j.id = job.id
  returning * into job;
  return jsonb_build_object('job', private.agent_job_json(job), 'token', new_token);
end;
$function$;
revoke execute on function public.claim_agent_job(text) from public;
grant execute on function public.claim_agent_job(text) to service_role;
comment on function public.claim_agent_job(text) is 'Claims an agent service''s oldest pending job and returns it with its job token, once.';

-- function public.claim_attachment_analysis(uuid)

CREATE OR REPLACE FUNCTION public.claim_attachment_analysis(p_attachment_id uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  update public.attachments a
     set processing_status = 'processing', processing_started_at = now(), processing_error = null
   where a.id = p_attachment_id
     and (a.processing_status in ('pending', 'failed')
          or (a.processing_status = 'processing' and a.processing_started_at < now() - interval '2 minutes'));
  return found;
end;
$function$;
revoke execute on function public.claim_attachment_analysis(uuid) from public;
grant execute on function public.claim_attachment_analysis(uuid) to service_role;
comment on function public.claim_attachment_analysis(uuid) is 'Claims an attachment for analysis (pending, failed, or a stale processing claim); false when done or being analysed.';

-- function public.complete_agent_turn(uuid,uuid,jsonb)

CREATE OR REPLACE FUNCTION public.complete_agent_turn(p_chat_id uuid, p_message_id uuid, p_turn jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  chat public.chats;
  reply public.messages;
  turn_project_id uuid;
  write jsonb;
  turn_artifact_id uuid;
  version public.artifact_versions;
  bom_version_id uuid;
  missing_ref text;
  versions jsonb := '[]'::jsonb;
  mark jsonb;
begin
  -- One turn at a time per chat: two turns that both create the chat's first BOM are serialised here, and the
  -- second sees the first's artifact (a conflict) instead of making a second BOM.
  select * into chat from public.chats c where c.id = p_chat_id for update;
  if not found then
    raise exception 'chat % does not exist', p_chat_id using errcode = 'PT404';
  end if;
  select * into reply from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id for update;
  if not found or reply.role <> 'assistant' then
    raise exception 'message % is not a reply in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  if reply.status <> 'streaming' then
    return jsonb_build_object('status', 'stopped', 'projectId', chat.project_id, 'versions', '[]'::jsonb);
  end if;

  turn_project_id := chat.project_id;
  if turn_project_id is null and jsonb_array_length(coalesce(p_turn -> 'writes', '[]'::jsonb)) > 0 then
    insert into public.projects (user_id, name, goal, target_budget, currency)
    values (
      chat.user_id,
      left(coalesce(nullif(btrim(p_turn #>> '{project,name}'), ''), chat.title), 200),
      left(p_turn #>> '{project,goal}', 5000),
      (p_turn #>> '{project,budget,amount}')::numeric,
      coalesce(p_turn #>> '{project,budget,currency}', 'USD')
    )
    returning id into turn_project_id;
    update public.chats set project_id = turn_project_id where id = p_chat_id;
  end if;

  for write in select value from jsonb_array_elements(coalesce(p_turn -> 'writes', '[]'::jsonb)) loop
    if jsonb_typeof(write -> 'base') = 'object' then
      turn_artifact_id := (write #>> '{base,artifactId}')::uuid;
      if not exists (select 1 from public.artifacts a where a.id = turn_artifact_id and a.chat_id = p_chat_id
                        and a.type = (write ->> 'type')::public.artifact_type) then
        raise exception 'chat % has no % artifact %', p_chat_id, write ->> 'type', turn_artifact_id using errcode = 'PT404';
      end if;
      version := public.add_artifact_version(turn_artifact_id, (write #>> '{base,expectedVersion}')::integer,
        write ->> 'content', write -> 'contentJson', write ->> 'changeSummary', p_message_id);
    else
      if exists (select 1 from public.artifacts a
                  where a.chat_id = p_chat_id and a.type = (write ->> 'type')::public.artifact_type and a.is_visible) then
        raise exception 'chat % already has a % artifact: reload it and try again', p_chat_id, write ->> 'type'
          using errcode = 'PT409', hint = 'Another turn created it first.';
      end if;
      turn_artifact_id := public.create_artifact_with_version(p_chat_id, turn_project_id, (write ->> 'type')::public.artifact_type,
        write ->> 'title', write ->> 'content', write -> 'contentJson', p_message_id, null,
        coalesce(write ->> 'changeSummary', 'Initial version'));
      select * into version from public.artifact_versions v where v.artifact_id = turn_artifact_id and v.version_number = 1;
    end if;

    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select turn_project_id, turn_artifact_id, version.id, r.name, r.part_number, r.manufacturer,
           coalesce(r.quantity, 1), r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url,
           coalesce(r.specs, '{}'::jsonb), coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, coalesce(write -> 'parts', '[]'::jsonb)) r;

    if jsonb_array_length(coalesce(write -> 'connections', '[]'::jsonb)) > 0 then
      -- The wiring names parts by their BOM line refs; its rows point at the parts of the BOM version it was built from.
      select v.id into bom_version_id
        from public.artifacts a join public.artifact_versions v on v.artifact_id = a.id
       where a.chat_id = p_chat_id and a.type = 'bom' and a.is_visible
         and v.version_number = (write #>> '{contentJson,bomVersion}')::integer;
      if bom_version_id is null then
        raise exception 'the wiring names BOM version %, which chat % does not have', write #>> '{contentJson,bomVersion}', p_chat_id
          using errcode = '22023';
      end if;
      select r.ref into missing_ref
        from jsonb_to_recordset(write -> 'connections') as c(from_ref text, to_ref text),
             lateral (values (c.from_ref), (c.to_ref)) r(ref)
       where r.ref is not null
         and not exists (select 1 from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = r.ref)
       limit 1;
      if missing_ref is not null then
        raise exception 'the wiring names part %, which BOM version % does not list', missing_ref, write #>> '{contentJson,bomVersion}'
          using errcode = '22023';
      end if;
      insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin,
        from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color, warnings)
      select turn_project_id, turn_artifact_id, version.id, c.sequence_number,
             (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.from_ref limit 1),
             c.from_pin, c.from_pin_type,
             (select p.id from public.parts p where p.artifact_version_id = bom_version_id and p.specs ->> 'ref' = c.to_ref limit 1),
             c.to_pin, c.to_pin_type, c.voltage, c.signal_type, c.wire_color, coalesce(c.warnings, '{}')
        from jsonb_to_recordset(write -> 'connections') as c(sequence_number integer, from_ref text, from_pin text,
             from_pin_type text, to_ref text, to_pin text, to_pin_type text, voltage text, signal_type text,
             wire_color text, warnings text[]);
    end if;

    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select turn_project_id, turn_artifact_id, version.id, r.filename, r.language, r.platform,
           coalesce(r.content, ''), r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, coalesce(write -> 'codeFiles', '[]'::jsonb)) r;

    versions := versions || jsonb_build_object('artifactId', turn_artifact_id, 'type', write ->> 'type',
      'title', write ->> 'title', 'version', version.version_number, 'versionId', version.id,
      'changeSummary', version.change_summary);
  end loop;

  for mark in select value from jsonb_array_elements(coalesce(p_turn -> 'stale', '[]'::jsonb)) loop
    update public.artifacts a
       set metadata = case when jsonb_typeof(mark -> 'mark') = 'object'
                           then a.metadata || jsonb_build_object('stale', mark -> 'mark')
                           else a.metadata - 'stale' end
     where a.id = (mark ->> 'artifactId')::uuid and a.chat_id = p_chat_id;
  end loop;

  update public.messages m
     set content = coalesce(p_turn ->> 'content', m.content),
         status = 'complete',
         agent_name = coalesce(p_turn #>> '{agent,name}', m.agent_name),
         agent_model = coalesce(p_turn #>> '{agent,model}', m.agent_model),
         agent_icon = coalesce(p_turn #>> '{agent,icon}', m.agent_icon),
         intent = coalesce((p_turn ->> 'intent')::public.message_intent, m.intent),
         input_tokens = coalesce((p_turn #>> '{usage,input}')::integer, 0),
         output_tokens = coalesce((p_turn #>> '{usage,output}')::integer, 0),
         input_cache_read_tokens = coalesce((p_turn #>> '{usage,cacheRead}')::integer, 0),
         input_cache_write_tokens = coalesce((p_turn #>> '{usage,cacheWrite}')::integer, 0),
         metadata = m.metadata || jsonb_strip_nulls(jsonb_build_object('route', p_turn -> 'route'))
   where m.id = p_message_id;

  if p_turn ? 'phase' and jsonb_typeof(p_turn -> 'phase') = 'string' then
    update public.chats set current_phase = (p_turn ->> 'phase')::public.chat_phase where id = p_chat_id;
  end if;

  return jsonb_build_object('status', 'complete', 'projectId', turn_project_id, 'versions', versions);
end;
$function$;
revoke execute on function public.complete_agent_turn(uuid,uuid,jsonb) from public;
grant execute on function public.complete_agent_turn(uuid,uuid,jsonb) to service_role;
comment on function public.complete_agent_turn(uuid,uuid,jsonb) is 'Saves a finished agent turn (reply, project, artifact versions, their rows, stale marks) in one transaction.';

-- function public.create_agent_job(text,uuid,uuid,public.message_intent,text)

CREATE OR REPLACE FUNCTION public.create_agent_job(p_service_name text, p_chat_id uuid, p_message_id uuid, p_intent public.message_intent, p_agent_name text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  service private.agent_services;
  job_id uuid;
begin
  select * into service from private.agent_services s
   where s.name = p_service_name and s.revoked_at is null and not s.built_in;
  if not found then
    raise exception 'no agent service named %', p_service_name using errcode = 'PT404';
  end if;
  if not exists (select 1 from public.messages m
                  where m.id = p_message_id and m.chat_id = p_chat_id and m.role = 'user') then
    raise exception 'message % is not a user message of chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  insert into private.agent_jobs (service_id, chat_id, message_id, intent, agent_name)
  values (service.id, p_chat_id, p_message_id, p_intent, p_agent_name)
  returning id into job_id;
  return job_id;
end;
$function$;
revoke execute on function public.create_agent_job(text,uuid,uuid,public.message_intent,text) from public;
grant execute on function public.create_agent_job(text,uuid,uuid,public.message_intent,text) to service_role;
comment on function public.create_agent_job(text,uuid,uuid,public.message_intent,text) is 'Hands one user message of one chat to an external agent service as a pending job.';

-- function public.create_artifact_with_version(uuid,uuid,public.artifact_type,text,text,jsonb,uuid,text,text)

CREATE OR REPLACE FUNCTION public.create_artifact_with_version(p_chat_id uuid, p_project_id uuid, p_type public.artifact_type, p_title text, p_content text, p_content_json jsonb, p_message_id uuid, p_description text DEFAULT NULL::text, p_change_summary text DEFAULT 'Initial version'::text)
 RETURNS uuid
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  new_artifact_id uuid;
begin
  if p_title is null or btrim(p_title) = '' then
    raise exception 'an artifact needs a title' using errcode = '22023';
  end if;
  if p_content is null and p_content_json is null then
    raise exception 'an artifact version needs content or content_json' using errcode = '22023';
  end if;
  insert into public.artifacts (chat_id, project_id, type, title, description, current_version, total_versions, created_by_message_id)
  values (p_chat_id, p_project_id, p_type, btrim(p_title), p_description, 1, 1, p_message_id)
  returning id into new_artifact_id;
  insert into public.artifact_versions (artifact_id, version_number, content, content_json, change_summary, created_by_message_id)
  values (new_artifact_id, 1, p_content, p_content_json, p_change_summary, p_message_id);
  if p_message_id is not null then
    perform private.link_message_artifact(p_message_id, new_artifact_id);
  end if;
  return new_artifact_id;
end;
$function$;
revoke execute on function public.create_artifact_with_version(uuid,uuid,public.artifact_type,text,text,jsonb,uuid,text,text) from public;
grant execute on function public.create_artifact_with_version(uuid,uuid,public.artifact_type,text,text,jsonb,uuid,text,text) to authenticated;
grant execute on function public.create_artifact_with_version(uuid,uuid,public.artifact_type,text,text,jsonb,uuid,text,text) to service_role;

-- function public.create_personal_access_token(text,public.access_token_scope,integer)

CREATE OR REPLACE FUNCTION public.create_personal_access_token(p_name text, p_scope public.access_token_scope, p_expires_in_days integer)
 RETURNS TABLE(token text, id uuid, token_prefix text, expires_at timestamp with time zone)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  caller uuid := (select auth.uid());
  secret text;
  created public.personal_access_tokens;
begin
  if caller is null then
    raise exception 'sign in to create a token' using errcode = '42501';
  end if;
  if p_name is null or char_length(btrim(p_name)) not between 1 and 80 then
    raise exception 'A token needs a name of 1 to 80 characters.' using errcode = '22023';
  end if;
  if p_expires_in_days is null or p_expires_in_days not between 1 and 366 then
    raise exception 'A token expires after 1 to 366 days.' using errcode = '22023';
  end if;
  if (select count(*) from public.personal_access_tokens t
       where t.user_id = caller and t.revoked_at is null and t.expires_at > now()) >= 20 then
    raise exception 'You have 20 active tokens: revoke one before creating another.' using errcode = '22023';
  end if;
  -- Two v4 UUIDs: 244 random bits from the server's CSPRNG, hex-encoded after a recognisable prefix.
  secret := 'ohm_pat_' || encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'hex');
  insert into public.personal_access_tokens (user_id, name, token_hash, token_prefix, scope, expires_at)
  values (caller, btrim(p_name), sha256(convert_to(secret, 'UTF8')), left(secret, 14), p_scope,
          now() + make_interval(days => p_expires_in_days))
  returning * into created;
  return query select secret, created.id, created.token_prefix, created.expires_at;
end;
$function$;
revoke execute on function public.create_personal_access_token(text,public.access_token_scope,integer) from public;
grant execute on function public.create_personal_access_token(text,public.access_token_scope,integer) to authenticated;
comment on function public.create_personal_access_token(text,public.access_token_scope,integer) is 'Creates a token for the caller and returns its secret, the only time it is ever shown.';

-- function public.create_share(uuid,timestamp with time zone)

CREATE OR REPLACE FUNCTION public.create_share(p_chat_id uuid, p_expires_at timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS public.shared_chats
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  select private.take_rate_limit('share');
  select * from private.create_share(p_chat_id, p_expires_at);
$function$;
revoke execute on function public.create_share(uuid,timestamp with time zone) from public;
grant execute on function public.create_share(uuid,timestamp with time zone) to authenticated;

-- function public.edit_message(uuid,uuid,text,text)

CREATE OR REPLACE FUNCTION public.edit_message(p_chat_id uuid, p_message_id uuid, p_content text, p_idempotency_key text DEFAULT NULL::text)
 RETURNS public.messages
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  original public.messages;
  saved public.messages;
begin
  select * into original from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
  if not found then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  if original.role <> 'user' then
    raise exception 'only your own messages can be edited; regenerate a reply instead' using errcode = '22023';
  end if;
  if original.parent_id is null then
    perform set_config('ohm.insert_as_root', 'on', true);
  end if;
  saved := public.append_message(p_chat_id, p_content, p_idempotency_key, original.parent_id, 'user');
  perform set_config('ohm.insert_as_root', 'off', true);
  if saved.parent_id is distinct from original.parent_id then
    raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
  end if;
  return saved;
end;
$function$;
revoke execute on function public.edit_message(uuid,uuid,text,text) from public;
grant execute on function public.edit_message(uuid,uuid,text,text) to authenticated;
grant execute on function public.edit_message(uuid,uuid,text,text) to service_role;

-- function public.finish_attachment_analysis(uuid,jsonb,jsonb,jsonb)

CREATE OR REPLACE FUNCTION public.finish_attachment_analysis(p_attachment_id uuid, p_analysis jsonb, p_message jsonb, p_artifact jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  attachment public.attachments;
  reply_id uuid;
  new_artifact_id uuid;
  saved jsonb;
begin
  select * into attachment from public.attachments a where a.id = p_attachment_id for update;
  if not found then
    raise exception 'attachment % does not exist', p_attachment_id using errcode = 'PT404';
  end if;
  if attachment.processing_status = 'done' then
    return attachment.analysis;
  end if;
  if jsonb_typeof(p_message) = 'object' then
    insert into public.messages (chat_id, role, content, status, agent_name, agent_icon, agent_model, intent,
                                 idempotency_key, metadata)
    values (attachment.chat_id, 'assistant', p_message ->> 'content', 'complete', p_message ->> 'agentName',
            p_message ->> 'agentIcon', p_message ->> 'agentModel', (p_message ->> 'intent')::public.message_intent,
            'analysis:' || attachment.id::text, jsonb_build_object('attachmentId', attachment.id))
    returning id into reply_id;
  end if;
  if jsonb_typeof(p_artifact) = 'object' then
    new_artifact_id := public.create_artifact_with_version(attachment.chat_id,
      (select c.project_id from public.chats c where c.id = attachment.chat_id),
      (p_artifact ->> 'type')::public.artifact_type, p_artifact ->> 'title', p_artifact ->> 'content',
      p_artifact -> 'contentJson', reply_id, p_artifact ->> 'description', 'Initial version');
    update public.artifacts a set metadata = a.metadata || jsonb_build_object('attachmentId', attachment.id)
     where a.id = new_artifact_id;
  end if;
  saved := coalesce(p_analysis, '{}'::jsonb)
           || jsonb_strip_nulls(jsonb_build_object('messageId', reply_id, 'artifactId', new_artifact_id));
  update public.attachments a
     set analysis = saved, processing_status = 'done', is_processed = true, processing_error = null,
         processed_at = now()
   where a.id = attachment.id;
  return saved;
end;
$function$;
revoke execute on function public.finish_attachment_analysis(uuid,jsonb,jsonb,jsonb) from public;
grant execute on function public.finish_attachment_analysis(uuid,jsonb,jsonb,jsonb) to service_role;
comment on function public.finish_attachment_analysis(uuid,jsonb,jsonb,jsonb) is 'Saves an attachment''s analysis with its chat message and artifact in one transaction; idempotent once done.';

-- function public.fork_chat(text)

CREATE OR REPLACE FUNCTION public.fork_chat(p_token text)
 RETURNS uuid
 LANGUAGE sql
 SET search_path TO ''
AS $function$ select private.fork_chat(p_token) $function$;
revoke execute on function public.fork_chat(text) from public;
grant execute on function public.fork_chat(text) to authenticated;

-- function public.get_artifact_panel(uuid,uuid,integer,integer,integer)

CREATE OR REPLACE FUNCTION public.get_artifact_panel(p_chat_id uuid, p_artifact_id uuid DEFAULT NULL::uuid, p_version integer DEFAULT NULL::integer, p_before integer DEFAULT NULL::integer, p_limit integer DEFAULT 30)
 RETURNS json
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select private.artifact_panel(p_chat_id, p_artifact_id, p_version, p_before, p_limit, null)
$function$;
revoke execute on function public.get_artifact_panel(uuid,uuid,integer,integer,integer) from public;
grant execute on function public.get_artifact_panel(uuid,uuid,integer,integer,integer) to authenticated;
grant execute on function public.get_artifact_panel(uuid,uuid,integer,integer,integer) to service_role;
comment on function public.get_artifact_panel(uuid,uuid,integer,integer,integer) is 'The artifact panel: the chat''s artifacts, one version, a keyset page of its timeline (p_before: older than that number).';

-- function public.get_chat_page(uuid,bigint,integer)

CREATE OR REPLACE FUNCTION public.get_chat_page(p_chat_id uuid, p_before_sequence bigint DEFAULT NULL::bigint, p_limit integer DEFAULT 50)
 RETURNS SETOF public.chat_message
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
declare
  start_id uuid;
  tail int8multirange;
  tail_parent uuid;
  below bigint;
  read_rows integer := 0;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'limit must be between 1 and 200 (got %)', p_limit using errcode = '22023';
  end if;
  select c.active_leaf_id, c.active_tail, c.active_tail_parent_id into start_id, tail, tail_parent
    from public.chats c where c.id = p_chat_id;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  if p_before_sequence is null then
    below := upper(tail);
  elsif p_before_sequence <@ tail then
    below := p_before_sequence;
  else
    -- The page before a message off the tail is its ancestors: start at the parent of the message with that number.
    tail := null;
    select m.parent_id into start_id from public.messages m where m.chat_id = p_chat_id and m.sequence_number = p_before_sequence;
    if not found then
      raise exception 'message % of chat % not found', p_before_sequence, p_chat_id using errcode = 'PT404';
    end if;
  end if;
  if tail is not null then
    -- Every message numbered in the tail is on the branch: the newest of them, by the (chat, number) index.
    return query
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index
      from public.messages m
     where m.chat_id = p_chat_id and m.sequence_number >= lower(tail) and m.sequence_number < below
       and m.sequence_number <@ tail
     order by m.sequence_number desc
     limit p_limit;
    get diagnostics read_rows = row_count;
    if read_rows >= p_limit then
      return;
    end if;
    start_id := tail_parent;
  end if;
  if start_id is null then
    return;
  end if;
  -- Above the tail (or without one), every step is one primary-key lookup.
  return query
  with recursive path as (
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index, 1 as depth
      from public.messages m where m.id = start_id
    union all
    select m.id, m.chat_id, m.parent_id, m.sequence_number, m.role, m.content, m.agent_name, m.agent_model,
           m.agent_icon, m.intent, m.input_tokens, m.output_tokens, m.created_artifact_ids, m.status, m.created_at,
           m.updated_at, m.sibling_count, m.sibling_index, path.depth + 1
      from public.messages m join path on m.id = path.parent_id
     where path.depth < p_limit - read_rows
  )
  select p.id, p.chat_id, p.parent_id, p.sequence_number, p.role, p.content, p.agent_name, p.agent_model, p.agent_icon,
         p.intent, p.input_tokens, p.output_tokens, p.created_artifact_ids, p.status, p.created_at, p.updated_at,
         p.sibling_count, p.sibling_index
    from path p
   order by p.sequence_number desc;
end;
$function$;
revoke execute on function public.get_chat_page(uuid,bigint,integer) from public;
grant execute on function public.get_chat_page(uuid,bigint,integer) to authenticated;
grant execute on function public.get_chat_page(uuid,bigint,integer) to service_role;

-- function public.get_messages_after(uuid,bigint,integer)

CREATE OR REPLACE FUNCTION public.get_messages_after(p_chat_id uuid, p_after_sequence bigint, p_limit integer DEFAULT 100)
 RETURNS SETOF public.messages
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select * from public.messages m
   where m.chat_id = p_chat_id and m.sequence_number > coalesce(p_after_sequence, 0)
   order by m.sequence_number
   limit least(greatest(coalesce(p_limit, 100), 1), 500)
$function$;
revoke execute on function public.get_messages_after(uuid,bigint,integer) from public;
grant execute on function public.get_messages_after(uuid,bigint,integer) to authenticated;
grant execute on function public.get_messages_after(uuid,bigint,integer) to service_role;

-- function public.get_shared_artifact_panel(text,uuid,integer,integer,integer)

CREATE OR REPLACE FUNCTION public.get_shared_artifact_panel(p_token text, p_artifact_id uuid DEFAULT NULL::uuid, p_version integer DEFAULT NULL::integer, p_before integer DEFAULT NULL::integer, p_limit integer DEFAULT 30)
 RETURNS json
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select private.get_shared_artifact_panel(p_token, p_artifact_id, p_version, p_before, p_limit)
$function$;
revoke execute on function public.get_shared_artifact_panel(text,uuid,integer,integer,integer) from public;
grant execute on function public.get_shared_artifact_panel(text,uuid,integer,integer,integer) to anon;
grant execute on function public.get_shared_artifact_panel(text,uuid,integer,integer,integer) to authenticated;

-- function public.get_shared_attachment(text,uuid)

CREATE OR REPLACE FUNCTION public.get_shared_attachment(p_token text, p_attachment_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select jsonb_build_object('storage_bucket', a.storage_bucket, 'storage_path', a.storage_path,
                            'thumbnail_path', a.thumbnail_path, 'file_type', a.file_type, 'filename', a.filename)
    from private.shared_attachments(p_token) a
   where a.id = p_attachment_id
$function$;
revoke execute on function public.get_shared_attachment(text,uuid) from public;
grant execute on function public.get_shared_attachment(text,uuid) to anon;
grant execute on function public.get_shared_attachment(text,uuid) to authenticated;

-- function public.get_shared_attachments(text)

CREATE OR REPLACE FUNCTION public.get_shared_attachments(p_token text)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', a.id, 'message_id', a.message_id, 'filename', a.filename, 'file_type', a.file_type,
           'file_size', a.file_size, 'category', a.category, 'processing_status', a.processing_status,
           'has_thumbnail', a.thumbnail_path is not null, 'metadata', a.metadata - 'original_name',
           'created_at', a.created_at) order by a.created_at, (a.metadata ->> 'position')::integer, a.id), '[]'::jsonb)
    from private.shared_attachments(p_token) a
$function$;
revoke execute on function public.get_shared_attachments(text) from public;
grant execute on function public.get_shared_attachments(text) to anon;
grant execute on function public.get_shared_attachments(text) to authenticated;

-- function public.get_shared_chat(text,bigint,integer)

CREATE OR REPLACE FUNCTION public.get_shared_chat(p_token text, p_before_sequence bigint DEFAULT NULL::bigint, p_limit integer DEFAULT 50)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$ select private.get_shared_chat(p_token, p_before_sequence, p_limit) $function$;
revoke execute on function public.get_shared_chat(text,bigint,integer) from public;
grant execute on function public.get_shared_chat(text,bigint,integer) to anon;
grant execute on function public.get_shared_chat(text,bigint,integer) to authenticated;

-- function public.handle_new_user()

CREATE OR REPLACE FUNCTION public.handle_new_user()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.profiles (id, display_name)
  values (new.id, nullif(new.raw_user_meta_data ->> 'name', ''));
  return new;
end;
$function$;

-- function public.insights_artifact_versions(date,date,integer,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_artifact_versions(p_from date, p_to date, p_limit integer DEFAULT 20, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(artifact_id uuid, chat_id uuid, title text, type public.artifact_type, version_number integer, created_at timestamp with time zone, agent_name text, agent_model text, input_tokens integer, output_tokens integer, cost numeric)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select a.id, a.chat_id, a.title, a.type, v.version_number, v.created_at, m.agent_name, m.agent_model,
         m.input_tokens, m.output_tokens, m.cost
    from public.artifact_versions v
    join public.artifacts a on a.id = v.artifact_id
    join public.messages m on m.id = v.created_by_message_id
   where v.created_at >= p_from::timestamp at time zone 'utc'
     and v.created_at < (p_to + 1)::timestamp at time zone 'utc'
     and m.role = 'assistant' and m.counts_as_usage
     and (p_agent is null or m.agent_name = p_agent) and (p_model is null or m.agent_model = p_model)
     and (p_project is null or a.project_id = p_project)
   order by v.created_at desc, v.version_number desc
   limit least(greatest(p_limit, 1), 100);
$function$;
revoke execute on function public.insights_artifact_versions(date,date,integer,text,text,uuid) from public;
grant execute on function public.insights_artifact_versions(date,date,integer,text,text,uuid) to authenticated;
grant execute on function public.insights_artifact_versions(date,date,integer,text,text,uuid) to service_role;
comment on function public.insights_artifact_versions(date,date,integer,text,text,uuid) is '/insights cost of the turn that wrote each artifact version.';

-- function public.insights_breakdown(date,date,text,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_breakdown(p_from date, p_to date, p_by text, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(key text, messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint, cache_write_tokens bigint, output_tokens bigint, cost numeric)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.unpriced_messages)::bigint, sum(u.input_uncached_tokens)::bigint,
         sum(u.cache_read_tokens)::bigint, sum(u.cache_write_tokens)::bigint, sum(u.output_tokens)::bigint, sum(u.cost)
    from (select t.day, t.agent_name, t.agent_model, t.messages, t.unpriced_messages, t.input_uncached_tokens,
                 t.cache_read_tokens, t.cache_write_tokens, t.output_tokens, t.cost
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.day, d.agent_name, d.agent_model, d.messages, d.unpriced_messages, d.input_uncached_tokens,
                 d.cache_read_tokens, d.cache_write_tokens, d.output_tokens, d.cost
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
   group by 1
   order by 8 desc, 2 desc;
$function$;
revoke execute on function public.insights_breakdown(date,date,text,text,text,uuid) from public;
grant execute on function public.insights_breakdown(date,date,text,text,text,uuid) to authenticated;
grant execute on function public.insights_breakdown(date,date,text,text,text,uuid) to service_role;
comment on function public.insights_breakdown(date,date,text,text,text,uuid) is '/insights cost by agent or share by model.';

-- function public.insights_daily(date,date,text,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_daily(p_from date, p_to date, p_by text, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(day date, key text, messages bigint, input_tokens bigint, output_tokens bigint, cost numeric)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select u.day, case when p_by = 'agent' then u.agent_name else u.agent_model end,
         sum(u.messages)::bigint, sum(u.input_uncached_tokens + u.cache_read_tokens + u.cache_write_tokens)::bigint,
         sum(u.output_tokens)::bigint, sum(u.cost)
    from (select t.day, t.agent_name, t.agent_model, t.messages, t.unpriced_messages, t.input_uncached_tokens,
                 t.cache_read_tokens, t.cache_write_tokens, t.output_tokens, t.cost
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.day, d.agent_name, d.agent_model, d.messages, d.unpriced_messages, d.input_uncached_tokens,
                 d.cache_read_tokens, d.cache_write_tokens, d.output_tokens, d.cost
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
   group by 1, 2
   order by 1, 2;
$function$;
revoke execute on function public.insights_daily(date,date,text,text,text,uuid) from public;
grant execute on function public.insights_daily(date,date,text,text,text,uuid) to authenticated;
grant execute on function public.insights_daily(date,date,text,text,text,uuid) to service_role;
comment on function public.insights_daily(date,date,text,text,text,uuid) is '/insights per-day chart: by agent (p_by = agent) or by model.';

-- function public.insights_rows(date,date,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_rows(p_from date, p_to date, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(day date, chat_id uuid, chat_title text, project_name text, agent_name text, agent_model text, messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint, cache_write_tokens bigint, output_tokens bigint, cost numeric)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select u.day, u.chat_id, c.title, p.name, u.agent_name, u.agent_model, u.messages, u.unpriced_messages,
         u.input_uncached_tokens, u.cache_read_tokens, u.cache_write_tokens, u.output_tokens, u.cost
    from public.usage_daily u
    left join public.chats c on c.id = u.chat_id
    left join public.projects p on p.id = u.project_id
   where u.day between p_from and p_to
     and (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model)
     and (p_project is null or u.project_id = p_project)
   order by u.day desc, u.cost desc, u.chat_id, u.agent_name, u.agent_model
   limit 50000;
$function$;
revoke execute on function public.insights_rows(date,date,text,text,uuid) from public;
grant execute on function public.insights_rows(date,date,text,text,uuid) to authenticated;
grant execute on function public.insights_rows(date,date,text,text,uuid) to service_role;
comment on function public.insights_rows(date,date,text,text,uuid) is '/insights CSV: rollup rows with chat titles and project names.';

-- function public.insights_top_chats(date,date,integer,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_top_chats(p_from date, p_to date, p_limit integer DEFAULT 10, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(chat_id uuid, title text, project_id uuid, messages bigint, input_tokens bigint, output_tokens bigint, cost numeric, unpriced_messages bigint)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select t.chat_id, c.title, c.project_id, t.messages, t.input_tokens, t.output_tokens, t.cost, t.unpriced_messages
    from (select u.chat_id, sum(u.messages)::bigint as messages, sum(u.input_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from (select c2.chat_id, c2.messages, c2.input_tokens, c2.output_tokens, c2.cost, c2.unpriced_messages
                    from public.usage_daily_chats c2
                   where p_agent is null and p_model is null and p_project is null and c2.day between p_from and p_to
                  union all
                  -- With a filter, the chat-level rows that match it.
                  select d.chat_id, d.messages, d.input_uncached_tokens + d.cache_read_tokens + d.cache_write_tokens,
                         d.output_tokens, d.cost, d.unpriced_messages
                    from public.usage_daily d
                   where (p_agent is not null or p_model is not null or p_project is not null)
                     and d.day between p_from and p_to
                     and (p_agent is null or d.agent_name = p_agent) and (p_model is null or d.agent_model = p_model)
                     and (p_project is null or d.project_id = p_project)) u
           group by u.chat_id
           order by sum(u.cost) desc, sum(u.messages) desc, u.chat_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.chats c on c.id = t.chat_id
   order by t.cost desc, t.messages desc, t.chat_id;
$function$;
revoke execute on function public.insights_top_chats(date,date,integer,text,text,uuid) from public;
grant execute on function public.insights_top_chats(date,date,integer,text,text,uuid) to authenticated;
grant execute on function public.insights_top_chats(date,date,integer,text,text,uuid) to service_role;
comment on function public.insights_top_chats(date,date,integer,text,text,uuid) is '/insights top chats by cost.';

-- function public.insights_top_projects(date,date,integer,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_top_projects(p_from date, p_to date, p_limit integer DEFAULT 10, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(project_id uuid, name text, target_budget numeric, currency text, messages bigint, input_tokens bigint, output_tokens bigint, cost numeric, unpriced_messages bigint)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select t.project_id, p.name, p.target_budget, p.currency, t.messages, t.input_tokens, t.output_tokens, t.cost,
         t.unpriced_messages
    from (select u.project_id, sum(u.messages)::bigint as messages, sum(u.input_tokens)::bigint as input_tokens,
                 sum(u.output_tokens)::bigint as output_tokens, sum(u.cost) as cost,
                 sum(u.unpriced_messages)::bigint as unpriced_messages
            from (select p2.project_id, p2.messages, p2.input_tokens, p2.output_tokens, p2.cost, p2.unpriced_messages
                    from public.usage_daily_projects p2
                   where p_agent is null and p_model is null and p2.day between p_from and p_to
                  union all
                  -- With an agent or model filter, the chat-level rows that match it.
                  select d.project_id, d.messages, d.input_uncached_tokens + d.cache_read_tokens + d.cache_write_tokens,
                         d.output_tokens, d.cost, d.unpriced_messages
                    from public.usage_daily d
                   where (p_agent is not null or p_model is not null) and d.project_id is not null
                     and d.day between p_from and p_to
                     and (p_agent is null or d.agent_name = p_agent) and (p_model is null or d.agent_model = p_model)) u
           where p_project is null or u.project_id = p_project
           group by u.project_id
           order by sum(u.cost) desc, u.project_id
           limit least(greatest(p_limit, 1), 100)) t
    left join public.projects p on p.id = t.project_id
   order by t.cost desc, t.project_id;
$function$;
revoke execute on function public.insights_top_projects(date,date,integer,text,text,uuid) from public;
grant execute on function public.insights_top_projects(date,date,integer,text,text,uuid) to authenticated;
grant execute on function public.insights_top_projects(date,date,integer,text,text,uuid) to service_role;
comment on function public.insights_top_projects(date,date,integer,text,text,uuid) is '/insights top projects by cost, with their budget.';

-- function public.insights_totals(date,date,text,text,uuid)

CREATE OR REPLACE FUNCTION public.insights_totals(p_from date, p_to date, p_agent text DEFAULT NULL::text, p_model text DEFAULT NULL::text, p_project uuid DEFAULT NULL::uuid)
 RETURNS TABLE(messages bigint, unpriced_messages bigint, input_uncached_tokens bigint, cache_read_tokens bigint, cache_write_tokens bigint, output_tokens bigint, cost numeric)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select coalesce(sum(u.messages), 0)::bigint, coalesce(sum(u.unpriced_messages), 0)::bigint,
         coalesce(sum(u.input_uncached_tokens), 0)::bigint, coalesce(sum(u.cache_read_tokens), 0)::bigint,
         coalesce(sum(u.cache_write_tokens), 0)::bigint, coalesce(sum(u.output_tokens), 0)::bigint,
         coalesce(sum(u.cost), 0)
    from (select t.messages, t.unpriced_messages, t.input_uncached_tokens, t.cache_read_tokens, t.cache_write_tokens,
                 t.output_tokens, t.cost, t.agent_name, t.agent_model
            from public.usage_daily_totals t where p_project is null and t.day between p_from and p_to
          union all
          select d.messages, d.unpriced_messages, d.input_uncached_tokens, d.cache_read_tokens, d.cache_write_tokens,
                 d.output_tokens, d.cost, d.agent_name, d.agent_model
            from public.usage_daily d where d.project_id = p_project and d.day between p_from and p_to) u
   where (p_agent is null or u.agent_name = p_agent) and (p_model is null or u.agent_model = p_model);
$function$;
revoke execute on function public.insights_totals(date,date,text,text,uuid) from public;
grant execute on function public.insights_totals(date,date,text,text,uuid) to authenticated;
grant execute on function public.insights_totals(date,date,text,text,uuid) to service_role;
comment on function public.insights_totals(date,date,text,text,uuid) is '/insights KPI cards: settled replies, tokens by kind, cost, unpriced replies.';

-- function public.interrupt_stale_replies(uuid)

CREATE OR REPLACE FUNCTION public.interrupt_stale_replies(p_chat_id uuid)
 RETURNS SETOF public.messages
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id and c.user_id = (select auth.uid())) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  return query
    update public.messages m set status = 'interrupted'
     where m.chat_id = p_chat_id and m.status = 'streaming' and m.updated_at < now() - private.reply_stale_after()
    returning m.*;
end;
$function$;
revoke execute on function public.interrupt_stale_replies(uuid) from public;
grant execute on function public.interrupt_stale_replies(uuid) to authenticated;

-- function public.is_insights_admin()

CREATE OR REPLACE FUNCTION public.is_insights_admin()
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select private.is_insights_admin();
$function$;
revoke execute on function public.is_insights_admin() from public;
grant execute on function public.is_insights_admin() to authenticated;
grant execute on function public.is_insights_admin() to service_role;
comment on function public.is_insights_admin() is 'Whether the caller may see the whole team''s usage on /insights.';

-- function public.list_chats(timestamp with time zone,uuid,integer,boolean)

CREATE OR REPLACE FUNCTION public.list_chats(p_before_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_before_id uuid DEFAULT NULL::uuid, p_limit integer DEFAULT 30, p_archived boolean DEFAULT false)
 RETURNS TABLE(id uuid, title text, last_message_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_bitmapscan TO 'off'
 SET enable_sort TO 'off'
 SET enable_incremental_sort TO 'off'
AS $function$
declare
  bound_at timestamptz := coalesce(p_before_at, 'infinity');
  bound_id uuid := coalesce(p_before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff');
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'A chat-list page holds between 1 and 200 chats (asked for %).', p_limit using errcode = '22023';
  end if;
  if (p_before_at is null) <> (p_before_id is null) then
    raise exception 'A chat-list cursor needs both the time and the id of the last chat shown.' using errcode = '22023';
  end if;
  if p_archived then
    return query
    select c.id, c.title, c.last_message_at
      from public.chats c
     where c.user_id = (select auth.uid()) and c.deleted_at is null and c.archived_at is not null
       and (c.last_message_at, c.id) < (bound_at, bound_id)
     order by c.last_message_at desc, c.id desc
     limit p_limit;
  else
    return query
    select c.id, c.title, c.last_message_at
      from public.chats c
     where c.user_id = (select auth.uid()) and c.deleted_at is null and c.archived_at is null
       and (c.last_message_at, c.id) < (bound_at, bound_id)
     order by c.last_message_at desc, c.id desc
     limit p_limit;
  end if;
end $function$;
revoke execute on function public.list_chats(timestamp with time zone,uuid,integer,boolean) from public;
grant execute on function public.list_chats(timestamp with time zone,uuid,integer,boolean) to authenticated;
grant execute on function public.list_chats(timestamp with time zone,uuid,integer,boolean) to service_role;
comment on function public.list_chats(timestamp with time zone,uuid,integer,boolean) is 'One page of the caller''s chats (archived or not), newest activity first, after the cursor (at, id); its plan is the ordered walk of the list''s index whatever the statistics.';

-- function public.open_agent_turn(uuid,uuid,public.message_intent,text,text,text,text)

CREATE OR REPLACE FUNCTION public.open_agent_turn(p_chat_id uuid, p_message_id uuid, p_intent public.message_intent, p_agent_name text, p_model text, p_icon text, p_reply_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  service private.agent_services;
  job private.agent_jobs;
  new_token text := private.new_agent_secret('ohm_job_');
  started jsonb;
begin
  select * into service from private.agent_services s where s.built_in and s.revoked_at is null order by s.created_at limit 1;
  if not found then
    raise exception 'the built-in agent service is missing or revoked' using errcode = 'PT401';
  end if;
  if not exists (select 1 from public.messages m
                  where m.id = p_message_id and m.chat_id = p_chat_id and m.role = 'user') then
    raise exception 'message % is not a user message of chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  insert into private.agent_jobs (service_id, chat_id, message_id, intent, agent_name, status, token_hash, claimed_at,
    expires_at, last_seen_at)
  values (service.id, p_chat_id, p_message_id, p_intent, p_agent_name, 'open', private.agent_secret_hash(new_token), now(),
          now() + private.agent_job_lifetime(), now())
  returning * into job;
  started := public.agent_job_write(new_token, job.id, 'reply.start', 'reply.start',
    jsonb_strip_nulls(jsonb_build_object('model', p_model, 'icon', p_icon, 'reply_key', p_reply_key)));
  select * into job from private.agent_jobs j where j.id = job.id;
  return jsonb_build_object('job', private.agent_job_json(job), 'token', new_token, 'reply', started);
end;
$function$;
revoke execute on function public.open_agent_turn(uuid,uuid,public.message_intent,text,text,text,text) from public;
grant execute on function public.open_agent_turn(uuid,uuid,public.message_intent,text,text,text,text) to service_role;
comment on function public.open_agent_turn(uuid,uuid,public.message_intent,text,text,text,text) is 'Opens a job of OHM''s in-process agents on one user message and starts its reply; returns the job token, once.';

-- function public.project_current_artifacts(uuid)

CREATE OR REPLACE FUNCTION public.project_current_artifacts(p_project_id uuid)
 RETURNS TABLE(artifact_id uuid, chat_id uuid, type public.artifact_type, title text, version_number integer, version_id uuid, change_summary text, updated_at timestamp with time zone)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select distinct on (a.type) a.id, a.chat_id, a.type, a.title, v.version_number, v.id, v.change_summary, a.updated_at
    from public.artifacts a
    join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
   where a.project_id = p_project_id and a.is_visible
   order by a.type, a.updated_at desc, a.id desc;
$function$;
revoke execute on function public.project_current_artifacts(uuid) from public;
grant execute on function public.project_current_artifacts(uuid) to authenticated;
grant execute on function public.project_current_artifacts(uuid) to service_role;
comment on function public.project_current_artifacts(uuid) is 'The current artifact of each type of a project: the visible one that changed last, in whichever chat of the project.';

-- function public.register_agent_service(text,integer,integer)

CREATE OR REPLACE FUNCTION public.register_agent_service(p_name text, p_writes_per_minute integer DEFAULT NULL::integer, p_job_writes_per_minute integer DEFAULT NULL::integer)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  new_key text := private.new_agent_secret('ohm_agent_');
  service private.agent_services;
begin
  insert into private.agent_services (name, key_hash, key_prefix, writes_per_minute, job_writes_per_minute)
  values (p_name, private.agent_secret_hash(new_key), left(new_key, 16), p_writes_per_minute, p_job_writes_per_minute)
  returning * into service;
  return jsonb_build_object('id', service.id, 'name', service.name, 'key', new_key);
exception when unique_violation then
  raise exception 'an agent service named % already exists', p_name using errcode = '23505';
end;
$function$;
revoke execute on function public.register_agent_service(text,integer,integer) from public;
grant execute on function public.register_agent_service(text,integer,integer) to service_role;
comment on function public.register_agent_service(text,integer,integer) is 'Registers an external agent service and returns its key, once.';

-- function public.resolve_personal_access_token(text)

CREATE OR REPLACE FUNCTION public.resolve_personal_access_token(p_token text)
 RETURNS TABLE(token_id uuid, user_id uuid, scope public.access_token_scope, state text, expires_at timestamp with time zone, is_anonymous boolean, email text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  found_token public.personal_access_tokens;
begin
  if p_token is null or char_length(p_token) > 200 then
    return;
  end if;
  select * into found_token from public.personal_access_tokens t where t.token_hash = sha256(convert_to(p_token, 'UTF8'));
  if not found then
    return;
  end if;
  if found_token.revoked_at is null and found_token.expires_at > now()
     and (found_token.last_used_at is null or found_token.last_used_at < now() - interval '1 minute') then
    update public.personal_access_tokens t set last_used_at = now() where t.id = found_token.id;
  end if;
  return query
    select found_token.id, found_token.user_id, found_token.scope,
           case when found_token.revoked_at is not null then 'revoked'
                when found_token.expires_at <= now() then 'expired'
                else 'active' end,
           found_token.expires_at, coalesce(u.is_anonymous, false), u.email::text
      from auth.users u where u.id = found_token.user_id;
end;
$function$;
revoke execute on function public.resolve_personal_access_token(text) from public;
grant execute on function public.resolve_personal_access_token(text) to anon;
grant execute on function public.resolve_personal_access_token(text) to service_role;
comment on function public.resolve_personal_access_token(text) is 'Who a presented token secret belongs to, its scope and whether it is active, revoked or expired; nothing for an unknown secret.';

-- function public.restore_archived_chat(uuid,text)

CREATE OR REPLACE FUNCTION public.restore_archived_chat(p_chat_id uuid, p_jsonl text)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO ''
AS $function$ select private.restore_archived_chat(p_chat_id, p_jsonl) $function$;
revoke execute on function public.restore_archived_chat(uuid,text) from public;
grant execute on function public.restore_archived_chat(uuid,text) to authenticated;

-- function public.restore_artifact_version(uuid,integer,integer)

CREATE OR REPLACE FUNCTION public.restore_artifact_version(p_artifact_id uuid, p_version_number integer, p_expected_version integer)
 RETURNS public.artifact_versions
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  target public.artifacts;
  old public.artifact_versions;
  created public.artifact_versions;
begin
  target := private.writable_artifact(p_artifact_id);
  select * into old from public.artifact_versions where artifact_id = p_artifact_id and version_number = p_version_number;
  if not found then
    raise exception '% has no version %: its versions are 1 to %', target.title, p_version_number, target.total_versions
      using errcode = 'PT404';
  end if;
  if p_version_number = target.current_version then
    raise exception 'v% is already the current version: there is nothing to restore', p_version_number using errcode = '22023';
  end if;
  created := private.add_version(p_artifact_id, p_expected_version, old.content, old.content_json,
                                 format('Restored v%s', p_version_number), null, 'user');
  perform private.copy_version_rows(old.id, created.id);
  if target.type = 'bom' then
    perform private.mark_bom_dependants_stale(target.chat_id, created.version_number,
      format('BOM v%s restored v%s', created.version_number, p_version_number));
  end if;
  return created;
end;
$function$;
revoke execute on function public.restore_artifact_version(uuid,integer,integer) from public;
grant execute on function public.restore_artifact_version(uuid,integer,integer) to authenticated;
grant execute on function public.restore_artifact_version(uuid,integer,integer) to service_role;

-- function public.revoke_agent_service(text)

CREATE OR REPLACE FUNCTION public.revoke_agent_service(p_name text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  revoked_id uuid;
begin
  update private.agent_services s set revoked_at = now()
   where s.name = p_name and s.revoked_at is null and not s.built_in
  returning s.id into revoked_id;
  if revoked_id is null then
    return false;
  end if;
  update public.messages m set status = 'interrupted'
    from private.agent_jobs j
   where j.service_id = revoked_id and j.status in ('pending', 'open')
     and m.id = j.reply_message_id and m.status = 'streaming';
  update private.agent_jobs j set status = 'interrupted', finished_at = now()
   where j.service_id = revoked_id and j.status in ('pending', 'open');
  return true;
end;
$function$;
revoke execute on function public.revoke_agent_service(text) from public;
grant execute on function public.revoke_agent_service(text) to service_role;
comment on function public.revoke_agent_service(text) is 'Revokes an agent service''s key and ends its unfinished jobs.';

-- function public.revoke_personal_access_token(uuid)

CREATE OR REPLACE FUNCTION public.revoke_personal_access_token(p_token_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  update public.personal_access_tokens t set revoked_at = now()
   where t.id = p_token_id and t.revoked_at is null;
  if not found and not exists (select 1 from public.personal_access_tokens t where t.id = p_token_id) then
    raise exception 'token % not found', p_token_id using errcode = 'PT404';
  end if;
end;
$function$;
revoke execute on function public.revoke_personal_access_token(uuid) from public;
grant execute on function public.revoke_personal_access_token(uuid) to authenticated;
comment on function public.revoke_personal_access_token(uuid) is 'Revokes one of the caller''s tokens at once (a second revoke is a no-op).';

-- function public.revoke_share(uuid)

CREATE OR REPLACE FUNCTION public.revoke_share(p_share_id uuid)
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$ select private.revoke_share(p_share_id) $function$;
revoke execute on function public.revoke_share(uuid) from public;
grant execute on function public.revoke_share(uuid) to authenticated;

-- function public.save_artifact_version(uuid,integer,text,jsonb,text,jsonb)

CREATE OR REPLACE FUNCTION public.save_artifact_version(p_artifact_id uuid, p_expected_version integer, p_content text, p_content_json jsonb, p_change_summary text, p_rows jsonb DEFAULT '{}'::jsonb)
 RETURNS public.artifact_versions
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  target public.artifacts;
  created public.artifact_versions;
begin
  target := private.writable_artifact(p_artifact_id);
  perform private.check_artifact_limits(p_content, p_content_json, p_change_summary, p_rows);
  created := private.add_version(p_artifact_id, p_expected_version, p_content, p_content_json, btrim(p_change_summary),
                                 null, 'user');
  if target.project_id is not null then
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, part_number, manufacturer, quantity,
      voltage, current, interface_type, price, supplier, supplier_url, specs, alternatives, compatibility_warnings)
    select target.project_id, p_artifact_id, created.id, r.name, r.part_number, r.manufacturer, coalesce(r.quantity, 1),
           r.voltage, r.current, r.interface_type, r.price, r.supplier, r.supplier_url, coalesce(r.specs, '{}'::jsonb),
           coalesce(r.alternatives, '[]'::jsonb), coalesce(r.compatibility_warnings, '{}')
      from jsonb_populate_recordset(null::public.parts, coalesce(p_rows -> 'parts', '[]'::jsonb)) r;
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, platform, content,
      unit_number, required_libraries, is_production_ready)
    select target.project_id, p_artifact_id, created.id, r.filename, r.language, r.platform, coalesce(r.content, ''),
           r.unit_number, coalesce(r.required_libraries, '{}'), coalesce(r.is_production_ready, false)
      from jsonb_populate_recordset(null::public.code_files, coalesce(p_rows -> 'codeFiles', '[]'::jsonb)) r;
  end if;
  if target.type = 'bom' then
    perform private.mark_bom_dependants_stale(target.chat_id, created.version_number,
      format('BOM v%s: %s', created.version_number, left(created.change_summary, 200)));
  end if;
  return created;
end;
$function$;
revoke execute on function public.save_artifact_version(uuid,integer,text,jsonb,text,jsonb) from public;
grant execute on function public.save_artifact_version(uuid,integer,text,jsonb,text,jsonb) to authenticated;
grant execute on function public.save_artifact_version(uuid,integer,text,jsonb,text,jsonb) to service_role;
comment on function public.save_artifact_version(uuid,integer,text,jsonb,text,jsonb) is 'A version the user wrote, after p_expected_version or a PT409 conflict, with its parts and code_files rows.';

-- function public.search_messages(text,integer,text,text,public.message_intent,timestamp with time zone,timestamp with time zone)

CREATE OR REPLACE FUNCTION public.search_messages(p_query text, p_limit integer DEFAULT 20, p_cursor text DEFAULT NULL::text, p_agent text DEFAULT NULL::text, p_intent public.message_intent DEFAULT NULL::public.message_intent, p_from timestamp with time zone DEFAULT NULL::timestamp with time zone, p_to timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS SETOF public.search_hit
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
declare
  scan_rows constant integer := 1000;
  -- The rows a new window reads by recency: scan_rows, doubled after each sparse window up to 64 times scan_rows.
  recent_rows integer := scan_rows;
  window_size constant integer := 200;
  rare_below constant integer := 20;
  me uuid := auth.uid();
  q tsquery;
  keys bigint[];
  any_of boolean;
  -- The current window is the keys (created_at, id) in [low, high); a null high has no upper bound, and a high
  -- without an id (p_to) excludes that instant.
  high_at timestamptz := p_to;
  high_id uuid;
  low_at timestamptz;
  low_id uuid;
  kind text;
  after_rank real;
  after_id uuid;
  ids uuid[];
  ats timestamptz[];
  ranks real[];
  edge_at timestamptz;
  edge_id uuid;
  last_window boolean := false;
  -- Whether the user's chats hold fewer messages than a recency window reads (counted once).
  few boolean;
  -- Whether the (user, word) index holds fewer of this user's entries for the query than a recency window reads
  -- (probed once, when a window first finds the query rare), and whether the window being read is one of recency
  -- rows that the index was too large to complete.
  index_small boolean;
  sparse boolean;
  -- Whether a window a cursor names as an index window may be read from the index (not when the index is large).
  index_window boolean := true;
  -- An index window read in one statement: its size, and the cursor prefix its hits share.
  hit record;
  window_rows bigint;
  window_cursor text;
  fetched integer;
  remaining integer := p_limit;
  returned integer;
  parts text[];
begin
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'limit must be between 1 and 100 (got %)', p_limit using errcode = '22023';
  end if;
  if p_query is null or char_length(p_query) > 1000 then
    raise exception 'a search can be at most 1000 characters' using errcode = '22001';
  end if;
  q := websearch_to_tsquery('english', p_query);
  if q is null or numnode(q) = 0 or me is null then
    return;
  end if;
  select k.keys, k.any_of into keys, any_of from private.search_query_keys(me, q) k;
  few := private.search_user_has_few_messages(me, scan_rows);
  if p_cursor is not null then
    -- high~high_id~low~low_id~kind~rank~id, times as microseconds since the epoch.
    begin
      parts := string_to_array(p_cursor, '~');
      if cardinality(parts) <> 7 or parts[5] not in ('r', 'g') then
        raise exception 'bad cursor';
      end if;
      high_at := case when parts[1] <> '' then to_timestamp(0) + (parts[1]::bigint || ' microseconds')::interval end;
      high_id := nullif(parts[2], '')::uuid;
      low_at := to_timestamp(0) + (parts[3]::bigint || ' microseconds')::interval;
      low_id := parts[4]::uuid;
      kind := parts[5];
      after_rank := parts[6]::real;
      after_id := parts[7]::uuid;
    exception when others then
      raise exception 'invalid search cursor' using errcode = '22023';
    end;
  end if;
  if kind = 'g' and keys is not null and not few then
    -- The cursor is the client's text: its window is read from the index only where this function would have made it.
    index_small := private.search_index_is_small(keys, any_of, scan_rows);
    index_window := index_small;
  end if;

  for step in 1..50 loop
    if keys is not null and index_window and (kind = 'g' or (kind is null and few)) then
      -- A window read from the (user, word) index (a user with few messages, or a window a cursor names) in one
      -- statement: the window's matches (its newest window_size below `high`, or those in [low, high)) ranked, with
      -- the window's size and bounds on every row, and the page's hits after the cursor, best first, joined to
      -- their chat after the LIMIT (so that only the page's rows are looked up). Snippets are made here, for the
      -- rows returned; a hit in a deleted chat is skipped, and should that leave the page short, the window is read
      -- on from the last hit seen. No arrays and no second read of the window's messages, as the recency path has.
      window_rows := null;
      returned := 0;
      fetched := 0;
      for hit in
        select w.id, w.rank, w.window_rows, w.newest_at, w.oldest_at, w.oldest_id, w.chat_id, c.title, c.id is not null as live,
               w.sequence_number, w.role, w.agent_name, w.intent, w.created_at, w.content
          from (select w.* from (select o.*,
                       count(*) over whole as window_rows,
                       first_value(o.created_at) over whole as newest_at,
                       last_value(o.created_at) over whole as oldest_at,
                       last_value(o.id) over whole as oldest_id
                  from (select m.id, m.created_at, pg_catalog.ts_rank_cd(m.content_search, q) as rank, m.chat_id,
                               m.sequence_number, m.role, m.agent_name, m.intent, m.content
                          from (select k.* from public.messages k
                                 where not any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.@>) keys
                                union all
                                select k.* from public.messages k
                                 where any_of and private.search_keys(k.user_id, k.content_search) operator(pg_catalog.&&) keys) m
                         where (m.user_id = me) is true
                           and m.content_search @@ q
                           and (m.created_at, m.id) < (coalesce(high_at, 'infinity'), coalesce(high_id, '00000000-0000-0000-0000-000000000000'))
                           and (m.created_at, m.id) >= (coalesce(low_at, '-infinity'), coalesce(low_id, '00000000-0000-0000-0000-000000000000'))
                           and m.created_at >= coalesce(p_from, '-infinity')
                           and (p_agent is null or m.agent_name = p_agent)
                           and (p_intent is null or m.intent = p_intent)
                         order by m.created_at desc, m.id desc
                         limit window_size) o
                window whole as (order by o.created_at desc, o.id desc rows between unbounded preceding and unbounded following)) w
                 where after_rank is null or (w.rank, w.id) < (after_rank, after_id)
                 order by w.rank desc, w.id desc
                 limit remaining) w
          left join public.chats c on c.id = w.chat_id and c.deleted_at is null
         order by w.rank desc, w.id desc
      loop
        if window_rows is null then
          window_rows := hit.window_rows;
          if kind is null then
            kind := 'g';
            -- Bound the window just above its newest match, so that reading it again for a later page (by the
            -- index, a window's worth) is not crowded out by matches written since.
            high_at := coalesce(high_at, hit.newest_at + interval '1 microsecond');
            low_at := hit.oldest_at;
            low_id := hit.oldest_id;
          end if;
          window_cursor := concat_ws('~', coalesce((extract(epoch from high_at) * 1e6)::bigint::text, ''),
                                     coalesce(high_id::text, ''), (extract(epoch from low_at) * 1e6)::bigint, low_id, kind);
        end if;
        fetched := fetched + 1;
        -- Where a second read of this window starts, should hits in deleted chats have taken up the page.
        after_rank := hit.rank;
        after_id := hit.id;
        continue when not hit.live;
        -- The escaping of private.escape_html, written out: a SQL function with `set` is called, not inlined,
        -- and that call per snippet was a twentieth of a typical search.
        return next row(hit.id, hit.chat_id, hit.title, hit.sequence_number, hit.role, hit.agent_name, hit.intent,
                        hit.created_at, hit.rank,
                        ts_headline('english',
                          replace(replace(replace(replace(replace(hit.content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
                          q, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
                        concat_ws('~', window_cursor, hit.rank, hit.id))::public.search_hit;
        returned := returned + 1;
      end loop;
      if window_rows is null then
        if kind is null then
          -- No match at all.
          return;
        end if;
        -- Nothing after the cursor in the window it names: whether that was the last window.
        select count(*) into window_rows
          from private.search_older(me, q, keys, any_of, high_at, high_id, low_at, low_id, p_from, p_agent, p_intent, window_size);
      end if;
      if remaining <= returned then
        return;
      end if;
      if fetched = remaining then
        -- The page held hits in deleted chats: the rest of this window first.
        remaining := remaining - returned;
        continue;
      end if;
      remaining := remaining - returned;
      if window_rows < window_size then
        return;
      end if;
      -- On to the next window, below this one (a new window has no lower bound).
      high_at := low_at;
      high_id := low_id;
      low_at := null;
      low_id := null;
      kind := null;
      after_rank := null;
      after_id := null;
      continue;
    end if;
    if kind is null then
      -- A new window: the newest matches below `high`, read newest first.
      select coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
             coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
        into ids, ats, ranks
        from private.search_recent(me, q, high_at, high_id, null, null, p_from, p_agent, p_intent, recent_rows, window_size) r;
      kind := 'r';
      sparse := false;
      if cardinality(ids) < rare_below then
        select e.created_at, e.id into edge_at, edge_id
          from private.search_scan_edge(me, high_at, high_id, p_from, recent_rows - 1) e;
        last_window := not found;
        if not last_window and keys is not null and index_small is null then
          index_small := private.search_index_is_small(keys, any_of, scan_rows);
        end if;
        if not last_window and keys is not null and not index_small then
          -- Rare among these rows but not for this user: reading every older match from the index would read all
          -- of them (a heavy user's common word, tens of thousands) to keep the newest few. The window is the rows
          -- just read instead, and the next one reads on by recency below them, twice as many, so that the
          -- windows a call may read reach back through any history.
          sparse := true;
          recent_rows := least(recent_rows * 2, 64 * scan_rows);
        elsif not last_window then
          -- Rare for this user: the matches older than the rows just read come from the (user, word) index (or,
          -- for a query it cannot narrow, from reading on by recency).
          kind := 'g';
          select ids || coalesce(array_agg(r.id order by r.created_at desc, r.id desc), '{}'),
                 ats || coalesce(array_agg(r.created_at order by r.created_at desc, r.id desc), '{}'),
                 ranks || coalesce(array_agg(r.rank order by r.created_at desc, r.id desc), '{}')
            into ids, ats, ranks
            from (select * from private.search_older(me, q, keys, any_of, edge_at, edge_id, null, null, p_from, p_agent,
                                                     p_intent, window_size - cardinality(ids))
                   where keys is not null
                  union all
                  select * from private.search_recent(me, q, edge_at, edge_id, null, null, p_from, p_agent, p_intent,
                                                      2147483647, window_size - cardinality(ids))
                   where keys is null) r;
          -- The index gave every older match there is unless the window filled up.
          last_window := cardinality(ids) < window_size;
        end if;
      end if;
      if sparse then
        low_at := edge_at;
        low_id := edge_id;
      elsif cardinality(ids) = 0 then
        return;
      else
        low_at := ats[cardinality(ats)];
        low_id := ids[cardinality(ids)];
      end if;
    else
      -- The window a cursor names, read again: by recency (a first window, which has no upper bound, twice its rows
      -- for messages written since; any other to its end, as it may be a sparse window of many rows), or for a
      -- query the index cannot narrow or an index window of a large index, by recency to the window's end (an index
      -- window is read above).
      select coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.rank), '{}')
        into ids, ranks
        from (select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  case when high_at is null then 2 * scan_rows else 2147483647 end,
                                                  window_size)
               where kind = 'r'
              union all
              select * from private.search_recent(me, q, high_at, high_id, low_at, low_id, null, p_agent, p_intent,
                                                  2147483647, window_size)
               where kind = 'g' and (keys is null or not index_window)) r;
      last_window := kind = 'g' and cardinality(ids) < window_size;
    end if;

    -- The window's best hits after the cursor; snippets only for the rows returned.
    return query
    select h.id, h.chat_id, c.title, h.sequence_number, h.role, h.agent_name, h.intent, h.created_at, w.rank,
           ts_headline('english', private.escape_html(h.content), q,
             'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
           concat_ws('~', coalesce((extract(epoch from high_at) * 1e6)::bigint::text, ''), coalesce(high_id::text, ''),
                     (extract(epoch from low_at) * 1e6)::bigint, low_id, kind, w.rank, h.id)
      from (select u.id, u.rank from unnest(ids, ranks) u(id, rank)
             where after_rank is null or (u.rank, u.id) < (after_rank, after_id)
             order by u.rank desc, u.id desc) w
      cross join lateral (select m.* from public.messages m where m.id = w.id) h
      join public.chats c on c.id = h.chat_id and c.deleted_at is null
     order by w.rank desc, w.id desc
     limit remaining;
    get diagnostics returned = row_count;
    remaining := remaining - returned;
    if remaining <= 0 or last_window then
      return;
    end if;
    -- On to the next window, below this one.
    high_at := low_at;
    high_id := low_id;
    kind := null;
    after_rank := null;
    after_id := null;
  end loop;
end;
$function$;
revoke execute on function public.search_messages(text,integer,text,text,public.message_intent,timestamp with time zone,timestamp with time zone) from public;
grant execute on function public.search_messages(text,integer,text,text,public.message_intent,timestamp with time zone,timestamp with time zone) to authenticated;
grant execute on function public.search_messages(text,integer,text,text,public.message_intent,timestamp with time zone,timestamp with time zone) to service_role;

-- function public.share_expires_at(text)

CREATE OR REPLACE FUNCTION public.share_expires_at(p_token text)
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$ select private.share_expires_at(p_token) $function$;
revoke execute on function public.share_expires_at(text) from public;
grant execute on function public.share_expires_at(text) to anon;
grant execute on function public.share_expires_at(text) to authenticated;

-- function public.stop_reply(uuid,uuid)

CREATE OR REPLACE FUNCTION public.stop_reply(p_chat_id uuid, p_message_id uuid)
 RETURNS public.messages
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  stopped public.messages;
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id and c.user_id = (select auth.uid())) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  update public.messages m set status = 'interrupted'
   where m.id = p_message_id and m.chat_id = p_chat_id and m.status = 'streaming'
  returning m.* into stopped;
  if not found then
    select * into stopped from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
    if not found then
      raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
    end if;
  end if;
  return stopped;
end;
$function$;
revoke execute on function public.stop_reply(uuid,uuid) from public;
grant execute on function public.stop_reply(uuid,uuid) to authenticated;

-- function public.switch_branch(uuid,uuid)

CREATE OR REPLACE FUNCTION public.switch_branch(p_chat_id uuid, p_message_id uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  leaf uuid;
begin
  if not exists (select 1 from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id) then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  with recursive down as (
    select p_message_id as id, 0 as depth
    union all
    select child.id, down.depth + 1
      from down
      cross join lateral (
        select m.id from public.messages m where m.chat_id = p_chat_id and m.parent_id = down.id
         order by m.sequence_number desc limit 1
      ) child
  )
  select id into leaf from down order by depth desc limit 1;
  update public.chats set active_leaf_id = leaf where id = p_chat_id;
  if not found then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  return leaf;
end;
$function$;
revoke execute on function public.switch_branch(uuid,uuid) from public;
grant execute on function public.switch_branch(uuid,uuid) to authenticated;
grant execute on function public.switch_branch(uuid,uuid) to service_role;

-- function public.switch_to_sibling(uuid,uuid,integer)

CREATE OR REPLACE FUNCTION public.switch_to_sibling(p_chat_id uuid, p_message_id uuid, p_step integer)
 RETURNS uuid
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  original public.messages;
  target uuid;
begin
  if p_step is null or p_step = 0 then
    raise exception 'step must be a non-zero number of branches' using errcode = '22023';
  end if;
  select * into original from public.messages m where m.id = p_message_id and m.chat_id = p_chat_id;
  if not found then
    raise exception 'message % is not in chat %', p_message_id, p_chat_id using errcode = 'PT404';
  end if;
  -- Two queries, not `is not distinct from`, so each reads its index (replies by parent, roots by chat).
  if original.parent_id is null then
    select s.id into target from public.messages s
     where s.chat_id = p_chat_id and s.parent_id is null
       and case when p_step > 0 then s.sequence_number > original.sequence_number else s.sequence_number < original.sequence_number end
     order by case when p_step > 0 then s.sequence_number else -s.sequence_number end
     offset abs(p_step) - 1 limit 1;
  else
    select s.id into target from public.messages s
     where s.parent_id = original.parent_id
       and case when p_step > 0 then s.sequence_number > original.sequence_number else s.sequence_number < original.sequence_number end
     order by case when p_step > 0 then s.sequence_number else -s.sequence_number end
     offset abs(p_step) - 1 limit 1;
  end if;
  if target is null then
    raise exception 'there is no branch % steps from message %', p_step, p_message_id using errcode = 'PT404';
  end if;
  return public.switch_branch(p_chat_id, target);
end;
$function$;
revoke execute on function public.switch_to_sibling(uuid,uuid,integer) from public;
grant execute on function public.switch_to_sibling(uuid,uuid,integer) to authenticated;
grant execute on function public.switch_to_sibling(uuid,uuid,integer) to service_role;

-- function public.take_reply_allowance(uuid)

CREATE OR REPLACE FUNCTION public.take_reply_allowance(p_chat_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % not found', p_chat_id using errcode = 'PT404';
  end if;
  perform private.take_rate_limit('reply');
end;
$function$;
revoke execute on function public.take_reply_allowance(uuid) from public;
grant execute on function public.take_reply_allowance(uuid) to authenticated;

-- triggers on other schemas' tables

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
