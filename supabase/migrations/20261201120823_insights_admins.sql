-- Insights admins: people of the OHM team who may see the whole team's usage on /insights. Membership is granted
-- only on the service path (npm run insights:admin, or one insert in the SQL editor): private.insights_admins is
-- not exposed through the API and no user can write it. The team-wide view is enforced by RLS on
-- public.usage_daily and the rollups kept from it: an admin's request that asks for it (the request header
-- x-ohm-insights-scope: team, which PostgREST passes as request.headers) reads every user's rollup rows; anyone
-- else asking gets their own rows, as before. Chat titles and project names stay private to their owners.
--
-- Redefines the select policies of the four rollup tables, each as one policy (two permissive select policies
-- would both be evaluated per row): on public.usage_daily ("Users can read their own usage", first created in
-- 20261201105303_usage_daily_rollup.sql) and on public.usage_daily_totals, usage_daily_projects and
-- usage_daily_chats ("Users can read their own usage totals / project usage / chat usage", first created in
-- 20261201105305_usage_daily_totals.sql), which the insights_* functions read.
create table private.insights_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  granted_at timestamptz not null default now(),
  note text check (note is null or char_length(note) <= 200)
);
comment on table private.insights_admins is 'Users who may read the whole team''s usage on /insights; written only on the service path.';
alter table private.insights_admins enable row level security;
revoke all on private.insights_admins from public, anon, authenticated;
grant select, insert, update, delete on private.insights_admins to service_role;

-- security definer: private.insights_admins is readable by no user; this answers only for the caller.
create function private.is_insights_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from private.insights_admins a where a.user_id = (select auth.uid()));
$$;
revoke execute on function private.is_insights_admin() from public, anon;
grant execute on function private.is_insights_admin() to authenticated, service_role;

-- The caller asked for the team-wide view (a header PostgREST passes as request.headers) and may have it.
create function private.reads_team_insights() returns boolean
language sql stable security invoker set search_path = '' as $$
  select coalesce(current_setting('request.headers', true)::json ->> 'x-ohm-insights-scope', '') = 'team'
     and private.is_insights_admin();
$$;
revoke execute on function private.reads_team_insights() from public, anon;
grant execute on function private.reads_team_insights() to authenticated, service_role;

create function public.is_insights_admin() returns boolean
language sql stable security invoker set search_path = '' as $$
  select private.is_insights_admin();
$$;
comment on function public.is_insights_admin() is 'Whether the caller may see the whole team''s usage on /insights.';
revoke execute on function public.is_insights_admin() from public, anon;
grant execute on function public.is_insights_admin() to authenticated, service_role;

drop policy "Users can read their own usage" on public.usage_daily;
create policy "Users can read their own usage, and insights admins the team's" on public.usage_daily
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.reads_team_insights()));

drop policy "Users can read their own usage totals" on public.usage_daily_totals;
create policy "Users can read their own usage totals, and insights admins the team's" on public.usage_daily_totals
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.reads_team_insights()));

drop policy "Users can read their own project usage" on public.usage_daily_projects;
create policy "Users can read their own project usage, and insights admins the team's" on public.usage_daily_projects
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.reads_team_insights()));

drop policy "Users can read their own chat usage" on public.usage_daily_chats;
create policy "Users can read their own chat usage, and insights admins the team's" on public.usage_daily_chats
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.reads_team_insights()));
