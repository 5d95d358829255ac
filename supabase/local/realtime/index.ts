// /realtime/v1 — the Phoenix protocol realtime-js speaks (vsn 1.0.0 objects, 2.0.0 arrays and binary client
// broadcasts): heartbeat, join with private-channel authorization through RLS on realtime.messages, broadcast from
// clients, the REST broadcast endpoint and the database (realtime.send / broadcast_changes), presence,
// postgres_changes on the tables of the supabase_realtime publication (filters, grants and RLS applied as the
// subscriber), leave and token refresh. One connection reads database broadcasts from realtime.messages and row
// changes from the outbox (listener.ts); it reconnects after a database restart, and joined channels get a `system` error while it is down.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../core/context.ts';
import { resolveRequestRole } from '../core/request-role.ts';
import { anonKey, publishableKey, secretKey, serviceRoleKey } from '../config.ts';
import { authorize } from './authorize.ts';
import { handleFrame, leaveChannel } from './channel.ts';
import { startListener } from './listener.ts';
import { dispatch, forgetTables, hasSubscriptions, type Change } from './postgres-changes.ts';
import { decode, reply, sendSystem, type Client, type Frame } from './protocol.ts';
import { clients, deliverBroadcast, topics } from './registry.ts';

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
    const body = (await c.req.json().catch(() => null)) as {
      messages?: Array<{ topic: string; event: string; payload: unknown; private?: boolean }>;
    } | null;
    if (!body || !Array.isArray(body.messages)) return c.json({ message: 'body must be {"messages": [...]}' }, 400);
    for (const message of body.messages) {
      if (message.private && !(await authorize(ctx, message.topic, role.role, role.claims)).write) {
        return c.json(
          { message: `Unauthorized: You do not have permissions to write to this Channel topic: ${message.topic}` },
          401,
        );
      }
      deliverBroadcast(
        message.topic,
        !!message.private,
        { type: 'broadcast', event: message.event, payload: message.payload },
        null,
      );
    }
    return c.body(null, 202);
  });
  return app;
}

/** Tells every joined channel that database events stopped or resumed, as the real server reports its extensions. */
function announceDatabase(status: 'ok' | 'error') {
  for (const client of clients) {
    for (const channel of client.channels.values()) {
      const extension = channel.bindings.length ? 'postgres_changes' : 'system';
      const message =
        status === 'error'
          ? 'Realtime has lost its connection to the database and is reconnecting'
          : extension === 'postgres_changes'
            ? 'Subscribed to PostgreSQL'
            : 'Replication connection established';
      sendSystem(client, channel, extension, status, message);
    }
  }
}

export function attachRealtime(server: Server, ctx: GatewayContext) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const listener = startListener(['realtime_local_schema'], {
    onNotify: (channel, payload) => {
      if (channel === 'realtime_local_messages') onMessage(payload);
      else if (channel === 'realtime_local_changes') onChange(payload);
      else forgetTables();
    },
    onDown: (reason) => {
      console.error(`realtime: lost the database connection (${reason}); retrying`);
      forgetTables();
      announceDatabase('error');
    },
    onUp: () => {
      console.error('realtime: listening to the database again');
      announceDatabase('ok');
    },
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/realtime/v1/websocket') return socket.destroy();
    const token = tokenForKey(url.searchParams.get('apikey') ?? '');
    if (!token) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n\r\nInvalid API key');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = {
        socket: ws,
        raw: socket,
        vsn: url.searchParams.get('vsn') === '1.0.0' ? '1.0.0' : '2.0.0',
        channels: new Map(),
        defaultToken: token,
      };
      clients.add(client);
      let queue = Promise.resolve();
      ws.on('message', (data, isBinary) => {
        let frame: Frame | null;
        try {
          frame = decode(data, isBinary);
        } catch {
          return;
        }
        if (!frame) return;
        const current = frame;
        // Frames of one socket are handled in order, as the Phoenix channel process does.
        queue = queue
          .then(() => handleFrame(ctx, client, current, listener.isUp()))
          .catch((error) => {
            reply(client, current, 'error', { reason: `Error: ${(error as Error).message}` });
          });
      });
      ws.on('close', () => {
        clients.delete(client);
        for (const topic of [...client.channels.keys()]) leaveChannel(client, topic);
      });
      ws.on('error', () => ws.terminate());
    });
  });

  // Database broadcasts: each realtime.messages row travels whole from the listener's poll.
  const onMessage = (text: string) => {
    try {
      const note = JSON.parse(text) as {
        id: string;
        topic: string;
        extension: string;
        event: string;
        payload: unknown;
        private: boolean;
      };
      if (note.extension !== 'broadcast' || !topics.has(note.topic)) return;
      deliverBroadcast(
        note.topic,
        note.private === true,
        { type: 'broadcast', event: note.event, payload: note.payload, meta: { id: note.id } },
        null,
      );
    } catch (error) {
      console.error('realtime: could not relay a database broadcast', error);
    }
  };

  // Row changes, handled one after another so subscribers see them in commit order.
  let changes = Promise.resolve();
  const onChange = (text: string) => {
    if (!hasSubscriptions()) return;
    changes = changes
      .then(async () => {
        let change: Change;
        if (text.startsWith('{')) change = JSON.parse(text) as Change;
        else {
          const [row] = await ctx.admin`select change from realtime.local_changes where id = ${text}`;
          if (!row) return;
          change = row.change as Change;
        }
        await dispatch(ctx, change);
      })
      .catch((error) => console.error('realtime: could not deliver a row change', error));
  };

  // Daily partitions of realtime.messages ahead of time, and those older than three days dropped (hosted Realtime
  // keeps about three days); row-change outbox rows a minute after they were delivered.
  const maintenance = () => {
    void ctx.admin`select realtime.create_local_partitions()`.catch(() => {});
    void ctx.admin`select realtime.drop_local_partitions()`.catch(() => {});
    void ctx.admin`delete from realtime.local_changes where created_at < now() - interval '1 minute'`.catch(() => {});
    void ctx.admin`delete from realtime.local_outbox where created_at < now() - interval '1 minute' and xid < pg_snapshot_xmin(pg_current_snapshot())`.catch(
      () => {},
    );
  };
  const timer = setInterval(maintenance, 60_000);
  timer.unref();
  maintenance();
  ctx.onClose(async () => {
    clearInterval(timer);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await listener.close();
  });
}
