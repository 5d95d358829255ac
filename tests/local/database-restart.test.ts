// The gateway outlives Postgres restarts: it answers 503 with Retry-After while the database is down, its LISTEN
// connection comes back, clients are told while it cannot, row changes and database broadcasts flow again
// afterwards, and a reply streaming through five restarts settles with nothing lost or doubled. Restarting the
// shared stack would break the test files running beside this one, so this file starts a stack of its own (own
// ports and data folder) through the CLI and stops and starts its Postgres under the running gateway process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import { projectRoot } from '../../supabase/local/config.ts';
import { publishableKey, secretKey } from '../support/stack.ts';
import { createRealtimeFixture } from './realtime-fixture.ts';
import { endlessModel } from './endless-model.ts';

vi.mock('server-only', () => ({}));

const schema = 'rt_restart_fixture';
const dataDir = path.join(os.tmpdir(), `ohm-realtime-restart-${crypto.randomUUID()}`);
const stack = { apiUrl: '', adminUrl: '', env: {} as NodeJS.ProcessEnv };
let admin: postgres.Sql;
let client: SupabaseClient;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function cli(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'supabase', 'local', 'cli.ts'), ...args], {
      cwd: projectRoot,
      env: stack.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`cli ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

beforeAll(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  const [apiPort, dbPort] = [await freePort(), await freePort()];
  stack.env = {
    ...process.env,
    SUPABASE_LOCAL_API_PORT: String(apiPort),
    SUPABASE_LOCAL_DB_PORT: String(dbPort),
    SUPABASE_LOCAL_DATA_DIR: dataDir,
  };
  stack.apiUrl = `http://127.0.0.1:${apiPort}`;
  // The agents' write path (lib/supabase/service.ts) of the reply test writes to this stack.
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = publishableKey;
  process.env.SUPABASE_SECRET_KEY = secretKey;
  stack.adminUrl = `postgresql://supabase_admin:postgres@127.0.0.1:${dbPort}/postgres`;
  await cli('start');
  await createRealtimeFixture(stack.adminUrl, schema);
  admin = postgres(stack.adminUrl, { max: 1, onnotice: () => {} });
  client = createClient(stack.apiUrl, publishableKey);
}, 180_000);

afterAll(async () => {
  await client?.removeAllChannels();
  await admin?.end();
  await cli('stop').catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** Resolves with the first message on the channel that passes `test`, counting from the moment it is called. */
function nextOn(
  channel: RealtimeChannel,
  kind: 'system' | 'postgres_changes' | 'broadcast',
  filter: Record<string, unknown>,
) {
  const waiters: Array<{ test: (m: any) => boolean; resolve: (m: any) => void }> = [];
  channel.on(kind as never, filter as never, (message: any) => {
    for (const w of [...waiters])
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
  });
  return (test: (m: any) => boolean) => new Promise<any>((resolve) => waiters.push({ test, resolve }));
}

describe('a database restart under the gateway', () => {
  it('is reported to subscribed clients, and changes and broadcasts flow again afterwards', async () => {
    printLogsOnFailure();
    const topic = `restart-${crypto.randomUUID()}`;
    const channel = client.channel(topic);
    const system = nextOn(channel, 'system', {});
    const note = nextOn(channel, 'postgres_changes', { event: 'INSERT', schema, table: 'notes' });
    const broadcast = nextOn(channel, 'broadcast', { event: 'ping' });
    const subscribedToPostgres = system((m) => m.extension === 'postgres_changes' && m.status === 'ok');
    await new Promise<void>((resolve, reject) =>
      channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : error && reject(error))),
    );
    await subscribedToPostgres;

    const before = note((c) => c.new.body === 'before');
    await admin`insert into ${admin(schema)}.notes (body) values ('before')`;
    await before;

    const lost = system((m) => m.status === 'error');
    await cli('stop-db');
    expect(await lost).toMatchObject({
      extension: 'postgres_changes',
      status: 'error',
      message: expect.stringMatching(/lost its connection to the database/),
    });

    const back = system((m) => m.status === 'ok');
    await cli('start');
    expect(await back).toMatchObject({
      extension: 'postgres_changes',
      status: 'ok',
      message: 'Subscribed to PostgreSQL',
    });

    const after = note((c) => c.new.body === 'after');
    await admin`insert into ${admin(schema)}.notes (body) values ('after')`;
    expect((await after).new.body).toBe('after');
    const ping = broadcast(() => true);
    await admin`select realtime.send('{"n": 1}'::jsonb, 'ping', ${topic}, false)`;
    expect((await ping).payload).toMatchObject({ n: 1 });
  });
});

const gatewayPid = () => Number(fs.readFileSync(path.join(dataDir, 'gateway.pid'), 'utf8'));

// The stack's folder is deleted afterwards: a failure shows what the gateway and Postgres said.
function printLogsOnFailure() {
  onTestFailed(() => {
    for (const file of ['gateway.log', path.join('pg-log', 'postgres.log')]) {
      const text = fs.existsSync(path.join(dataDir, file)) ? fs.readFileSync(path.join(dataDir, file), 'utf8') : '';
      console.error(`--- ${file} (last 40 lines) ---\n${text.split('\n').slice(-40).join('\n')}`);
    }
  });
}

describe('a streaming reply through five database restarts', () => {
  it('keeps the same gateway, answers 503 while the database is down, and settles the reply once', async () => {
    printLogsOnFailure();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { beginAgentReply } = await import('@/lib/agents/reply-writer');
      const [user] = await admin`insert into auth.users (id, aud, role, created_at, updated_at, is_anonymous)
        values (gen_random_uuid(), 'authenticated', 'authenticated', now(), now(), true) returning id`;
      const [chat] =
        await admin`insert into public.chats (user_id, title) values (${user.id}, 'Restart drill') returning id`;
      const [question] = await admin`select id from public.append_message(${chat.id}, 'Keep talking')`;
      const pid = gatewayPid();
      const reply = await beginAgentReply({
        chatId: chat.id,
        replyTo: question.id,
        modelLabel: 'ohm/offline-1',
        route: { intent: 'CHAT', agent: 'conversational' },
        history: [{ role: 'user', content: 'Keep talking' }],
      });
      const model = endlessModel();
      const running = reply.run({ model: model.model });

      for (let i = 0; i < 5; i++) {
        await cli('stop-db');
        const down = await fetch(`${stack.apiUrl}/rest/v1/chats?select=id`, {
          headers: { apikey: secretKey, authorization: `Bearer ${secretKey}` },
        });
        expect(down.status).toBe(503);
        expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
        await cli('start');
      }
      const up = await fetch(`${stack.apiUrl}/rest/v1/chats?select=id&id=eq.${chat.id}`, {
        headers: { apikey: secretKey, authorization: `Bearer ${secretKey}` },
      });
      expect(up.status).toBe(200);
      model.finish();

      const result = await running;
      expect(['complete', 'interrupted']).toContain(result.status);
      const rows =
        await admin`select id, role, status, content from public.messages where chat_id = ${chat.id} order by sequence_number`;
      expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
      expect(rows[1].status).toBe(result.status);
      if (result.status === 'complete') expect(rows[1].content).toBe(result.text);
      else expect(result.text.startsWith(rows[1].content)).toBe(true);
      expect(gatewayPid()).toBe(pid);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 180_000);
});
