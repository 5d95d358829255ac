// The agent API (/api/agents/v1) through the production build, with the maker's tab stood in for by a realtime-js
// client subscribed to the chat's channel as its owner. `agent-api-first-delta`: job start (the claim) → reply
// started → first delta written → that delta received by the subscriber, and the delta's own request → received.
// `agent-api-8-jobs`: 8 jobs of 8 chats appending deltas at once: each write's latency, their total throughput,
// and each delta's request → received by its chat's subscriber; beside them, the in-process reply writer's own
// save (public.agent_job_write 'reply.text' for a job of the built-in service, through /rest/v1/rpc) by 8 writers at
// the same moment, as the reference for this machine's load.
import { randomUUID } from 'node:crypto';
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import postgres from 'postgres';
import { createUser } from '../../tests/support/users.ts';
import { appUrl, startApp } from '../app-server.ts';
import { request } from '../http-client.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';
import { percentile } from './chat.ts';

const jobsTimed = 40;
const concurrentJobs = 8;
const deltasPerJob = 60;

type Setup = { admin: postgres.Sql; ctx: BenchContext; service: string; key: string; userId: string; token: string };

async function call(path: string, secret: string, body?: unknown) {
  const res = await request(`${appUrl}/api/agents/v1${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${secret}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify(body ?? {}),
  });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body) as Record<string, any>;
}

/** A chat of the bench user with a subscriber as its owner; `onRecord` hears every message change. */
async function subscribedChat(s: Setup, onRecord: (record: { id: string; content: string }, at: number) => void) {
  const [chat] =
    await s.admin`insert into public.chats (user_id, title) values (${s.userId}, 'bench agent api') returning id`;
  const client = createClient(s.ctx.apiUrl, s.ctx.publishableKey, { accessToken: async () => s.token });
  await client.realtime.setAuth(s.token);
  const channel: RealtimeChannel = client
    .channel(`chat:${chat.id}:messages`, { config: { private: true } })
    .on('broadcast', { event: '*' }, ({ payload }) => payload.record && onRecord(payload.record, performance.now()));
  await new Promise<void>((resolve, reject) =>
    channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : error ? reject(error) : undefined)),
  );
  return { chatId: chat.id as string, close: () => client.removeAllChannels() };
}

/** A question in `chatId` handed to the bench service: the orchestrator's part, not timed. */
async function pendingJob(s: Setup, chatId: string) {
  const [question] =
    await s.admin`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'bench question') returning id`;
  await s.admin`select public.create_agent_job(${s.service}, ${chatId}, ${question.id}, 'CODE', 'codeGenerator')`;
}

/** Resolves when the subscriber has seen `replyId` reach `length` characters. */
function visibleWaiter() {
  const waiting = new Map<string, { resolve: (at: number) => void }>();
  return {
    onRecord(record: { id: string; content: string }, at: number) {
      const key = `${record.id}:${record.content.length}`;
      waiting.get(key)?.resolve(at);
      waiting.delete(key);
    },
    until(replyId: string, length: number) {
      return new Promise<number>((resolve) => waiting.set(`${replyId}:${length}`, { resolve }));
    },
  };
}

const stats = (name: string, values: number[], note: string, seconds?: number): MeasuredRow => ({
  name,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  throughput: seconds ? values.length / seconds : undefined,
  note: `${values.length} samples; ${note}`,
});

async function measureFirstDelta(s: Setup): Promise<MeasuredRow[]> {
  const waiter = visibleWaiter();
  const tab = await subscribedChat(s, (r, at) => waiter.onRecord(r, at));
  const fromStart: number[] = [];
  const fromDelta: number[] = [];
  for (let i = 0; i < jobsTimed + 3; i++) {
    await pendingJob(s, tab.chatId);
    const t0 = performance.now();
    const claimed = await call('/jobs/claim', s.key);
    const job = `/jobs/${claimed.job.id}`;
    const started = await call(`${job}/reply`, claimed.token);
    const text = 'Hello from an external agent.';
    const visible = waiter.until(started.message_id, text.length);
    const t1 = performance.now();
    await call(`${job}/reply/deltas`, claimed.token, { text });
    const seen = await visible;
    // The first three warm the route, the connections and the channel up.
    if (i >= 3) {
      fromStart.push(seen - t0);
      fromDelta.push(seen - t1);
    }
    await call(`${job}/reply/finish`, claimed.token, {});
  }
  await tab.close();
  return [
    stats('job start → first delta visible', fromStart, 'claim + start reply + delta over HTTP, then the broadcast'),
    stats('delta request → visible', fromDelta, 'one delta write to its broadcast at the subscriber'),
  ];
}

async function measureConcurrent(s: Setup): Promise<MeasuredRow[]> {
  const waiter = visibleWaiter();
  const tabs = await Promise.all(
    Array.from({ length: concurrentJobs }, () => subscribedChat(s, (r, at) => waiter.onRecord(r, at))),
  );
  const jobs = [];
  for (const tab of tabs) {
    await pendingJob(s, tab.chatId);
    const claimed = await call('/jobs/claim', s.key);
    const started = await call(`/jobs/${claimed.job.id}/reply`, claimed.token);
    jobs.push({ path: `/jobs/${claimed.job.id}`, token: claimed.token, replyId: started.message_id as string });
  }
  const writes: number[] = [];
  const lags: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    jobs.map(async (job) => {
      let length = 0;
      for (let i = 0; i < deltasPerJob; i++) {
        const text = `word${i} `;
        length += text.length;
        const visible = waiter.until(job.replyId, length);
        const sent = performance.now();
        await call(`${job.path}/reply/deltas`, job.token, { text });
        writes.push(performance.now() - sent);
        lags.push((await visible) - sent);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const job of jobs) await call(`${job.path}/reply/finish`, job.token, {});
  const baseline = await inProcessSaves(s, tabs, waiter);
  await Promise.all(tabs.map((t) => t.close()));
  return [
    stats(
      '8 jobs: delta write',
      writes,
      `${concurrentJobs} jobs × ${deltasPerJob} deltas; throughput in deltas/s`,
      seconds,
    ),
    stats('8 jobs: delta request → visible', lags, 'each delta to its broadcast at its chat’s subscriber'),
    ...baseline,
  ];
}

/**
 * The reference on the same machine at the same moment: the in-process writer's own save of a streaming reply (a
 * job of the built-in service opened by public.open_agent_turn, then agent_job_write 'reply.text' with the secret
 * key, the same triggers and broadcast), 8 writers at once.
 */
async function inProcessSaves(s: Setup, tabs: Array<{ chatId: string }>, waiter: ReturnType<typeof visibleWaiter>) {
  const writes: number[] = [];
  const lags: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    tabs.map(async (tab) => {
      const [question] = await s.admin`select id from public.append_message(${tab.chatId}, 'And in process?')`;
      const [{ opened }] = await s.admin`select public.open_agent_turn(${tab.chatId}, ${question.id}, 'CHAT',
        'conversational', 'bench', null, ${`reply:${question.id}`}) as opened`;
      const reply = { id: opened.reply.message_id as string };
      let content = '';
      for (let i = 0; i < deltasPerJob; i++) {
        content += `word${i} `;
        const visible = waiter.until(reply.id, content.length);
        const sent = performance.now();
        const res = await request(`${s.ctx.apiUrl}/rest/v1/rpc/agent_job_write`, {
          method: 'POST',
          headers: {
            apikey: s.ctx.secretKey,
            Authorization: `Bearer ${s.ctx.secretKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            p_token: opened.token,
            p_job_id: opened.job.id,
            p_idempotency_key: `reply.text:${i}`,
            p_op: 'reply.text',
            p_body: { content },
          }),
        });
        if (res.status >= 300) throw new Error(`the in-process save answered ${res.status}: ${res.body}`);
        writes.push(performance.now() - sent);
        lags.push((await visible) - sent);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return [
    stats('baseline: 8 in-process saves', writes, 'agent_job_write reply.text, the reply writer’s own save', seconds),
    stats('baseline: in-process save → visible', lags, 'each save to its broadcast'),
  ];
}

export const workloads: Workload[] = [
  {
    name: 'agent-api',
    async measure(ctx) {
      const admin = postgres(ctx.adminDbUrl, { max: 4, onnotice: () => {} });
      const stop = await startApp(ctx);
      try {
        const user = await createUser(admin, { anonymous: true });
        const service = `bench-${randomUUID().slice(0, 8)}`;
        // High limits: the bench measures the path, not the rate limiter's refusals.
        const [{ answer }] = await admin`select public.register_agent_service(${service}, 1000000, 1000000) as answer`;
        const s: Setup = { admin, ctx, service, key: answer.key, userId: user.id, token: user.token };
        const rows = [...(await measureFirstDelta(s)), ...(await measureConcurrent(s))];
        await admin`select public.revoke_agent_service(${service})`;
        return { rows };
      } finally {
        await stop();
        await admin.end();
      }
    },
  },
];
