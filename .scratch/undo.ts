import postgres from 'postgres';
import { adminDbUrl } from '../supabase/local/config.ts';
const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
await sql.unsafe(`
  drop trigger if exists sum_usage_totals on public.usage_daily;
  drop function if exists private.usage_totals_follow();
  drop function if exists private.usage_totals_add(public.usage_daily, integer);
  drop function if exists private.usage_totals_rebuild(uuid[]);
  drop table if exists public.usage_daily_totals;
  drop table if exists public.usage_daily_projects;
  drop index if exists public.usage_daily_user_id_project_id_day_idx;
  delete from supabase_migrations.schema_migrations where version = '20261201100941';
`);
await sql.end();
