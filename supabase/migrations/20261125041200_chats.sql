-- chats: one conversation, one URL (/chat/<id>). Counters, the active branch leaf and timestamps are kept by the
-- database; clients may only write the columns granted below.
create table public.chats (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  project_id uuid references public.projects (id) on delete set null,
  title text not null default 'New chat' check (char_length(title) between 1 and 200),
  description text check (char_length(description) <= 5000),
  current_phase public.chat_phase not null default 'ideation',
  is_public boolean not null default false,
  share_token text,
  last_message_at timestamptz not null default now(),
  message_count integer not null default 0,
  -- The last sequence number handed out; bumped under the chat's row lock, so numbers are gap-free.
  last_sequence_number bigint not null default 0,
  active_leaf_id uuid,
  forked_from_chat_id uuid references public.chats (id) on delete set null,
  archived_at timestamptz,
  deleted_at timestamptz,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.chats is 'A conversation with OHM''s agents; its id is its URL. Counters and the active branch are kept by triggers.';
-- The sidebar: a user's chats by latest activity, keyset-paginated.
create index chats_user_id_last_message_at_idx on public.chats (user_id, last_message_at desc, id desc) where deleted_at is null;
create index chats_project_id_idx on public.chats (project_id);
create index chats_forked_from_chat_id_idx on public.chats (forked_from_chat_id);

create trigger set_chat_owner before insert on public.chats for each row execute function private.set_owner_from_session();
create trigger keep_chat_owner before update on public.chats for each row execute function private.keep_owner();
create trigger touch_chat_updated_at before update on public.chats for each row execute function private.touch_updated_at();

alter table public.chats enable row level security;
create policy "Users can read their own chats" on public.chats for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can create chats" on public.chats for insert to authenticated
  with check (user_id = (select auth.uid())
    and (project_id is null or exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));
create policy "Users can update their own chats" on public.chats for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid())
    and (project_id is null or exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));
create policy "Users can delete their own chats" on public.chats for delete to authenticated using (user_id = (select auth.uid()));

grant select, delete on public.chats to authenticated;
grant insert (id, user_id, project_id, title, description, current_phase, metadata) on public.chats to authenticated;
grant update (project_id, title, description, current_phase, metadata, archived_at, deleted_at, active_leaf_id) on public.chats to authenticated;
grant select, insert, update, delete on public.chats to service_role;
