// `npm run bench [-- <name> …]`: starts the local stack, runs the named workloads (all by default), prints
// p50/p95/p99 and throughput beside each workload's baseline, and writes the same as JSON to bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as config from '../supabase/local/config.ts';
import { isRunning, startStack, stopStack } from '../supabase/local/stack.ts';
import type { BenchContext, MeasuredRow, Workload } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(here, 'results');

type Stats = { p50: number; p95: number; p99: number; throughput: number; count: number };
type Row = MeasuredRow & {
  workload: string;
  baseline?: (MeasuredRow & { ratioP50?: number; ratioThroughput?: number }) | null;
};

async function loadWorkloads(): Promise<Workload[]> {
  const dir = path.join(here, 'workloads');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const all: Workload[] = [];
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as { workloads?: Workload[] };
    all.push(...(mod.workloads ?? []));
  }
  return all;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function timeOps(
  op: () => Promise<unknown>,
  options: { concurrency: number; iterations: number; seconds: number },
): Promise<Stats> {
  // Warm-up: connections, prepared statements and JIT out of the way before timing.
  for (let i = 0; i < Math.min(50, options.iterations); i++) await op();
  const latencies: number[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.iterations && performance.now() < deadline) {
      issued++;
      const t = performance.now();
      await op();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    throughput: latencies.length / elapsed,
    count: latencies.length,
  };
}

function previousRun(): Record<string, Row> {
  const latest = path.join(resultsDir, 'latest.json');
  if (!fs.existsSync(latest)) return {};
  try {
    const rows = (JSON.parse(fs.readFileSync(latest, 'utf8')) as { rows: Row[] }).rows;
    return Object.fromEntries(rows.map((r) => [`${r.workload}/${r.name}`, r]));
  } catch {
    return {};
  }
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function printTable(rows: Row[]) {
  const header = [
    'workload',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'ops/s',
    'baseline',
    'base p50',
    'base ops/s',
    'p50 ×',
    'ops/s ×',
    'note',
  ];
  const lines = rows.map((r) => [
    r.workload === r.name ? r.name : `${r.workload}: ${r.name}`,
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.throughput, 0),
    r.baseline?.name ?? '—',
    fmt(r.baseline?.p50),
    fmt(r.baseline?.throughput, 0),
    fmt(r.baseline?.ratioP50),
    fmt(r.baseline?.ratioThroughput),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const line = (cells: string[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
}

async function main() {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const startedHere = !isRunning();
  // The auth workloads sign in thousands of guests from one address: Auth's per-IP limits would refuse them.
  process.env.SUPABASE_LOCAL_AUTH_RATE_LIMITS ??= 'off';
  await startStack();
  const ctx: BenchContext = {
    apiUrl: config.apiUrl,
    anonKey: config.anonKey,
    serviceRoleKey: config.serviceRoleKey,
    publishableKey: config.publishableKey,
    secretKey: config.secretKey,
    dbUrl: config.dbUrl,
    adminDbUrl: config.adminDbUrl,
  };
  const all = await loadWorkloads();
  const selected = names.length
    ? all.filter((w) => names.some((n) => w.name === n || w.name.startsWith(n + '-') || w.name.startsWith(n)))
    : all;
  if (selected.length === 0) {
    console.error(`No workload matches ${names.join(', ')}. Known: ${all.map((w) => w.name).join(', ')}`);
    process.exit(2);
  }
  const previous = previousRun();
  const rows: Row[] = [];
  for (const workload of selected) {
    process.stderr.write(`running ${workload.name}…\n`);
    try {
      if (workload.measure) {
        const measured = await workload.measure(ctx);
        for (const r of measured.rows) rows.push({ ...r, workload: workload.name });
        continue;
      }
      if (!workload.run) continue;
      const state = workload.setup ? await workload.setup(ctx) : undefined;
      const options = {
        concurrency: workload.concurrency ?? 1,
        iterations: workload.iterations ?? 2000,
        seconds: workload.seconds ?? 3,
      };
      const stats = await timeOps(() => workload.run!(ctx, state), options);
      let baseline: Row['baseline'] = null;
      if (workload.baseline) {
        const b = await timeOps(() => workload.baseline!.run(ctx, state), options);
        baseline = {
          name: workload.baseline.name,
          ...b,
          ratioP50: stats.p50 / b.p50,
          ratioThroughput: stats.throughput / b.throughput,
        };
      } else {
        const prev = previous[`${workload.name}/${workload.name}`];
        if (prev?.p50 && prev.throughput) {
          baseline = {
            name: 'previous run',
            p50: prev.p50,
            throughput: prev.throughput,
            ratioP50: stats.p50 / prev.p50,
            ratioThroughput: stats.throughput / prev.throughput,
          };
        }
      }
      rows.push({
        workload: workload.name,
        name: workload.name,
        ...stats,
        note: `n=${stats.count}, c=${options.concurrency}`,
        baseline,
      });
      if (workload.teardown) await workload.teardown(ctx, state);
    } catch (error) {
      rows.push({
        workload: workload.name,
        name: workload.name,
        note: `failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  printTable(rows);
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    rows,
  };
  const file = path.join(resultsDir, `bench-${report.at.replaceAll(':', '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  const merged = { ...previous, ...Object.fromEntries(rows.map((r) => [`${r.workload}/${r.name}`, r])) };
  fs.writeFileSync(
    path.join(resultsDir, 'latest.json'),
    JSON.stringify({ at: report.at, rows: Object.values(merged) }, null, 2),
  );
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  if (startedHere) await stopStack();
  process.exit(0);
}

await main();
