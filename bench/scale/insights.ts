// The /insights panels at scale: the heavy user's last 90 days through each public.insights_* function the page
// calls (lib/insights/data.ts), via /rest/v1 as the user, beside the seed document's own `group by` over messages
// for the same user and days (the per-agent breakdown, as SQL under the same RLS).
import postgres from 'postgres';
import type { BenchContext } from '../types.ts';
import { restAs, sqlAs, time, tokenFor } from './clients.ts';
import type { Cast, Result } from './reads.ts';

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export async function insights(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const [{ t1 }] = await admin`select t1 from scale.meta`;
  const range = { p_from: day((t1 as number) - 89 * 86_400), p_to: day(t1 as number) };
  const [{ rows }] =
    await admin`select count(*)::int as rows from public.usage_daily where user_id = ${cast.heavy} and day between ${range.p_from} and ${range.p_to}`;
  const rest = restAs(ctx, await tokenFor(cast.heavy));
  const api = postgres(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 1, onnotice: () => {} });
  try {
    const groupBy = await time(
      () =>
        sqlAs(
          api,
          cast.heavy,
          (tx) => tx`
          select m.agent_name, count(*), sum(m.input_tokens), sum(m.output_tokens), sum(m.cost)
            from public.messages m
           where m.role = 'assistant' and m.created_at >= ${range.p_from}::date
             and m.created_at < ${range.p_to}::date + 1
           group by m.agent_name`,
        ),
      { count: Math.max(5, Math.round(count / 10)), warmup: 1 },
    );
    const panels: Array<[string, string, Record<string, unknown>]> = [
      ['totals', 'insights_totals', {}],
      ['per day by agent', 'insights_daily', { p_by: 'agent' }],
      ['by agent', 'insights_breakdown', { p_by: 'agent' }],
      ['by model', 'insights_breakdown', { p_by: 'model' }],
      ['top chats', 'insights_top_chats', { p_limit: 10 }],
      ['top projects', 'insights_top_projects', { p_limit: 10 }],
      ['artifact versions', 'insights_artifact_versions', { p_limit: 20 }],
    ];
    const results: Result[] = [];
    for (const [name, fn, extra] of panels) {
      const ours = await time(() => rest.rpc(fn, { ...range, ...extra }), { count });
      results.push({
        group: 'insights, heavy user, 90 days',
        name: `${name} (${fn}; ${rows} rollup rows)`,
        ours,
        baseline: { name: 'group by over messages', timing: groupBy },
      });
    }
    return results;
  } finally {
    await api.end();
  }
}
