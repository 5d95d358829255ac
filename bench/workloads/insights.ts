// `npm run bench -- insights`: each /insights panel for a heavy user over 90 days (1.5 M of 1.8 M messages, see
// insights-data.ts), read as the app reads it (supabase-js RPC as the user, through /rest/v1) and as SQL run as
// the user (RLS on), beside the seed document's own `group by` over messages as the user: the ratio is how many
// times faster the panel is. Target: p95 <= 50 ms per panel.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import type { Database } from '../../lib/supabase/database.types.ts';
import { jwtSecret } from '../../supabase/local/config.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';
import { ensureInsightsData, heavyUserId } from './insights-data.ts';

const days = 90;
const range = () => {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { p_from: from, p_to: to };
};

type Panel = { name: string; rpc: (s: SupabaseClient<Database>) => PromiseLike<{ error: unknown }>; sql: string };

const panels: Panel[] = [
  {
    name: 'totals',
    rpc: (s) => s.rpc('insights_totals', range()),
    sql: 'select * from public.insights_totals($1, $2)',
  },
  {
    name: 'daily-by-model',
    rpc: (s) => s.rpc('insights_daily', { ...range(), p_by: 'model' }),
    sql: `select * from public.insights_daily($1, $2, 'model')`,
  },
  {
    name: 'by-agent',
    rpc: (s) => s.rpc('insights_breakdown', { ...range(), p_by: 'agent' }),
    sql: `select * from public.insights_breakdown($1, $2, 'agent')`,
  },
  {
    name: 'top-chats',
    rpc: (s) => s.rpc('insights_top_chats', { ...range(), p_limit: 10 }),
    sql: 'select * from public.insights_top_chats($1, $2, 10)',
  },
  {
    name: 'top-projects',
    rpc: (s) => s.rpc('insights_top_projects', { ...range(), p_limit: 10 }),
    sql: 'select * from public.insights_top_projects($1, $2, 10)',
  },
  {
    name: 'artifact-versions',
    rpc: (s) => s.rpc('insights_artifact_versions', { ...range(), p_limit: 20 }),
    sql: 'select * from public.insights_artifact_versions($1, $2, 20)',
  },
  {
    name: 'one-agent-filter',
    rpc: (s) => s.rpc('insights_daily', { ...range(), p_by: 'model', p_agent: 'bomGenerator' }),
    sql: `select * from public.insights_daily($1, $2, 'model', 'bomGenerator')`,
  },
];

// The seed document's analytics queries, verbatim in substance (its cost per chat at $0.01 per 1K tokens).
const seedQueries = [
  {
    name: 'seed most-used agent',
    sql: `select agent_name, count(*) as message_count, sum(input_tokens + output_tokens) as total_tokens
            from public.messages where role = 'assistant' group by agent_name order by message_count desc`,
  },
  {
    name: 'seed avg tokens per agent',
    sql: `select agent_name, avg(output_tokens) as avg_response_length from public.messages
           where role = 'assistant' group by agent_name`,
  },
  {
    name: 'seed cost per chat',
    sql: `select chat_id, sum(input_tokens) as total_input, sum(output_tokens) as total_output,
                 (sum(input_tokens + output_tokens) / 1000.0) * 0.01 as estimated_cost
            from public.messages group by chat_id`,
  },
];

async function time(op: () => Promise<unknown>, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await op();
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await op();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return { p50: at(50), p95: at(95), p99: at(99), count: runs };
}

async function measure(ctx: BenchContext): Promise<{ rows: MeasuredRow[] }> {
  const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
  const asUser = postgres(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 1, onnotice: () => {} });
  try {
    await ensureInsightsData(admin, (line) => process.stderr.write(`${line}\n`));
    const [{ messages, rollup }] = await admin`
      select (select count(*) from public.messages where user_id = ${heavyUserId})::int as messages,
             (select count(*) from public.usage_daily where user_id = ${heavyUserId})::int as rollup`;
    const token = await new SignJWT({ role: 'authenticated', aud: 'authenticated', session_id: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(heavyUserId)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(jwtSecret));
    const supabase = createClient<Database>(ctx.apiUrl, ctx.publishableKey, {
      global: { headers: { Authorization: `Bearer ${token}` } },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const claims = JSON.stringify({ sub: heavyUserId, role: 'authenticated' });
    // One transaction per query, as PostgREST runs a request: the user's role and claims, RLS on.
    const sqlAsUser = (text: string, params: string[]) =>
      asUser.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${claims}, true), set_config('role', 'authenticated', true)`;
        return tx.unsafe(text, params);
      });

    const seedTimes: number[] = [];
    const rows: MeasuredRow[] = [];
    for (const q of seedQueries) {
      const stats = await time(() => sqlAsUser(q.sql, []), 5, 1);
      seedTimes.push(stats.p50);
      rows.push({ name: `${q.name} (SQL)`, ...stats, note: `n=${stats.count}, over ${messages} messages` });
    }
    const seedP50 = Math.min(...seedTimes);
    const { p_from, p_to } = range();
    for (const panel of panels) {
      const rest = await time(
        async () => {
          const { error } = await panel.rpc(supabase);
          if (error) throw new Error(JSON.stringify(error));
        },
        200,
        20,
      );
      const direct = await time(() => sqlAsUser(panel.sql, [p_from, p_to]), 200, 20);
      rows.push({
        name: `panel ${panel.name} (REST)`,
        ...rest,
        note: `n=${rest.count}; ${rollup} rollup rows; fastest seed group-by / this p50 = ${(seedP50 / rest.p50).toFixed(0)}x; p95 ${rest.p95 <= 50 ? '<=' : '>'} 50 ms`,
      });
      rows.push({
        name: `panel ${panel.name} (SQL)`,
        ...direct,
        note: `n=${direct.count}; seed / this p50 = ${(seedP50 / direct.p50).toFixed(0)}x`,
      });
    }
    return { rows };
  } finally {
    await asUser.end();
    await admin.end();
  }
}

export const workloads: Workload[] = [{ name: 'insights-panels', measure }];
