// Who the scale workloads act as, and how they reach the stack: users' JWTs for /rest/v1 (RLS on), SQL sessions
// that run a statement as a user the way PostgREST does (role and claims in one transaction), and a timer.
import { SignJWT } from 'jose';
import type postgres from 'postgres';
import { jwtSecret } from '../../supabase/local/config.ts';
import type { BenchContext } from '../types.ts';
import { request } from '../http-client.ts';

export type Timing = { p50: number; p95: number; p99: number; mean: number; count: number; throughput: number };

function percentile(sorted: number[], p: number) {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarise(latencies: number[], seconds: number): Timing {
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    count: latencies.length,
    throughput: latencies.length / seconds,
  };
}

/** Runs `op` `warmup` times untimed, then `count` times (by `concurrency` callers), and summarises the latencies. */
export async function time(
  op: (i: number) => Promise<unknown>,
  { count, warmup = 5, concurrency = 1 }: { count: number; warmup?: number; concurrency?: number },
): Promise<Timing> {
  return (await timeInterleaved([op], { count, warmup, concurrency, block: count }))[0];
}

/**
 * Runs each of `ops` `count` times in alternating blocks of `block` calls (by `concurrency` callers, all on one op at
 * a time), so a shared machine's load falls on every op alike: measured one whole phase after the other, the same
 * commit's append gave 1.2–4× its baseline at one writer. Blocks, not single calls: at 8 writers a mix of both ops
 * would make each wait for the other's work and pull the ratio towards 1. Throughput is calls over the op's blocks.
 */
export async function timeInterleaved(
  ops: Array<(i: number) => Promise<unknown>>,
  {
    count,
    warmup = 5,
    concurrency = 1,
    block = Math.max(20, 5 * concurrency),
  }: { count: number; warmup?: number; concurrency?: number; block?: number },
): Promise<Timing[]> {
  for (let i = 0; i < warmup; i++) for (const op of ops) await op(-1 - i);
  const latencies = ops.map(() => [] as number[]);
  const seconds = ops.map(() => 0);
  let i = 0;
  for (let done = 0; done < count; done += block) {
    const calls = Math.min(block, count - done);
    for (const [k, op] of ops.entries()) {
      let left = calls;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(concurrency, calls) }, async () => {
          while (left > 0) {
            left--;
            const t = performance.now();
            await op(i++);
            latencies[k].push(performance.now() - t);
          }
        }),
      );
      seconds[k] += (performance.now() - started) / 1000;
    }
  }
  return latencies.map((l, k) => summarise(l, seconds[k]));
}

export async function tokenFor(id: string): Promise<string> {
  return new SignJWT({
    role: 'authenticated',
    aud: 'authenticated',
    is_anonymous: false,
    session_id: crypto.randomUUID(),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(id)
    .setIssuedAt()
    .setExpirationTime('4h')
    .sign(new TextEncoder().encode(jwtSecret));
}

/** A user's view of /rest/v1: GET a path or POST an RPC, failing on anything but 2xx. */
export function restAs(ctx: BenchContext, token: string) {
  const headers = {
    apikey: ctx.publishableKey,
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const check = (path: string, res: { status: number; body: string }) => {
    if (res.status < 200 || res.status > 299)
      throw new Error(`${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body || 'null') as unknown;
  };
  return {
    get: async (path: string) => check(path, await request(`${ctx.apiUrl}/rest/v1/${path}`, { headers })),
    rpc: async (name: string, args: Record<string, unknown>) =>
      check(
        name,
        await request(`${ctx.apiUrl}/rest/v1/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(args) }),
      ),
  };
}

/** Runs `fn` in one transaction as the user, as PostgREST runs a request; rolled back unless `commit`. */
export async function sqlAs<T>(
  api: postgres.Sql,
  id: string,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
  { commit = false, role = 'authenticated' as string | null } = {},
): Promise<T> {
  const rollback = new Error('rollback');
  let result: T | undefined;
  try {
    await api.begin(async (tx) => {
      const claims = JSON.stringify({ sub: id, role: 'authenticated' });
      if (role) await tx`select set_config('request.jwt.claims', ${claims}, true), set_config('role', ${role}, true)`;
      else await tx`select set_config('request.jwt.claims', ${claims}, true)`;
      result = await fn(tx);
      if (!commit) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result as T;
}

/** Runs `fn` in a rolled-back transaction shaped as sqlAs's (claims set first) but keeping the session's role: a
 * baseline that bypasses row security pays the same round trips as the function it is compared with. */
export async function sqlIn<T>(sql: postgres.Sql, id: string, fn: (tx: postgres.TransactionSql) => Promise<T>) {
  return sqlAs(sql, id, fn, { role: null });
}
