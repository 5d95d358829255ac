-- projects: the hardware project a maker builds; its parts, connections and firmware hang off it.
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  category text check (char_length(category) <= 100),
  goal text check (char_length(goal) <= 5000),
  location text check (char_length(location) <= 200),
  target_budget numeric(12, 2) check (target_budget >= 0),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  current_step integer not null default 0 check (current_step >= 0),
  workflow_steps jsonb not null default '[]'::jsonb,
  status public.project_status not null default 'draft',
  total_parts integer not null default 0,
  total_connections integer not null default 0,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.projects is 'A maker''s hardware project; totals of parts and connections are kept by triggers.';
create index projects_user_id_updated_at_idx on public.projects (user_id, updated_at desc);

create trigger set_project_owner before insert on public.projects for each row execute function private.set_owner_from_session();
create trigger keep_project_owner before update on public.projects for each row execute function private.keep_owner();
create trigger touch_project_updated_at before update on public.projects for each row execute function private.touch_updated_at();

alter table public.projects enable row level security;
create policy "Users can read their own projects" on public.projects for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can create projects" on public.projects for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can update their own projects" on public.projects for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can delete their own projects" on public.projects for delete to authenticated using (user_id = (select auth.uid()));

grant select, delete on public.projects to authenticated;
grant insert (user_id, name, description, category, goal, location, target_budget, currency, current_step, workflow_steps, status, metadata) on public.projects to authenticated;
grant update (name, description, category, goal, location, target_budget, currency, current_step, workflow_steps, status, metadata) on public.projects to authenticated;
grant select, insert, update, delete on public.projects to service_role;
