// /realtime/v1 with the real realtime-js: private channels authorised by RLS, broadcasts from the database and
// from clients, presence, and refusals.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl, publishableKey } from '../support/stack.ts';
import { clientAs, createUser } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 2, onnotice: () => {} });
const clients: SupabaseClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.removeAllChannels();
  await admin.end();
});

async function user() {
  const { id, token } = await createUser(admin, { anonymous: true });
  const client = clientAs(gateway.url, token);
  clients.push(client);
  return { id, client };
}

function subscribed(channel: RealtimeChannel): Promise<string> {
  return new Promise((resolve) =>
    channel.subscribe((status, error) => {
      if (status !== 'CLOSED') resolve(error ? `${status}: ${error.message}` : status);
    }),
  );
}

function nextBroadcast(channel: RealtimeChannel, event = '*'): Promise<any> {
  return new Promise((resolve) => channel.on('broadcast', { event }, (message) => resolve(message)));
}

describe('private chat channels', () => {
  it('let the owner follow database broadcasts of new messages and refuse a stranger', async () => {
    const owner = await user();
    const stranger = await user();
    const [chat] = await admin`insert into public.chats (user_id, title) values (${owner.id}, 'live') returning id`;
    const topic = `chat:${chat.id}:messages`;
    const mine = owner.client.channel(topic, { config: { private: true } });
    const received = nextBroadcast(mine, 'INSERT');
    expect(await subscribed(mine)).toBe('SUBSCRIBED');
    const theirs = stranger.client.channel(topic, { config: { private: true } });
    expect(await subscribed(theirs)).toMatch(/^CHANNEL_ERROR: .*Unauthorized/);
    await admin`insert into public.messages (chat_id, role, content) values (${chat.id}, 'user', ${'x'.repeat(9000) + ' end'})`;
    const message = await received;
    expect(message.event).toBe('INSERT');
    expect(message.payload.record.content.endsWith(' end')).toBe(true);
    expect(message.payload.record.sequence_number).toBe(1);
    expect(message.payload.table).toBe('messages');
  });
});

describe('public channels', () => {
  it('relay client broadcasts to the other members but not back to the sender by default', async () => {
    const a = await user();
    const b = await user();
    const topic = `room-${crypto.randomUUID()}`;
    const sender = a.client.channel(topic);
    const receiver = b.client.channel(topic);
    expect(await subscribed(sender)).toBe('SUBSCRIBED');
    expect(await subscribed(receiver)).toBe('SUBSCRIBED');
    const got = nextBroadcast(receiver, 'ping');
    let echoed = false;
    sender.on('broadcast', { event: 'ping' }, () => {
      echoed = true;
    });
    expect(await sender.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe('ok');
    expect((await got).payload).toEqual({ n: 1 });
    const viaRest = nextBroadcast(receiver, 'rest');
    const res = await fetch(`${gateway.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: publishableKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic, event: 'rest', payload: { n: 2 }, private: false }] }),
    });
    expect(res.status).toBe(202);
    expect((await viaRest).payload).toEqual({ n: 2 });
    expect(echoed).toBe(false);
  });

  it('shares presence between members', async () => {
    const a = await user();
    const b = await user();
    const topic = `presence-${crypto.randomUUID()}`;
    const first = a.client.channel(topic, { config: { presence: { key: 'a' } } });
    const second = b.client.channel(topic, { config: { presence: { key: 'b' } } });
    const joined = new Promise<string[]>((resolve) =>
      first.on('presence', { event: 'join' }, ({ key }) => key === 'b' && resolve([key])),
    );
    expect(await subscribed(first)).toBe('SUBSCRIBED');
    expect(await subscribed(second)).toBe('SUBSCRIBED');
    await second.track({ typing: true });
    expect(await joined).toEqual(['b']);
    expect(Object.keys(first.presenceState())).toContain('b');
  });

  it('refuses a socket with a bad API key', async () => {
    const res = await new Promise<number>((resolve) => {
      const ws = new WebSocket(
        `${gateway.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=sb_publishable_wrong&vsn=2.0.0`,
      );
      ws.onerror = () => resolve(401);
      ws.onopen = () => resolve(101);
    });
    expect(res).toBe(401);
  });
});
