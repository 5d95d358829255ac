// postgres_changes with the real realtime-js: bindings and filters, RLS and grants as the subscriber, tables outside
// the publication, payloads beyond NOTIFY's limit, tables published later, and a client that reconnects.
import {
  createClient,
  type RealtimeChannel,
  type RealtimePostgresChangesPayload,
  type SupabaseClient,
} from '@supabase/supabase-js';
import postgres from 'postgres';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl, publishableKey } from '../support/stack.ts';
import { clientAs, createUser } from '../support/users.ts';
import { createRealtimeFixture } from './realtime-fixture.ts';

const schema = 'rt_changes_fixture';
const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 2, onnotice: () => {} });
const clients: SupabaseClient[] = [];
let dropFixture = async () => {};
beforeAll(async () => {
  dropFixture = await createRealtimeFixture(adminDbUrl, schema);
});
afterAll(async () => {
  for (const c of clients) await c.removeAllChannels();
  await dropFixture();
  await admin.end();
});

type Row = Record<string, any>;
type Change = RealtimePostgresChangesPayload<Row>;

async function user() {
  // The client's sockets, through realtime-js's own `transport` option, so a test can cut one.
  const sockets: WebSocket[] = [];
  class TrackedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      sockets.push(this);
    }
  }
  const { id, token } = await createUser(admin, { anonymous: true });
  const client = clientAs(gateway.url, token, { realtime: { transport: TrackedWebSocket as never } });
  // Token first, so the join already carries it (as the app waits for its session).
  await client.realtime.setAuth(token);
  clients.push(client);
  return { id, client, sockets };
}

function anonymous(options: { vsn?: string } = {}) {
  const client = createClient(gateway.url, publishableKey, { realtime: { vsn: options.vsn } as never });
  clients.push(client);
  return client;
}

/** Every change a binding receives, with a way to wait for the one that matches. */
function listen(
  channel: RealtimeChannel,
  binding: { event: '*' | 'INSERT' | 'UPDATE' | 'DELETE'; table: string; filter?: string },
) {
  const seen: Change[] = [];
  const waiters: Array<{ test: (c: Change) => boolean; resolve: (c: Change) => void }> = [];
  channel.on('postgres_changes', { schema, ...binding } as never, (change: Change) => {
    seen.push(change);
    for (const w of [...waiters])
      if (w.test(change)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(change);
      }
  });
  return {
    seen,
    next: (test: (c: Change) => boolean) =>
      new Promise<Change>((resolve) => {
        const already = seen.find(test);
        if (already) resolve(already);
        else waiters.push({ test, resolve });
      }),
  };
}

function subscribed(channel: RealtimeChannel): Promise<string> {
  return new Promise((resolve) =>
    channel.subscribe((status, error) => {
      if (status !== 'CLOSED') resolve(error ? `${status}: ${error.message}` : status);
    }),
  );
}

function systemMessage(channel: RealtimeChannel, test: (m: any) => boolean): Promise<any> {
  return new Promise((resolve) => channel.on('system', {}, (message) => test(message) && resolve(message)));
}

const newRow = (c: Change) => c.new as Row;
const oldRow = (c: Change) => c.old as Row;

describe('postgres_changes', () => {
  it('delivers inserts, updates and deletes in the shape realtime-js expects, filtered by the binding', async () => {
    const owner = await user();
    const chat = crypto.randomUUID();
    const channel = owner.client.channel(`items-${chat}`);
    const all = listen(channel, { event: '*', table: 'items', filter: `chat_id=eq.${chat}` });
    const deletes = listen(channel, { event: 'DELETE', table: 'items' });
    const ok = systemMessage(channel, (m) => m.extension === 'postgres_changes');
    expect(await subscribed(channel)).toBe('SUBSCRIBED');
    expect(await ok).toMatchObject({ status: 'ok', message: 'Subscribed to PostgreSQL' });

    await admin`insert into ${admin(schema)}.items (owner, chat_id, body) values (${owner.id}, ${crypto.randomUUID()}, 'other chat')`;
    const [row] =
      await admin`insert into ${admin(schema)}.items (owner, chat_id, n, body) values (${owner.id}, ${chat}, 1, 'hello') returning id`;
    const inserted = await all.next((c) => c.eventType === 'INSERT');
    expect(inserted).toMatchObject({ schema, table: 'items', eventType: 'INSERT', errors: null, old: {} });
    expect(newRow(inserted)).toMatchObject({ id: Number(row.id), owner: owner.id, chat_id: chat, n: 1, body: 'hello' });
    expect(inserted.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    await admin`update ${admin(schema)}.items set n = 2 where id = ${row.id}`;
    const updated = await all.next((c) => c.eventType === 'UPDATE');
    expect(newRow(updated)).toMatchObject({ id: Number(row.id), n: 2, body: 'hello' });
    // Default replica identity: the old row carries its key only.
    expect(oldRow(updated)).toEqual({ id: Number(row.id) });

    // A delete carries the key only, so (as on hosted Realtime) a filter on another column cannot match it, and RLS
    // cannot be checked on a row that is gone: an unfiltered DELETE binding receives it.
    await admin`delete from ${admin(schema)}.items where id = ${row.id}`;
    const deleted = await deletes.next((c) => oldRow(c).id === Number(row.id));
    expect(deleted).toMatchObject({ eventType: 'DELETE', new: {}, errors: null });
    expect(oldRow(deleted)).toEqual({ id: Number(row.id) });
    // The other chat's row never arrived: it was inserted first, and changes arrive in commit order.
    expect(all.seen.map((c) => c.eventType)).toEqual(['INSERT', 'UPDATE']);
  });

  it('applies eq, neq, lt, lte, gt, gte and in filters with the column type, per binding', async () => {
    const owner = await user();
    const chat = crypto.randomUUID();
    const channel = owner.client.channel(`filters-${chat}`);
    const bindings = {
      gt: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},n=gt.9` }),
      gte: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},n=gte.10` }),
      lt: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},n=lt.3` }),
      lte: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},n=lte.2` }),
      in: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},n=in.(2,10)` }),
      neq: listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat},body=neq.skip` }),
      updates: listen(channel, { event: 'UPDATE', table: 'items', filter: `chat_id=eq.${chat}` }),
    };
    const marker = listen(channel, { event: 'INSERT', table: 'notes', filter: `body=eq.${chat}` });
    expect(await subscribed(channel)).toBe('SUBSCRIBED');
    // 10 > 9 numerically, though not as text: the comparison follows the column's type.
    await admin`insert into ${admin(schema)}.items (owner, chat_id, n, body) values
      (${owner.id}, ${chat}, 2, 'a'), (${owner.id}, ${chat}, 10, 'b'), (${owner.id}, ${chat}, 5, 'skip')`;
    await admin`insert into ${admin(schema)}.notes (body) values (${chat})`;
    await marker.next(() => true);
    const ns = (l: { seen: Change[] }) => l.seen.map((c) => newRow(c).n);
    expect(ns(bindings.gt)).toEqual([10]);
    expect(ns(bindings.gte)).toEqual([10]);
    expect(ns(bindings.lt)).toEqual([2]);
    expect(ns(bindings.lte)).toEqual([2]);
    expect(ns(bindings.in)).toEqual([2, 10]);
    expect(ns(bindings.neq)).toEqual([2, 10]);
    expect(bindings.updates.seen).toEqual([]);
  });

  it('sends each subscriber only the rows RLS lets them select', async () => {
    const alice = await user();
    const bob = await user();
    const chat = crypto.randomUUID();
    const channels = [alice, bob].map(({ client }) => client.channel(`rls-${chat}`));
    const items = channels.map((channel) =>
      listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat}` }),
    );
    const anon = anonymous();
    const anonChannel = anon.channel(`rls-${chat}`);
    const anonItems = listen(anonChannel, { event: '*', table: 'items' });
    const anonSecrets = listen(anonChannel, { event: 'INSERT', table: 'secrets' });
    const anonMarker = listen(anonChannel, { event: 'INSERT', table: 'notes', filter: `body=eq.${chat}` });
    for (const channel of [...channels, anonChannel]) expect(await subscribed(channel)).toBe('SUBSCRIBED');

    await admin`insert into ${admin(schema)}.items (owner, chat_id, body) values (${bob.id}, ${chat}, 'bob''s')`;
    await admin`insert into ${admin(schema)}.items (owner, chat_id, body) values (${alice.id}, ${chat}, 'alice''s')`;
    await admin`insert into ${admin(schema)}.secrets (owner, body) values (${alice.id}, 'top secret')`;
    await admin`insert into ${admin(schema)}.notes (body) values (${chat})`;
    expect(newRow(await items[0].next((c) => newRow(c).body === "alice's")).owner).toBe(alice.id);
    expect(newRow(await items[1].next(() => true)).owner).toBe(bob.id);
    expect(items[0].seen.map((c) => newRow(c).body)).toEqual(["alice's"]);

    // anon may select the table, and RLS shows it no row; the table it has no grant on yields walrus' 401, no data.
    await anonMarker.next(() => true);
    expect(anonItems.seen).toEqual([]);
    expect(anonSecrets.seen.map((c) => ({ new: c.new, errors: c.errors }))).toEqual([
      { new: {}, errors: ['Error 401: Unauthorized'] },
    ]);
    expect(items[1].seen.map((c) => newRow(c).body)).toEqual(["bob's"]);
  });

  it('refuses tables outside the supabase_realtime publication', async () => {
    const client = anonymous();
    const topic = `hidden-${crypto.randomUUID()}`;
    const channel = client.channel(topic);
    const hidden = listen(channel, { event: '*', table: 'hidden' });
    const marker = listen(channel, { event: 'INSERT', table: 'notes', filter: `body=eq.${topic}` });
    const error = systemMessage(channel, (m) => m.extension === 'postgres_changes');
    expect(await subscribed(channel)).toBe('SUBSCRIBED');
    expect(await error).toMatchObject({
      status: 'error',
      message: expect.stringContaining('Unable to subscribe to changes with given parameters'),
    });
    await admin`insert into ${admin(schema)}.hidden (body) values (${topic})`;
    await admin`insert into ${admin(schema)}.notes (body) values (${topic})`;
    await marker.next(() => true);
    expect(hidden.seen).toEqual([]);

    const waiting = client.channel(`${topic}-wait`, { config: { postgres_changes_options: { wait: true } } } as never);
    listen(waiting, { event: '*', table: 'hidden' });
    expect(await subscribed(waiting)).toMatch(/^CHANNEL_ERROR: RealtimeDisabledForConfiguration: Unable to subscribe/);
  });

  it('delivers rows bigger than a notification, to vsn 1.0.0 clients too', async () => {
    const client = anonymous({ vsn: '1.0.0' });
    const body = `${crypto.randomUUID()} ${'x'.repeat(70_000)} end`;
    const channel = client.channel(`big-${crypto.randomUUID()}`);
    const notes = listen(channel, { event: 'INSERT', table: 'notes' });
    expect(await subscribed(channel)).toBe('SUBSCRIBED');
    await admin`insert into ${admin(schema)}.notes (body) values (${body})`;
    expect(newRow(await notes.next((c) => newRow(c).body.startsWith(body.slice(0, 36)))).body).toBe(body);
  });

  it('covers tables added to the publication after the gateway started', async () => {
    await admin.unsafe(`create table ${schema}.late (id uuid primary key default gen_random_uuid(), body text not null);
      grant select on ${schema}.late to anon; alter publication supabase_realtime add table ${schema}.late`);
    const client = anonymous();
    const channel = client.channel(`late-${crypto.randomUUID()}`);
    const late = listen(channel, { event: 'INSERT', table: 'late' });
    expect(await subscribed(channel)).toBe('SUBSCRIBED');
    const [row] = await admin`insert into ${admin(schema)}.late (body) values ('late') returning id`;
    expect(newRow(await late.next(() => true))).toEqual({ id: row.id, body: 'late' });
  });

  it('keeps delivering to a client that lost its socket and rejoined', async () => {
    const owner = await user();
    const chat = crypto.randomUUID();
    const channel = owner.client.channel(`reconnect-${chat}`);
    const items = listen(channel, { event: 'INSERT', table: 'items', filter: `chat_id=eq.${chat}` });
    let joins = 0;
    let joined = () => {};
    let rejoined = () => {};
    const first = new Promise<void>((resolve) => (joined = resolve));
    const second = new Promise<void>((resolve) => (rejoined = resolve));
    channel.subscribe((status) => {
      if (status !== 'SUBSCRIBED') return;
      joins++;
      if (joins === 1) joined();
      if (joins === 2) rejoined();
    });
    await first;
    await admin`insert into ${admin(schema)}.items (owner, chat_id, body) values (${owner.id}, ${chat}, 'before')`;
    await items.next((c) => newRow(c).body === 'before');
    expect(owner.sockets).toHaveLength(1);
    owner.sockets[0].terminate();
    await second;
    expect(owner.sockets).toHaveLength(2);
    await admin`insert into ${admin(schema)}.items (owner, chat_id, body) values (${owner.id}, ${chat}, 'after')`;
    await items.next((c) => newRow(c).body === 'after');
    expect(items.seen.map((c) => newRow(c).body)).toEqual(['before', 'after']);
  });
});
