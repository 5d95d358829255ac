-- The project page's columns and the project's current design, kept by the database.
--
-- projects gains archived_at and deleted_at (archive and delete with undo, as chats have), last_activity_at (the
-- /projects list is newest activity first, keyset-paginated on it) and bom_total / bom_currency (the target budget
-- is shown against them). A project's **current** artifact of a type is its visible artifact of that type that
-- changed last, whichever of the project's chats holds it (public.project_current_artifacts). total_parts,
-- total_connections and bom_total describe the current BOM and wiring only: they are recomputed from the current
-- versions' content whenever a BOM or wiring artifact of the project gets a version, moves its current version,
-- hides or moves project. This replaces the triggers count_parts and count_connections of
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
-- writes to artifacts the caller was allowed to make.
create function private.refresh_project_totals(p_project_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  bom jsonb;
  wiring jsonb;
begin
  if p_project_id is null then
    return;
  end if;
  select v.content_json into bom
    from public.artifacts a
    join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
   where a.project_id = p_project_id and a.type = 'bom' and a.is_visible
   order by a.updated_at desc, a.id desc limit 1;
  select v.content_json into wiring
    from public.artifacts a
    join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
   where a.project_id = p_project_id and a.type = 'wiring' and a.is_visible
   order by a.updated_at desc, a.id desc limit 1;

  with lines as (
    select coalesce((l ->> 'quantity')::integer, 1) as quantity,
           coalesce((l #>> '{linePrice,amount}')::numeric,
                    (l #>> '{unitPrice,amount}')::numeric * coalesce((l ->> 'quantity')::integer, 1)) as price,
           coalesce(l #>> '{linePrice,currency}', l #>> '{unitPrice,currency}') as currency
      from jsonb_array_elements(case when jsonb_typeof(bom -> 'lines') = 'array' then bom -> 'lines' else '[]'::jsonb end) l
  ), summary as (
    select coalesce(sum(quantity), 0)::integer as parts,
           count(distinct currency) filter (where price is not null) as currencies,
           sum(price) as total,
           min(currency) filter (where price is not null) as currency
      from lines
  )
  update public.projects p
     set total_parts = s.parts,
         total_connections = case when jsonb_typeof(wiring -> 'connections') = 'array'
                                  then jsonb_array_length(wiring -> 'connections') else 0 end,
         -- Prices in two currencies are never added up: the page says so instead of showing a wrong sum.
         bom_total = case when s.currencies = 1 then round(s.total, 2) end,
         bom_currency = case when s.currencies = 1 then s.currency end
    from summary s
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
   where a.id = new.artifact_id and a.type in ('bom', 'wiring') and a.current_version = new.version_number;
  perform private.refresh_project_totals(target);
  return null;
end;
$$;

create function private.refresh_totals_after_artifact_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.type in ('bom', 'wiring') then
    perform private.refresh_project_totals(old.project_id);
  end if;
  if tg_op = 'UPDATE' and new.type in ('bom', 'wiring') and new.project_id is distinct from old.project_id then
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
  private.refresh_totals_after_artifact_change(), private.touch_project_activity() from public;

drop trigger count_parts on public.parts;
drop trigger count_connections on public.connections;
drop function private.count_project_rows();

create trigger refresh_project_totals_after_version after insert on public.artifact_versions
  for each row execute function private.refresh_totals_after_version();
create trigger refresh_project_totals_after_artifact_change
  after update of current_version, is_visible, project_id or delete on public.artifacts
  for each row execute function private.refresh_totals_after_artifact_change();
-- Every message moves its chat's last_message_at; only chats in a project touch it, at most once a second.
create trigger touch_project_activity after insert or update of last_message_at, project_id on public.chats
  for each row when (new.project_id is not null) execute function private.touch_project_activity();

select private.refresh_project_totals(p.id) from public.projects p;
