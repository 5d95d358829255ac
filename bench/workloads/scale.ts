// `npm run bench -- scale [--messages 10000000]`: the core paths on a database at scale (bench/scale/), each beside
// its naive baseline, with a markdown report and charts beside the JSON in bench/reports/scale-<messages>/.
// BENCH_SCALE_COUNT sets the timed calls per case (default 200).
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { applyMigrations } from '../../supabase/local/stack.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';
import { ensureDataset } from '../scale/dataset.ts';
import { requestedMessages } from '../scale/env.ts';
import { insights } from '../scale/insights.ts';
import { pages } from '../scale/pages.ts';
import { castOf, chatList, openChat, search, sharePage, type Result } from '../scale/reads.ts';
import { writeReport } from '../scale/report.ts';
import { append, fork } from '../scale/writes.ts';

const reports = path.resolve(import.meta.dirname, '..', 'reports');

async function measure(ctx: BenchContext): Promise<{ rows: MeasuredRow[] }> {
  const messages = requestedMessages();
  const count = Number(process.env.BENCH_SCALE_COUNT ?? 200);
  const admin = postgres(ctx.adminDbUrl, { max: 2, onnotice: () => {} });
  try {
    // The dataset outlives migrations written after it: bring it up to date first, as a bulk load would, with the
    // row triggers off for the migrating role (`db push` connects as postgres). A backfill such as "price every
    // reply" would otherwise broadcast each of millions of rows, in one transaction, through pg_notify.
    await admin`alter role postgres set session_replication_role = replica`;
    try {
      await applyMigrations({ seed: false });
    } finally {
      await admin`alter role postgres reset session_replication_role`;
    }
    const info = await ensureDataset(admin, messages);
    process.stderr.write(`scale: dataset ${JSON.stringify(info)}\n`);
    const cast = await castOf(admin);
    const results: Result[] = [];
    const only = process.env.BENCH_SCALE_ONLY?.split(',');
    for (const [name, run] of [
      ['open', () => openChat(ctx, admin, cast, count)],
      ['list', () => chatList(ctx, admin, cast, count)],
      ['search', () => search(ctx, admin, cast, count)],
      ['share', () => sharePage(ctx, admin, cast, count)],
      ['pages', () => pages(ctx, admin, cast, Math.max(5, Math.round(count / 4)))],
      ['fork', () => fork(ctx, admin, cast, Math.max(5, Math.round(count / 20)))],
      ['insights', () => insights(ctx, admin, cast, count)],
      ['append', () => append(ctx, admin, count)],
    ] as const) {
      if (only && !only.includes(name)) continue;
      process.stderr.write(`scale: ${name}…\n`);
      results.push(...(await run()));
    }
    writeReport(path.join(reports, `scale-${messages}`), info, results, os.loadavg());
    return {
      rows: results.map((r) => ({
        name: `${r.group}: ${r.name}`,
        p50: r.ours.p50,
        p95: r.ours.p95,
        p99: r.ours.p99,
        throughput: r.ours.throughput,
        note: [
          r.baseline
            ? `${r.baseline.name} p50 ${r.baseline.timing.p50.toFixed(2)} ms: ${(r.ours.p50 / r.baseline.timing.p50).toFixed(2)}×`
            : '',
          r.note ?? '',
        ]
          .filter(Boolean)
          .join('; '),
      })),
    };
  } finally {
    await admin.end();
  }
}

export const workloads: Workload[] = [{ name: 'scale', onlyWhenNamed: true, measure }];
