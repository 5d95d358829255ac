// The /insights filters as URL search params: a range (a preset number of days ending today, or from/to), an agent,
// a model, a project, what the per-day chart stacks by and measures. Parsed with zod once, for the page and the CSV.
import { z } from 'zod';

export const rangePresets = ['7d', '30d', '90d'] as const;
const maxDays = 366;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-30.');

export const insightsParamsSchema = z.object({
  range: z.enum([...rangePresets, 'custom']).default('30d'),
  from: isoDay.or(z.literal('')).default(''),
  to: isoDay.or(z.literal('')).default(''),
  agent: z.string().trim().max(64).default(''),
  model: z.string().trim().max(128).default(''),
  project: z.uuid().or(z.literal('')).default(''),
  by: z.enum(['model', 'agent']).default('model'),
  metric: z.enum(['cost', 'tokens']).default('cost'),
  // The whole team's usage: only insights admins get it (RLS on usage_daily); for anyone else it is their own.
  scope: z.enum(['me', 'team']).default('me'),
});
export type InsightsParams = z.infer<typeof insightsParamsSchema>;

/** What the database functions take: an inclusive UTC day range and optional dimensions. */
export type InsightsFilters = {
  from: string;
  to: string;
  agent: string | null;
  model: string | null;
  project: string | null;
  by: 'model' | 'agent';
  metric: 'cost' | 'tokens';
  scope: 'me' | 'team';
  params: InsightsParams;
};

export type ParsedFilters =
  { ok: true; filters: InsightsFilters } | { ok: false; message: string; filters: InsightsFilters };

const dayMs = 86_400_000;
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const validDay = (day: string) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && toDay(Date.parse(day)) === day;

function resolve(params: InsightsParams, today: string): InsightsFilters | string {
  let from: string;
  let to: string;
  if (params.range === 'custom') {
    if (!params.from || !params.to) return 'A custom range needs a start and an end date.';
    if (!validDay(params.from) || !validDay(params.to)) return 'One of the dates does not exist.';
    ({ from, to } = params);
  } else {
    to = today;
    from = toDay(Date.parse(today) - (Number.parseInt(params.range, 10) - 1) * dayMs);
  }
  if (from > to) return 'The start date must not be after the end date.';
  if ((Date.parse(to) - Date.parse(from)) / dayMs + 1 > maxDays) return `Choose a range of at most ${maxDays} days.`;
  return {
    from,
    to,
    agent: params.agent || null,
    model: params.model || null,
    project: params.project || null,
    by: params.by,
    metric: params.metric,
    scope: params.scope,
    params,
  };
}

/** Parses the page's search params; bad input falls back to the default filters with a message to show. */
export function parseInsightsFilters(
  searchParams: Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): ParsedFilters {
  const today = toDay(now.getTime());
  const fallback = resolve(insightsParamsSchema.parse({}), today) as InsightsFilters;
  const single = Object.fromEntries(
    Object.entries(searchParams)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const parsed = insightsParamsSchema.safeParse(single);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'filters';
    return {
      ok: false,
      message: `The ${field} filter was not valid (${issue.message}); showing the last 30 days.`,
      filters: fallback,
    };
  }
  const filters = resolve(parsed.data, today);
  if (typeof filters === 'string')
    return { ok: false, message: `${filters} Showing the last 30 days.`, filters: fallback };
  return { ok: true, filters };
}

/** The search params that reproduce these filters (defaults left out), for links and the CSV download. */
export function filtersToSearch(filters: InsightsFilters, extra: Partial<InsightsParams> = {}): string {
  const params = { ...filters.params, ...extra };
  const defaults = insightsParamsSchema.parse({});
  const entries = Object.entries(params).filter(
    ([key, value]) => value !== '' && value !== defaults[key as keyof InsightsParams],
  );
  if (params.range !== 'custom')
    return new URLSearchParams(entries.filter(([k]) => k !== 'from' && k !== 'to')).toString();
  return new URLSearchParams(entries).toString();
}
