// /realtime/v1 — the Phoenix protocol realtime-js speaks (vsn 1.0.0 objects, 2.0.0 arrays and binary client
// broadcasts): heartbeat, join with private-channel authorization through RLS on realtime.messages, broadcast from
// clients, the REST broadcast endpoint and the database (realtime.send / broadcast_changes), presence, leave and
// token refresh. postgres_changes bindings are echoed but not delivered (a system error says so).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { GatewayContext } from './core/context.ts';
import { resolveRequestRole, verifyJwt, type Claims } from './core/request-role.ts';
import { anonKey, publishableKey, secretKey, serviceRoleKey } from './config.ts';

type Channel = {
  topic: string; // without the realtime: prefix
  joinRef: string | null;
  private: boolean;
  self: boolean;
  ack: boolean;
  role: string;
  claims: Claims;
  canWrite: boolean;
  presenceKey: string;
};

type Client = { socket: WebSocket; vsn: '1.0.0' | '2.0.0'; channels: Map<string, Channel>; defaultToken: string };

type Frame = { joinRef: string | null; ref: string | null; topic: string; event: string; payload: any };

const topics = new Map<string, Set<{ client: Client; channel: Channel }>>();
const presence = new Map<string, Map<string, { client: Client; metas: unknown[] }>>();

function encode(client: Client, frame: Frame): string {
  if (client.vsn === '1.0.0') return JSON.stringify({ join_ref: frame.joinRef, ref: frame.ref, topic: frame.topic, event: frame.event, payload: frame.payload });
  return JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]);
}

function send(client: Client, frame: Frame) {
  if (client.socket.readyState === client.socket.OPEN) client.socket.send(encode(client, frame));
}

/** Text frames in either version, and vsn 2.0.0's binary client broadcast (kind 3). */
function decode(client: Client, data: RawData, isBinary: boolean): Frame | null {
  if (isBinary) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    if (buf[0] !== 3) return null;
    const lengths = [buf[1], buf[2], buf[3], buf[4], buf[5]];
    const encoding = buf[6];
    let offset = 7;
    const [joinRef, ref, topic, event, meta] = lengths.map((len) => {
      const s = buf.subarray(offset, offset + len).toString('utf8');
      offset += len;
      return s;
    });
    void meta;
    const raw = buf.subarray(offset);
    const payload = encoding === 1 ? JSON.parse(raw.toString('utf8')) : raw;
    return { joinRef, ref, topic, event: 'broadcast', payload: { type: 'broadcast', event, payload } };
  }
  const parsed = JSON.parse(data.toString());
  if (Array.isArray(parsed)) return { joinRef: parsed[0], ref: parsed[1], topic: parsed[2], event: parsed[3], payload: parsed[4] };
  return { joinRef: parsed.join_ref ?? null, ref: parsed.ref ?? null, topic: parsed.topic, event: parsed.event, payload: parsed.payload };
}

function reply(client: Client, frame: Frame, status: 'ok' | 'error', response: unknown) {
  send(client, { joinRef: frame.joinRef, ref: frame.ref, topic: frame.topic, event: 'phx_reply', payload: { status, response } });
}

function tokenForKey(key: string): string | null {
  if (key === publishableKey) return anonKey;
  if (key === secretKey) return serviceRoleKey;
  if (key.startsWith('sb_')) return null;
  return key;
}

export function createRealtimeRoutes(ctx: GatewayContext) {
  const app = new Hono();
  app.post('/api/broadcast', async (c) => {
    const role = await resolveRequestRole(c.req.raw.headers);
    if (!role.ok) return c.json({ message: role.message }, 401);
    const body = (await c.req.json().catch(() => null)) as { messages?: Array<{ topic: string; event: string; payload: unknown; private?: boolean }> } | null;
    if (!body || !Array.isArray(body.messages)) return c.json({ message: 'body must be {"messages": [...]}' }, 400);
    for (const message of body.messages) {
      if (message.private && !(await authorize(ctx, message.topic, role.role, role.claims)).write) {
        return c.json({ message: `Unauthorized: You do not have permissions to write to this Channel topic: ${message.topic}` }, 401);
      }
      deliver(message.topic, !!message.private, { type: 'broadcast', event: message.event, payload: message.payload }, null);
    }
    return c.body(null, 202);
  });
  return app;
}

/** Realtime's authorization: probe SELECT (read) and INSERT (write) on realtime.messages as the caller, rolled back. */
async function authorize(ctx: GatewayContext, topic: string, role: string, claims: Claims): Promise<{ read: boolean; write: boolean }> {
  const probe = randomUUID();
  const rollback = new Error('rollback');
  let result = { read: false, write: false };
  try {
    await ctx.admin.begin(async (tx) => {
      await tx`insert into realtime.messages (id, topic, extension, private) values (${probe}, ${topic}, 'broadcast', true)`;
      await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                      set_config('request.jwt.claim.sub', ${String(claims.sub ?? '')}, true), set_config('request.jwt.claim.role', ${role}, true),
                      set_config('realtime.topic', ${topic}, true)`;
      const read = (await tx`select id from realtime.messages where id = ${probe}`).length > 0;
      let write = false;
      try {
        await tx.savepoint((sp) => sp`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)`);
        write = true;
      } catch (error) {
        if ((error as { code?: string }).code !== '42501') throw error;
      }
      result = { read, write };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result;
}

function deliver(topic: string, isPrivate: boolean, payload: unknown, except: Client | null) {
  for (const { client, channel } of topics.get(topic) ?? []) {
    if (channel.private !== isPrivate || client === except) continue;
    send(client, { joinRef: null, ref: null, topic: `realtime:${topic}`, event: 'broadcast', payload });
  }
}

function leave(client: Client, fullTopic: string) {
  const channel = client.channels.get(fullTopic);
  if (!channel) return;
  client.channels.delete(fullTopic);
  const subs = topics.get(channel.topic);
  for (const sub of subs ?? []) if (sub.client === client && sub.channel === channel) subs!.delete(sub);
  const members = presence.get(channel.topic);
  const mine = members?.get(channel.presenceKey);
  if (members && mine?.client === client) {
    members.delete(channel.presenceKey);
    broadcastPresence(channel.topic, {}, { [channel.presenceKey]: { metas: mine.metas } });
  }
}

function broadcastPresence(topic: string, joins: Record<string, unknown>, leaves: Record<string, unknown>) {
  for (const { client, channel } of topics.get(topic) ?? []) {
    send(client, { joinRef: channel.joinRef, ref: null, topic: `realtime:${topic}`, event: 'presence_diff', payload: { joins, leaves } });
  }
}

async function handleFrame(ctx: GatewayContext, client: Client, frame: Frame) {
  if (frame.topic === 'phoenix' && frame.event === 'heartbeat') return reply(client, frame, 'ok', {});
  const topic = frame.topic.replace(/^realtime:/, '');
  switch (frame.event) {
    case 'phx_join': {
      const config = frame.payload?.config ?? {};
      const token = typeof frame.payload?.access_token === 'string' && !frame.payload.access_token.startsWith('sb_') ? frame.payload.access_token : client.defaultToken;
      const verified = await verifyJwt(token);
      if (!verified.ok) return reply(client, frame, 'error', { reason: `InvalidJWTToken: ${verified.expired ? 'Token has expired' : verified.message}` });
      const role = typeof verified.claims.role === 'string' ? verified.claims.role : 'anon';
      let canWrite = true;
      if (config.private) {
        const access = await authorize(ctx, topic, role, verified.claims);
        if (!access.read && !access.write) {
          return reply(client, frame, 'error', { reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}` });
        }
        canWrite = access.write;
      }
      leave(client, frame.topic);
      const channel: Channel = {
        topic, joinRef: frame.joinRef, private: !!config.private, self: !!config.broadcast?.self, ack: !!config.broadcast?.ack,
        role, claims: verified.claims, canWrite, presenceKey: config.presence?.key || randomUUID(),
      };
      client.channels.set(frame.topic, channel);
      if (!topics.has(topic)) topics.set(topic, new Set());
      topics.get(topic)!.add({ client, channel });
      const bindings = (config.postgres_changes ?? []) as Array<Record<string, unknown>>;
      reply(client, frame, 'ok', { postgres_changes: bindings.map((b, i) => ({ ...b, id: i + 1 })) });
      if (bindings.length) {
        send(client, { joinRef: frame.joinRef, ref: null, topic: frame.topic, event: 'system', payload: { extension: 'postgres_changes', status: 'error', message: 'postgres_changes is not supported by the local stand-in: use broadcast from the database', channel: topic } });
      }
      // realtime-js holds presence diffs back until it has seen a state, so members always get one, if empty.
      const members = presence.get(topic) ?? new Map();
      if (config.presence?.enabled) {
        const state = Object.fromEntries([...members].map(([key, m]) => [key, { metas: m.metas }]));
        send(client, { joinRef: frame.joinRef, ref: null, topic: frame.topic, event: 'presence_state', payload: state });
      }
      return;
    }
    case 'phx_leave':
      reply(client, frame, 'ok', {});
      leave(client, frame.topic);
      send(client, { joinRef: frame.joinRef, ref: frame.ref, topic: frame.topic, event: 'phx_close', payload: {} });
      return;
    case 'access_token': {
      const channel = client.channels.get(frame.topic);
      const token = frame.payload?.access_token;
      if (!channel || typeof token !== 'string' || token.startsWith('sb_')) return;
      const verified = await verifyJwt(token);
      const stillAllowed = verified.ok && (!channel.private || (await authorize(ctx, topic, String(verified.claims.role), verified.claims)).read);
      if (!verified.ok || !stillAllowed) {
        send(client, { joinRef: channel.joinRef, ref: null, topic: frame.topic, event: 'system', payload: { extension: 'system', status: 'error', message: verified.ok ? 'Unauthorized' : `Token has expired`, channel: topic } });
        leave(client, frame.topic);
        send(client, { joinRef: channel.joinRef, ref: null, topic: frame.topic, event: 'phx_close', payload: {} });
        return;
      }
      channel.claims = verified.claims;
      channel.role = String(verified.claims.role);
      return;
    }
    case 'broadcast': {
      const channel = client.channels.get(frame.topic);
      if (!channel) return;
      if (channel.private && !channel.canWrite) return channel.ack ? reply(client, frame, 'error', { reason: 'Unauthorized: You do not have permissions to write to this Channel topic' }) : undefined;
      deliver(topic, channel.private, frame.payload, channel.self ? null : client);
      if (channel.ack) reply(client, frame, 'ok', {});
      return;
    }
    case 'presence': {
      const channel = client.channels.get(frame.topic);
      if (!channel) return;
      if (!presence.has(topic)) presence.set(topic, new Map());
      const members = presence.get(topic)!;
      if (frame.payload?.event === 'track') {
        const metas = [{ ...(frame.payload.payload ?? {}), phx_ref: randomUUID() }];
        members.set(channel.presenceKey, { client, metas });
        reply(client, frame, 'ok', {});
        broadcastPresence(topic, { [channel.presenceKey]: { metas } }, {});
      } else if (frame.payload?.event === 'untrack') {
        const mine = members.get(channel.presenceKey);
        members.delete(channel.presenceKey);
        reply(client, frame, 'ok', {});
        if (mine) broadcastPresence(topic, {}, { [channel.presenceKey]: { metas: mine.metas } });
      }
      return;
    }
    default:
      return reply(client, frame, 'error', { reason: `UnknownEvent: ${frame.event}` });
  }
}

export function attachRealtime(server: Server, ctx: GatewayContext) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/realtime/v1/websocket') return socket.destroy();
    const apikey = url.searchParams.get('apikey') ?? '';
    const token = tokenForKey(apikey);
    if (!token) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n\r\nInvalid API key');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { socket: ws, vsn: url.searchParams.get('vsn') === '1.0.0' ? '1.0.0' : '2.0.0', channels: new Map(), defaultToken: token };
      let queue = Promise.resolve();
      ws.on('message', (data, isBinary) => {
        let frame: Frame | null;
        try {
          frame = decode(client, data, isBinary);
        } catch {
          return;
        }
        if (!frame) return;
        // Frames of one socket are handled in order, as the Phoenix channel process does.
        queue = queue.then(() => handleFrame(ctx, client, frame!)).catch((error) => {
          if (frame) reply(client, frame, 'error', { reason: `Error: ${(error as Error).message}` });
        });
      });
      ws.on('close', () => {
        for (const topic of [...client.channels.keys()]) leave(client, topic);
      });
      ws.on('error', () => ws.terminate());
    });
  });

  // Database broadcasts: realtime.messages rows are announced by NOTIFY (id only) and read back by id, so payloads
  // beyond NOTIFY's 8000-byte limit arrive too.
  let listener: { unlisten: () => Promise<void> } | null = null;
  const listen = async () => {
    listener = await ctx.admin.listen('realtime_local_messages', async (text) => {
      try {
        const note = JSON.parse(text) as { id: string; topic: string };
        if (!topics.has(note.topic)) return;
        const [row] = await ctx.admin`select id, topic, event, payload, private from realtime.messages where id = ${note.id} and extension = 'broadcast'`;
        if (!row) return;
        deliver(row.topic, row.private === true, { type: 'broadcast', event: row.event, payload: row.payload, meta: { id: row.id } }, null);
      } catch (error) {
        console.error('realtime: could not relay a database broadcast', error);
      }
    }, () => {
      // (re)connected: nothing to replay, clients catch up through the REST API as DESIGN §6 says.
    });
  };
  void listen().catch((error) => console.error('realtime: LISTEN failed', error));
  const partitions = setInterval(() => void ctx.admin`select realtime.create_local_partitions()`.catch(() => {}), 3_600_000);
  partitions.unref();
  void ctx.admin`select realtime.create_local_partitions()`.catch(() => {});
  ctx.onClose(async () => {
    clearInterval(partitions);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await listener?.unlisten().catch(() => {});
  });
}
