-- The project page's columns and the project's current design, kept by the database.
--
-- projects gains archived_at and deleted_at (archive and delete with undo, as chats have), last_activity_at (the
-- /projects list is newest activity first, keyset-paginated on it) and bom_total / bom_currency (the target budget
-- is shown against them). A project's **current** artifact of a type is its visible artifact of that type that
-- changed last, whichever of the project's chats holds it (public.project_current_artifacts). total_parts,
-- total_connections and bom_total describe the rows of those current versions only: they are recounted when rows
-- are added or removed, an artifact of the project gets a version, moves its current version, hides or moves. This replaces the triggers count_parts and count_connections of
-- 20261125041500_project_rows.sql (they counted every row of every version ever written, so a BOM v2 doubled the
-- count) and drops their function private.count_project_rows.
alter table public.projects
  add column archived_at timestamptz,
  add column deleted_at timestamptz,
  add column last_activity_at timestamptz not null default now(),
  add column bom_total numeric(12, 2),
  add column bom_currency text check (bom_currency ~ '^[A-Z]{3}$');

comment on column public.projects.last_activity_at is 'Latest message in any of the project''s chats, or the project''s creation; the /projects order.';
comment on column public.projects.bom_total is 'Sum of the current BOM''s line prices; null when no line is priced or the lines mix currencies.';

-- /projects: a user's projects by latest activity, keyset-paginated like the chat list.
create index projects_user_id_last_activity_at_idx on public.projects (user_id, last_activity_at desc, id desc)
  where deleted_at is null;
-- The current artifact of each type of a project.
create index artifacts_project_id_type_updated_at_idx on public.artifacts (project_id, type, updated_at desc)
  where is_visible;

grant update (archived_at, deleted_at) on public.projects to authenticated;

update public.projects p
   set last_activity_at = greatest(p.created_at, coalesce((select max(c.last_message_at) from public.chats c where c.project_id = p.id), p.created_at));

-- The project's current artifact of each type, with its current version. Security invoker: RLS decides.
create function public.project_current_artifacts(p_project_id uuid)
returns table (artifact_id uuid, chat_id uuid, type public.artifact_type, title text, version_number integer,
               version_id uuid, change_summary text, updated_at timestamptz)
language sql stable security invoker set search_path = '' as $$
  select distinct on (a.type) a.id, a.chat_id, a.type, a.title, v.version_number, v.id, v.change_summary, a.updated_at
    from public.artifacts a
    join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
   where a.project_id = p_project_id and a.is_visible
   order by a.type, a.updated_at desc, a.id desc;
$$;
comment on function public.project_current_artifacts(uuid) is
  'The current artifact of each type of a project: the visible one that changed last, in whichever chat of the project.';
revoke execute on function public.project_current_artifacts(uuid) from public, anon;
grant execute on function public.project_current_artifacts(uuid) to authenticated, service_role;

-- security definer: the totals are database-kept columns of projects that callers cannot write, recomputed after
-- writes the caller was allowed to make. The current rows are those owned by the current version of each of the
-- project's current artifacts (a BOM version owns its parts; a wiring version, or in older data the BOM version,
-- its connections). The BOM's currency is the one its lines are priced in, else the project's.
create function private.refresh_project_totals(p_project_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
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
$$;

-- security definer (this and the next): trigger wrappers that call the definer function above for the caller's write.
create function private.refresh_totals_after_version() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  target uuid;
begin
  select a.project_id into target from public.artifacts a
   where a.id = new.artifact_id and a.current_version = new.version_number;
  perform private.refresh_project_totals(target);
  return null;
end;
$$;

create function private.refresh_totals_after_rows() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.refresh_project_totals(t.project_id) from (select distinct project_id from changed_rows) t;
  return null;
end;
$$;

create function private.refresh_totals_after_artifact_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.refresh_project_totals(old.project_id);
  end if;
  if tg_op = 'UPDATE' and new.project_id is distinct from old.project_id then
    perform private.refresh_project_totals(new.project_id);
  end if;
  return null;
end;
$$;

-- security definer: last_activity_at is a database-kept column of a project the chat's owner owns.
create function private.touch_project_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.projects p
     set last_activity_at = greatest(new.last_message_at, now())
   where p.id = new.project_id and p.last_activity_at < greatest(new.last_message_at, now()) - interval '1 second';
  return null;
end;
$$;
revoke execute on function private.refresh_project_totals(uuid), private.refresh_totals_after_version(),
  private.refresh_totals_after_rows(), private.refresh_totals_after_artifact_change(), private.touch_project_activity()
  from public;

drop trigger count_parts on public.parts;
drop trigger count_connections on public.connections;
drop function private.count_project_rows();

create trigger refresh_project_totals_after_version after insert on public.artifact_versions
  for each row execute function private.refresh_totals_after_version();
-- Statement-level: a BOM of 200 lines is one recount, not 200.
create trigger refresh_project_totals_after_parts_added after insert on public.parts
  referencing new table as changed_rows for each statement execute function private.refresh_totals_after_rows();
create trigger refresh_project_totals_after_parts_removed after delete on public.parts
  referencing old table as changed_rows for each statement execute function private.refresh_totals_after_rows();
create trigger refresh_project_totals_after_connections_added after insert on public.connections
  referencing new table as changed_rows for each statement execute function private.refresh_totals_after_rows();
create trigger refresh_project_totals_after_connections_removed after delete on public.connections
  referencing old table as changed_rows for each statement execute function private.refresh_totals_after_rows();
create trigger refresh_project_totals_after_artifact_change
  after update of current_version, is_visible, project_id or delete on public.artifacts
  for each row execute function private.refresh_totals_after_artifact_change();
-- Every message moves its chat's last_message_at; only chats in a project touch it, at most once a second.
create trigger touch_project_activity after insert or update of last_message_at, project_id on public.chats
  for each row when (new.project_id is not null) execute function private.touch_project_activity();

select private.refresh_project_totals(p.id) from public.projects p;
