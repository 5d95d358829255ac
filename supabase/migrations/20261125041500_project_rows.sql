-- parts, connections and code_files: the structured results of a project. Each row belongs to the artifact version
-- that produced it (a BOM version owns its parts), so history stays true when a later version changes them.
create table public.parts (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  artifact_id uuid references public.artifacts (id) on delete cascade,
  artifact_version_id uuid references public.artifact_versions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  part_number text check (char_length(part_number) <= 100),
  manufacturer text check (char_length(manufacturer) <= 200),
  quantity integer not null default 1 check (quantity > 0),
  voltage text check (char_length(voltage) <= 50),
  current text check (char_length(current) <= 50),
  interface_type text check (char_length(interface_type) <= 50),
  price numeric(12, 2) check (price >= 0),
  supplier text check (char_length(supplier) <= 200),
  supplier_url text check (char_length(supplier_url) <= 2048),
  specs jsonb not null default '{}'::jsonb,
  alternatives jsonb not null default '[]'::jsonb,
  compatibility_warnings text[] not null default '{}',
  created_at timestamptz not null default now()
);
comment on table public.parts is 'Bill-of-materials rows of a project, owned by the BOM artifact version that listed them.';
create index parts_project_id_idx on public.parts (project_id);
create index parts_artifact_id_idx on public.parts (artifact_id);
create index parts_artifact_version_id_idx on public.parts (artifact_version_id);
create index parts_user_id_idx on public.parts (user_id);

create table public.connections (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  artifact_id uuid references public.artifacts (id) on delete cascade,
  artifact_version_id uuid references public.artifact_versions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  sequence_number integer not null check (sequence_number >= 1),
  from_part_id uuid references public.parts (id) on delete cascade,
  from_pin text not null check (char_length(from_pin) <= 50),
  from_pin_type text check (char_length(from_pin_type) <= 50),
  to_part_id uuid references public.parts (id) on delete cascade,
  to_pin text not null check (char_length(to_pin) <= 50),
  to_pin_type text check (char_length(to_pin_type) <= 50),
  voltage text check (char_length(voltage) <= 50),
  signal_type text check (char_length(signal_type) <= 50),
  wire_color text check (char_length(wire_color) <= 30),
  warnings text[] not null default '{}',
  created_at timestamptz not null default now()
);
comment on table public.connections is 'Pin-to-pin wiring steps of a project, in assembly order.';
create index connections_project_id_sequence_idx on public.connections (project_id, sequence_number);
create index connections_artifact_id_idx on public.connections (artifact_id);
create index connections_artifact_version_id_idx on public.connections (artifact_version_id);
create index connections_from_part_id_idx on public.connections (from_part_id);
create index connections_to_part_id_idx on public.connections (to_part_id);
create index connections_user_id_idx on public.connections (user_id);

create table public.code_files (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  artifact_id uuid references public.artifacts (id) on delete cascade,
  artifact_version_id uuid references public.artifact_versions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  filename text not null check (char_length(filename) between 1 and 255),
  language text check (char_length(language) <= 50),
  platform text check (char_length(platform) <= 50),
  content text not null default '' check (char_length(content) <= 1000000),
  unit_number integer not null check (unit_number between 1 and 3),
  required_libraries text[] not null default '{}',
  is_production_ready boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.code_files is 'Firmware files of a project in three success units: 1 calibration, 2 minimal, 3 full.';
create index code_files_project_id_unit_idx on public.code_files (project_id, unit_number);
create index code_files_artifact_id_idx on public.code_files (artifact_id);
create index code_files_artifact_version_id_idx on public.code_files (artifact_version_id);
create index code_files_user_id_idx on public.code_files (user_id);

-- security definer: a project row's owner is its project's owner (the service role writes for agents);
-- a signed-in caller must own the project.
create function private.set_project_row_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
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
$$;

-- security definer: the totals are database-kept columns of projects that callers cannot write.
create function private.count_project_rows() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  delta integer := case tg_op when 'INSERT' then 1 else -1 end;
  target uuid := case tg_op when 'INSERT' then new.project_id else old.project_id end;
begin
  if tg_table_name = 'parts' then
    update public.projects set total_parts = greatest(total_parts + delta, 0) where id = target;
  else
    update public.projects set total_connections = greatest(total_connections + delta, 0) where id = target;
  end if;
  return null;
end;
$$;
revoke execute on function private.set_project_row_owner(), private.count_project_rows() from public;

create trigger set_part_owner before insert on public.parts for each row execute function private.set_project_row_owner();
create trigger set_connection_owner before insert on public.connections for each row execute function private.set_project_row_owner();
create trigger set_code_file_owner before insert on public.code_files for each row execute function private.set_project_row_owner();
create trigger count_parts after insert or delete on public.parts for each row execute function private.count_project_rows();
create trigger count_connections after insert or delete on public.connections for each row execute function private.count_project_rows();
create trigger keep_part_owner before update on public.parts for each row execute function private.keep_owner();
create trigger keep_connection_owner before update on public.connections for each row execute function private.keep_owner();
create trigger keep_code_file_owner before update on public.code_files for each row execute function private.keep_owner();

alter table public.parts enable row level security;
alter table public.connections enable row level security;
alter table public.code_files enable row level security;

create policy "Users can read the parts of their projects" on public.parts for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can add parts to their projects" on public.parts for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can update the parts of their projects" on public.parts for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can delete the parts of their projects" on public.parts for delete to authenticated using (user_id = (select auth.uid()));

create policy "Users can read the connections of their projects" on public.connections for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can add connections to their projects" on public.connections for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can update the connections of their projects" on public.connections for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can delete the connections of their projects" on public.connections for delete to authenticated using (user_id = (select auth.uid()));

create policy "Users can read the code files of their projects" on public.code_files for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can add code files to their projects" on public.code_files for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can update the code files of their projects" on public.code_files for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can delete the code files of their projects" on public.code_files for delete to authenticated using (user_id = (select auth.uid()));

grant select, insert, update, delete on public.parts, public.connections, public.code_files to authenticated, service_role;
