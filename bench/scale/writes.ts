// The scale workloads that write: an append through append_message (triggers, broadcasts, rate limit) beside a
// counter-plus-insert at 1 to 8 concurrent writers, and forking a 1,000-message shared chat.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { BenchContext } from '../types.ts';
import { restAs, sqlAs, time, timeInterleaved, tokenFor } from './clients.ts';
import type { Cast, Result } from './reads.ts';

const writers = 400;

/** Bench writers with a chat each, kept between runs: the rate limit allows each user 60 messages a minute. */
async function benchWriters(admin: postgres.Sql): Promise<Array<{ user: string; chat: string }>> {
  await admin`
    insert into auth.users (id, aud, role, email, created_at, updated_at, is_anonymous)
    select md5('scale-writer:' || g)::uuid, 'authenticated', 'authenticated', 'scale-writer-' || g || '@ohm.local', now(), now(), false
      from generate_series(1, ${writers}) g on conflict do nothing`;
  await admin`
    insert into public.chats (id, user_id, title)
    select md5('scale-writer-chat:' || g)::uuid, md5('scale-writer:' || g)::uuid, 'Scale writer ' || g
      from generate_series(1, ${writers}) g on conflict do nothing`;
  const rows =
    await admin`select md5('scale-writer:' || g)::uuid::text as user, md5('scale-writer-chat:' || g)::uuid::text as chat from generate_series(1, ${writers}) g`;
  return rows as unknown as Array<{ user: string; chat: string }>;
}

/**
 * CPU milliseconds the database backends of connections named `name` have used (utime + stime from /proc, in ticks
 * of 10 ms): the stack runs on this machine, and CPU time leaves out the waits for a core that a shared machine adds
 * to latency (not its cache misses: at load 8 on 2 cores an append's CPU rose from 0.63 to 1.0 ms). 0 without /proc.
 */
async function backendCpuMs(admin: postgres.Sql, name: string): Promise<number> {
  let ticks = 0;
  for (const { pid } of await admin`select pid from pg_catalog.pg_stat_activity where application_name = ${name}`) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone, or no /proc.
    }
  }
  return ticks * 10;
}

export async function append(ctx: BenchContext, admin: postgres.Sql, count: number): Promise<Result[]> {
  const list = await benchWriters(admin);
  const named = (url: string, name: string) =>
    postgres(url, { max: 8, onnotice: () => {}, connection: { application_name: name } });
  const api = named(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), 'scale-bench-append');
  const baselineSql = named(ctx.adminDbUrl, 'scale-bench-append-baseline');
  const rests = await Promise.all(list.map(async (w) => restAs(ctx, await tokenFor(w.user))));
  const text = (i: number) => `Bench append ${i}: wire the relay module to the esp32 board and check the solder joint.`;
  let n = 0;
  const results: Result[] = [];
  try {
    // As PostgREST runs it (role and claims in the transaction), so the ratio is the database's alone.
    const appendOnce = () => {
      const k = n++ % list.length;
      // With an idempotency key, as the app sends every message (lib/messages/data.ts).
      return sqlAs(
        api,
        list[k].user,
        (tx) => tx`select public.append_message(${list[k].chat}, ${text(n)}, ${crypto.randomUUID()})`,
        { commit: true },
      );
    };
    // The minimal design: bump the chat's counter and insert the row, no triggers, RLS, broadcast or limit.
    const minimalOnce = () => {
      const k = n++ % list.length;
      return baselineSql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        const [chat] = await tx`
          update public.chats set last_sequence_number = last_sequence_number + 1, message_count = message_count + 1,
                 last_message_at = now() where id = ${list[k].chat} returning user_id, last_sequence_number`;
        await tx`
          insert into public.messages (chat_id, user_id, sequence_number, role, content)
          values (${list[k].chat}, ${chat.user_id}, ${chat.last_sequence_number}, 'user', ${text(n)})`;
      });
    };
    for (const concurrency of [1, 2, 4, 8]) {
      // Every connection open and warm (functions compiled, statements planned) before the CPU is read: a new
      // backend's first append costs tens of milliseconds, which would be counted against the timed calls.
      for (let round = 0; round < 5; round++)
        await Promise.all(Array.from({ length: concurrency }, () => Promise.all([appendOnce(), minimalOnce()])));
      const cpuBefore = [
        await backendCpuMs(admin, 'scale-bench-append'),
        await backendCpuMs(admin, 'scale-bench-append-baseline'),
      ];
      // In blocks alternating with the baseline's, so both meet the same load on a shared machine.
      const [ours, minimal] = await timeInterleaved([appendOnce, minimalOnce], { count, concurrency, warmup: 0 });
      const cpu = [
        ((await backendCpuMs(admin, 'scale-bench-append')) - cpuBefore[0]) / ours.count,
        ((await backendCpuMs(admin, 'scale-bench-append-baseline')) - cpuBefore[1]) / minimal.count,
      ];
      const viaRest = await time(
        () => {
          const k = n++ % list.length;
          return rests[k].rpc('append_message', {
            p_chat_id: list[k].chat,
            p_content: text(n),
            p_idempotency_key: crypto.randomUUID(),
          });
        },
        { count, concurrency },
      );
      results.push({
        group: 'append',
        name: `${concurrency} writer${concurrency > 1 ? 's' : ''}, SQL`,
        ours,
        baseline: { name: 'counter + insert', timing: minimal },
        others: { 'append_message via /rest/v1': viaRest },
        ...(cpu[1] > 0
          ? {
              note: `database CPU per call ${cpu[0].toFixed(2)} / ${cpu[1].toFixed(2)} ms (${(cpu[0] / cpu[1]).toFixed(2)}×)`,
            }
          : {}),
      });
    }
  } finally {
    await api.end();
    await baselineSql.end();
  }
  return results;
}

export async function fork(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  const [share] = await admin`
    select s.share_token, s.chat_id from public.shared_chats s join public.chats c on c.id = s.chat_id
     where c.title = 'Scale shared-1000'`;
  // Not the typical user whose searches are measured: deleted forks leave dead index entries in their searches
  // until a vacuum, which a 10 M-row table does not get for a few thousand rows.
  const [forker] = await admin`select md5('scale-user:19999')::uuid::text as id`;
  const rest = restAs(ctx, await tokenFor(forker.id as string));
  const forked: string[] = [];
  const ours = await time(
    async () => forked.push((await rest.rpc('fork_chat', { p_token: share.share_token })) as string),
    {
      count,
      warmup: 1,
    },
  );
  // Baseline: the same 1,000 rows copied by one bare insert (no triggers), rolled back.
  const bare = await time(
    () =>
      admin
        .begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`
            insert into public.messages (chat_id, user_id, sequence_number, role, content, created_at)
            select chat_id, user_id, sequence_number + 1000000, role, content, created_at from public.messages where chat_id = ${share.chat_id}`;
          throw new Error('rollback');
        })
        .catch(() => {}),
    { count, warmup: 1 },
  );
  await admin`delete from public.chats where id = any(${forked})`;
  return [
    {
      group: 'fork',
      name: 'fork a 1,000-message shared chat',
      ours,
      baseline: { name: 'bare insert … select', timing: bare },
    },
  ];
}
