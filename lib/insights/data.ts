// Server-only reads of the signed-in user's usage for /insights: each panel is one SQL function over the daily
// rollup (public.insights_*), called with the user's session so RLS keeps it to their own rows.
import 'server-only';
import { fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import type { InsightsCsvRow } from './csv';
import type { InsightsFilters } from './filters';

export type UsageTotals = {
  messages: number;
  unpriced_messages: number;
  input_uncached_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  cost: number;
};
export type DailyPoint = {
  day: string;
  key: string;
  messages: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
};
export type Breakdown = UsageTotals & { key: string };
export type TopChat = {
  chat_id: string;
  title: string | null;
  messages: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unpriced_messages: number;
};
export type TopProject = {
  project_id: string;
  name: string | null;
  target_budget: number | null;
  currency: string | null;
  messages: number;
  cost: number;
  unpriced_messages: number;
};
export type VersionCost = {
  artifact_id: string;
  chat_id: string;
  title: string;
  type: string;
  version_number: number;
  created_at: string;
  agent_name: string | null;
  agent_model: string | null;
  cost: number | null;
};
export type Insights = {
  totals: UsageTotals;
  daily: DailyPoint[];
  byAgent: Breakdown[];
  byModel: Breakdown[];
  topChats: TopChat[];
  topProjects: TopProject[];
  versions: VersionCost[];
  options: { agents: string[]; models: string[]; projects: { id: string; name: string }[] };
};

const emptyTotals: UsageTotals = {
  messages: 0,
  unpriced_messages: 0,
  input_uncached_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  output_tokens: 0,
  cost: 0,
};

function rangeArgs(filters: InsightsFilters) {
  return {
    p_from: filters.from,
    p_to: filters.to,
    p_agent: filters.agent ?? undefined,
    p_model: filters.model ?? undefined,
    p_project: filters.project ?? undefined,
  };
}

/**
 * The team-wide view is asked for with a request header that RLS on usage_daily reads (private.reads_team_insights):
 * it widens the rows only for an insights admin, so a non-admin asking for it still reads their own.
 */
function scopeOf(filters: InsightsFilters) {
  return <Query extends { setHeader(name: string, value: string): Query }>(query: Query) =>
    filters.scope === 'team' ? query.setHeader('x-ohm-insights-scope', 'team') : query;
}

/** Whether the signed-in user may see the whole team's usage (private.insights_admins, granted on the service path). */
export async function isInsightsAdmin(): Promise<boolean> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('is_insights_admin');
  if (error) throw fromPostgrestError(error, 'insights');
  return data === true;
}

function unwrap<T>(result: { data: T | null; error: { code?: string; message: string } | null }): T {
  if (result.error) throw fromPostgrestError(result.error, 'insights');
  return result.data as T;
}

export async function getInsights({ filters }: { filters: InsightsFilters }): Promise<Insights> {
  const supabase = await createClient();
  const scoped = scopeOf(filters);
  const args = rangeArgs(filters);
  // The filter menus list every agent and model of the range, whatever is selected.
  const unfiltered = { p_from: filters.from, p_to: filters.to };
  const [totals, daily, byAgent, byModel, topChats, topProjects, versions, allAgents, allModels, projects] =
    await Promise.all([
      scoped(supabase.rpc('insights_totals', args)),
      scoped(supabase.rpc('insights_daily', { ...args, p_by: filters.by })),
      scoped(supabase.rpc('insights_breakdown', { ...args, p_by: 'agent' })),
      scoped(supabase.rpc('insights_breakdown', { ...args, p_by: 'model' })),
      scoped(supabase.rpc('insights_top_chats', { ...args, p_limit: 10 })),
      scoped(supabase.rpc('insights_top_projects', { ...args, p_limit: 10 })),
      scoped(supabase.rpc('insights_artifact_versions', { ...args, p_limit: 20 })),
      scoped(supabase.rpc('insights_breakdown', { ...unfiltered, p_by: 'agent' })),
      scoped(supabase.rpc('insights_breakdown', { ...unfiltered, p_by: 'model' })),
      supabase.from('projects').select('id, name').order('name').limit(200),
    ]);
  return {
    totals: unwrap(totals)[0] ?? emptyTotals,
    daily: unwrap(daily),
    byAgent: unwrap(byAgent),
    byModel: unwrap(byModel),
    topChats: unwrap(topChats),
    topProjects: unwrap(topProjects),
    versions: unwrap(versions),
    options: {
      agents: unwrap(allAgents).map((r) => r.key),
      models: unwrap(allModels).map((r) => r.key),
      projects: unwrap(projects),
    },
  };
}

/** The rows of the CSV download (at most 50,000: the function's own cap). */
export async function listUsageRows({ filters }: { filters: InsightsFilters }): Promise<InsightsCsvRow[]> {
  const supabase = await createClient();
  return unwrap(await scopeOf(filters)(supabase.rpc('insights_rows', rangeArgs(filters))));
}
