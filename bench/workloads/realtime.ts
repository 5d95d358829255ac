// Realtime: database insert → subscriber receipt latency, through real realtime-js clients.
// - realtime-db-broadcast: OHM's path (a trigger on public.messages calls realtime.broadcast_changes on the private
//   topic chat:<id>:messages) with 1, 100 and 1,000 subscribers on one topic, and 1,000 topics with one subscriber
//   each; plus the gateway's memory per open socket.
// - realtime-postgres-changes: postgres_changes on a table of the supabase_realtime publication with an owner-only
//   RLS policy and a `chat_id=eq.…` filter, same shapes, so the per-change RLS check is in the figure.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import postgres from 'postgres';
import { pidFiles } from '../../supabase/local/config.ts';
import { tokenFor } from '../../tests/support/users.ts';
import { restartGateway } from '../../supabase/local/stack.ts';
import type { FromWorker, SubscriberPath, ToWorker } from '../realtime-subscribers.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';

// A table of the bench's own in the publication, with an owner-only policy, created and dropped by its workload.
const changesSchema = 'bench_realtime';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function gatewayRssKb(): number | null {
  try {
    const pid = fs.readFileSync(pidFiles.gateway, 'utf8').trim();
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

type Owner = { userId: string; chatId: string; token: string };

/** `count` users with one chat each, created in one statement, and a token per user. */
async function owners(admin: postgres.Sql, count: number): Promise<Owner[]> {
  const rows = await admin`
    with u as (
      insert into auth.users (id, aud, role, created_at, updated_at, is_anonymous)
      select gen_random_uuid(), 'authenticated', 'authenticated', now(), now(), true from generate_series(1, ${count})
      returning id)
    insert into public.chats (user_id, title) select id, 'realtime bench' from u returning id as chat_id, user_id`;
  return Promise.all(
    rows.map(async (r) => ({
      userId: r.user_id,
      chatId: r.chat_id,
      token: await tokenFor(r.user_id, { anonymous: true }),
    })),
  );
}

type Path = {
  subscribers: SubscriberPath;
  insert: (admin: postgres.Sql, owner: Owner, content: string) => Promise<unknown>;
};

const workerCount = Math.min(4, Math.max(2, os.availableParallelism()));
const workerFile = fileURLToPath(new URL('../realtime-subscribers.ts', import.meta.url));

/** Subscriber workers for one measurement; `received` is called with each receipt's wall-clock time. */
function startWorkers(ctx: BenchContext, path: Path, received: (content: string, at: number) => void) {
  const workers = Array.from(
    { length: workerCount },
    () =>
      new Worker(workerFile, {
        workerData: {
          apiUrl: ctx.apiUrl,
          publishableKey: ctx.publishableKey,
          path: path.subscribers,
          schema: changesSchema,
        },
      }),
  );
  const pending = new Map<Worker, { resolve: () => void; reject: (error: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'received') received(message.content, message.at);
      else if (message.type === 'failed') pending.get(worker)?.reject(new Error(message.message));
      else pending.get(worker)?.resolve();
    });
  }
  const each = (message: (i: number) => ToWorker) =>
    Promise.all(
      workers.map(
        (worker, i) =>
          new Promise<void>((resolve, reject) => {
            pending.set(worker, { resolve, reject });
            worker.postMessage(message(i));
          }),
      ),
    );
  return {
    subscribe: (owners: Owner[]) =>
      each((i) => ({ type: 'subscribe', owners: owners.filter((_, j) => j % workers.length === i) })),
    close: async () => {
      await each(() => ({ type: 'close' }));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Subscribes one client per entry of `subscribers` (an owner each), then inserts `rounds` rows, each into the chat of
 * `target(i)`, waiting for its `expected` receipts before the next, and reports insert → receipt latency.
 */
async function measure(
  ctx: BenchContext,
  admin: postgres.Sql,
  path: Path,
  name: string,
  subscribers: Owner[],
  rounds: number,
  target: (i: number) => Owner,
  expected: number,
) {
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const workers = startWorkers(ctx, path, (content, at) => {
    const started = sentAt.get(content);
    if (started !== undefined) latencies.push(at - started);
  });
  const before = gatewayRssKb();
  await workers.subscribe(subscribers);
  const after = gatewayRssKb();
  for (let i = 0; i < rounds; i++) {
    const content = `bench ${name} ${i}`;
    const waitFor = latencies.length + expected;
    sentAt.set(content, performance.timeOrigin + performance.now());
    await path.insert(admin, target(i), content);
    const deadline = performance.now() + 5000;
    while (latencies.length < waitFor && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
  }
  await workers.close();
  latencies.sort((a, b) => a - b);
  const row: MeasuredRow = {
    name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    note: `${Math.round((latencies.length / (rounds * expected)) * 100)}% of ${rounds * expected} deliveries, subscribers in ${workerCount} worker threads`,
  };
  return { row, rssPerSocketKb: before !== null && after !== null ? (after - before) / subscribers.length : null };
}

/** 1, 100 and 1,000 subscribers of one chat, then 1,000 chats with one subscriber each. */
async function shapes(ctx: BenchContext, admin: postgres.Sql, path: Path, withMemory: boolean): Promise<MeasuredRow[]> {
  const rows: MeasuredRow[] = [];
  for (const [subscribers, rounds] of [
    [1, 200],
    [100, 30],
    [1000, 10],
  ] as const) {
    const [owner] = await owners(admin, 1);
    // A fresh gateway, so the RSS growth is the sockets' (and the first joins' warm-up, which only overstates it),
    // not absorbed by heap that earlier runs left behind.
    if (withMemory && subscribers === 1000) await restartGateway();
    const { row, rssPerSocketKb } = await measure(
      ctx,
      admin,
      path,
      `insert → receive, ${subscribers} subscriber(s) on one topic`,
      Array(subscribers).fill(owner),
      rounds,
      () => owner,
      subscribers,
    );
    rows.push(row);
    if (withMemory && subscribers === 1000 && rssPerSocketKb !== null)
      rows.push({
        name: 'gateway memory per open socket',
        note: `${rssPerSocketKb.toFixed(1)} KB (RSS growth over 1,000 sockets)`,
      });
  }
  const many = await owners(admin, 1000);
  const { row } = await measure(
    ctx,
    admin,
    path,
    'insert → receive, 1,000 topics with one subscriber each',
    many,
    200,
    (i) => many[(i * 397) % many.length],
    1,
  );
  rows.push(row);
  return rows;
}

const broadcastPath: Path = {
  subscribers: 'broadcast',
  insert: (admin, owner, content) =>
    admin`insert into public.messages (chat_id, role, content) values (${owner.chatId}, 'user', ${content})`,
};

const changesPath: Path = {
  subscribers: 'changes',
  insert: (admin, owner, content) =>
    admin`insert into ${admin(changesSchema)}.items (owner, chat_id, body) values (${owner.userId}, ${owner.chatId}, ${content})`,
};

export const workloads: Workload[] = [
  {
    name: 'realtime-db-broadcast',
    measure: async (ctx) => {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      try {
        return { rows: await shapes(ctx, admin, broadcastPath, true) };
      } finally {
        await admin.end();
      }
    },
  },
  {
    name: 'realtime-postgres-changes',
    measure: async (ctx) => {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`
          drop schema if exists ${changesSchema} cascade;
          create schema ${changesSchema};
          grant usage on schema ${changesSchema} to authenticated;
          create table ${changesSchema}.items (id bigint generated always as identity primary key, owner uuid not null,
            chat_id uuid not null, body text not null, created_at timestamptz not null default now());
          alter table ${changesSchema}.items enable row level security;
          create policy "owners see their items" on ${changesSchema}.items for select to authenticated using (owner = (select auth.uid()));
          grant select on ${changesSchema}.items to authenticated;
          alter publication supabase_realtime add table ${changesSchema}.items;`);
        return { rows: await shapes(ctx, admin, changesPath, false) };
      } finally {
        await admin.unsafe(`drop schema if exists ${changesSchema} cascade`).catch(() => {});
        await admin.end();
      }
    },
  },
];
