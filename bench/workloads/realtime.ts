// Realtime: database insert → subscriber receipt latency on one private chat topic with 1, 100 and 1,000
// subscribers, and the gateway's memory per open socket.
import fs from 'node:fs';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { jwtSecret, pidFiles } from '../../supabase/local/config.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function gatewayRssKb(): number | null {
  try {
    const pid = fs.readFileSync(pidFiles.gateway, 'utf8').trim();
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

async function run(ctx: BenchContext, subscribers: number, inserts: number): Promise<{ row: MeasuredRow; rssPerSocketKb: number | null }> {
  const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
  const userId = crypto.randomUUID();
  await admin`insert into auth.users (id, aud, role, created_at, updated_at, is_anonymous) values (${userId}, 'authenticated', 'authenticated', now(), now(), true)`;
  const [chat] = await admin`insert into public.chats (user_id, title) values (${userId}, 'realtime bench') returning id`;
  const token = await new SignJWT({ role: 'authenticated', aud: 'authenticated', session_id: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(jwtSecret));
  const before = gatewayRssKb();
  const clients: SupabaseClient[] = [];
  const channels: RealtimeChannel[] = [];
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  for (let i = 0; i < subscribers; i++) {
    const client = createClient(ctx.apiUrl, ctx.publishableKey, { accessToken: async () => token });
    // Set the token before joining, so the first join of a private channel already carries it.
    await client.realtime.setAuth(token);
    const channel = client.channel(`chat:${chat.id}:messages`, { config: { private: true } });
    channel.on('broadcast', { event: 'INSERT' }, ({ payload }) => {
      const started = sentAt.get(payload.record.content);
      if (started !== undefined) latencies.push(performance.now() - started);
    });
    await new Promise<void>((resolve, reject) => channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : error ? reject(error) : undefined)));
    clients.push(client);
    channels.push(channel);
  }
  const after = gatewayRssKb();
  for (let i = 0; i < inserts; i++) {
    const content = `bench ${i}`;
    const expected = latencies.length + subscribers;
    sentAt.set(content, performance.now());
    await admin`insert into public.messages (chat_id, role, content) values (${chat.id}, 'user', ${content})`;
    const deadline = performance.now() + 5000;
    while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
  }
  for (const client of clients) await client.removeAllChannels();
  await admin.end();
  latencies.sort((a, b) => a - b);
  const received = latencies.length / (subscribers * inserts);
  return {
    row: { name: `insert → receive, ${subscribers} subscriber(s)`, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), note: `${Math.round(received * 100)}% of ${subscribers * inserts} deliveries` },
    rssPerSocketKb: before !== null && after !== null ? (after - before) / subscribers : null,
  };
}

export const workloads: Workload[] = [
  {
    name: 'realtime-db-broadcast',
    measure: async (ctx) => {
      const rows: MeasuredRow[] = [];
      for (const [subscribers, inserts] of [[1, 200], [100, 30], [1000, 10]] as const) {
        const { row, rssPerSocketKb } = await run(ctx, subscribers, inserts);
        rows.push(row);
        if (subscribers === 1000 && rssPerSocketKb !== null) rows.push({ name: 'gateway memory per open socket', note: `${rssPerSocketKb.toFixed(1)} KB (RSS growth over 1,000 sockets)` });
      }
      return { rows };
    },
  },
];
