// How database broadcasts reach subscribers from realtime.messages (supabase/local/realtime/listener.ts): each
// transaction's broadcasts as soon as it commits, in order, once, whatever older transaction is still open; none of
// a rolled-back one; what committed while the gateway's database connection was down caught up after it; and a
// gateway that starts afresh sending only what commits from then on.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../supabase/local/gateway.ts';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl } from '../support/stack.ts';
import { clientAs, createUser } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 4, onnotice: () => {} });
const clients: SupabaseClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.removeAllChannels();
  await admin.end();
});

async function client(url: string) {
  const { token } = await createUser(admin, { anonymous: true });
  const c = clientAs(url, token);
  clients.push(c);
  return c;
}

/** A public channel that records every broadcast's `n`; `until(n)` resolves once `n` has arrived. */
async function recorder(c: SupabaseClient, topic: string) {
  const seen: string[] = [];
  const waiters: Array<{ n: string; resolve: () => void }> = [];
  const systems: Array<{ status: string; resolve: () => void }> = [];
  const channel: RealtimeChannel = c.channel(topic);
  channel.on('broadcast', { event: 'step' }, ({ payload }) => {
    seen.push(payload.n);
    for (const w of waiters.filter((w) => w.n === payload.n)) w.resolve();
  });
  channel.on('system', {}, (message: { status: string }) => {
    for (const s of systems.filter((s) => s.status === message.status)) s.resolve();
  });
  await new Promise<void>((resolve, reject) =>
    channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : error && reject(error))),
  );
  return {
    seen,
    until: (n: string) =>
      seen.includes(n) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    system: (status: 'ok' | 'error') => new Promise<void>((resolve) => systems.push({ status, resolve })),
  };
}

const send = (sql: postgres.Sql | postgres.ReservedSql | postgres.TransactionSql, topic: string, n: string) =>
  sql`select realtime.send(${sql.json({ n })}, 'step', ${topic}, false)`;

describe('database broadcasts', () => {
  it('go out when their transaction commits, in order and once, past an older transaction still open', async () => {
    const topic = `delivery-${crypto.randomUUID()}`;
    const rec = await recorder(await client(gateway.url), topic);
    const long = await admin.reserve();
    const rolledBack = await admin.reserve();
    try {
      await long`begin`;
      await send(long, topic, 'long');
      await rolledBack`begin`;
      await send(rolledBack, topic, 'rolled back');
      // Later transactions commit while the long one stays open: they must not wait for it.
      await send(admin, topic, 'after 1');
      await admin.begin(async (tx) => {
        for (const n of ['batch a', 'batch b', 'batch c']) await send(tx, topic, n);
      });
      await rec.until('batch c');
      expect(rec.seen).toEqual(['after 1', 'batch a', 'batch b', 'batch c']);
      await rolledBack`rollback`;
      await long`commit`;
      await rec.until('long');
      await send(admin, topic, 'last');
      await rec.until('last');
      expect(rec.seen).toEqual(['after 1', 'batch a', 'batch b', 'batch c', 'long', 'last']);
    } finally {
      long.release();
      rolledBack.release();
    }
  });

  it('committed while the connection was down arrive after it is back, and a new gateway replays nothing', async () => {
    const topic = `delivery-${crypto.randomUUID()}`;
    const rec = await recorder(await client(gateway.url), topic);
    await send(admin, topic, 'one');
    await rec.until('one');
    const down = rec.system('error');
    const back = rec.system('ok');
    await send(admin, topic, 'two');
    // This process's gateway only: the stack's own gateway and other test files' are named after their processes.
    const [{ dropped }] = await admin`
      select count(pg_catalog.pg_terminate_backend(pid))::int as dropped from pg_catalog.pg_stat_activity
       where application_name = ${`ohm-local-realtime-listener ${process.pid}`}`;
    expect(dropped).toBe(1);
    await down;
    await send(admin, topic, 'three');
    await back;
    await send(admin, topic, 'four');
    await rec.until('four');
    expect(rec.seen).toEqual(['one', 'two', 'three', 'four']);

    const fresh = await startGateway({ port: 0 });
    try {
      const late = await recorder(await client(`http://127.0.0.1:${fresh.port}`), topic);
      await send(admin, topic, 'five');
      await late.until('five');
      await rec.until('five');
      expect(late.seen).toEqual(['five']);
      expect(rec.seen).toEqual(['one', 'two', 'three', 'four', 'five']);
    } finally {
      await fresh.close();
    }
  });
});
