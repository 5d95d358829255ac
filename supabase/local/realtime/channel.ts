// What a joined channel does with each client frame: heartbeat, join (private authorization, postgres_changes
// bindings, presence state), leave, token refresh, broadcast and presence.
import { randomUUID } from 'node:crypto';
import type { GatewayContext } from '../core/context.ts';
import { verifyJwt } from '../core/request-role.ts';
import { authorize } from './authorize.ts';
import { subscribe, unsubscribe } from './postgres-changes.ts';
import { reply, send, sendSystem, type Channel, type Client, type Frame } from './protocol.ts';
import { broadcastPresence, deliverBroadcast, join, leave, presence } from './registry.ts';

export function leaveChannel(client: Client, fullTopic: string) {
  const channel = leave(client, fullTopic);
  if (channel) unsubscribe(channel);
}

async function handleJoin(ctx: GatewayContext, client: Client, frame: Frame, topic: string, databaseUp: boolean) {
  const config = frame.payload?.config ?? {};
  const token =
    typeof frame.payload?.access_token === 'string' && !frame.payload.access_token.startsWith('sb_')
      ? frame.payload.access_token
      : client.defaultToken;
  const verified = await verifyJwt(token);
  if (!verified.ok)
    return reply(client, frame, 'error', {
      reason: `InvalidJWTToken: ${verified.expired ? 'Token has expired' : verified.message}`,
    });
  const role = typeof verified.claims.role === 'string' ? verified.claims.role : 'anon';
  let canWrite = true;
  if (config.private) {
    const access = await authorize(ctx, topic, role, verified.claims);
    if (!access.read && !access.write) {
      return reply(client, frame, 'error', {
        reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
      });
    }
    canWrite = access.write;
  }
  leaveChannel(client, frame.topic);
  const channel: Channel = {
    topic,
    fullTopic: frame.topic,
    joinRef: frame.joinRef,
    private: !!config.private,
    self: !!config.broadcast?.self,
    ack: !!config.broadcast?.ack,
    role,
    claims: verified.claims,
    canWrite,
    presenceKey: config.presence?.key || randomUUID(),
    bindings: [],
  };
  const requested = Array.isArray(config.postgres_changes)
    ? (config.postgres_changes as Array<Record<string, unknown>>)
    : [];
  const changes = requested.length ? await subscribe(ctx, client, channel, requested) : { reply: [], error: null };
  if (changes.error && config.postgres_changes_options?.wait) {
    unsubscribe(channel);
    return reply(client, frame, 'error', { reason: `RealtimeDisabledForConfiguration: ${changes.error}` });
  }
  join(client, channel);
  reply(client, frame, 'ok', { postgres_changes: changes.reply });
  if (requested.length) {
    if (changes.error) sendSystem(client, channel, 'postgres_changes', 'error', changes.error);
    else if (!databaseUp)
      sendSystem(
        client,
        channel,
        'postgres_changes',
        'error',
        'Realtime has lost its connection to the database and is reconnecting',
      );
    else sendSystem(client, channel, 'postgres_changes', 'ok', 'Subscribed to PostgreSQL');
  }
  // realtime-js holds presence diffs back until it has seen a state, so members always get one, if empty.
  if (config.presence?.enabled) {
    const members = presence.get(topic) ?? new Map();
    const state = Object.fromEntries([...members].map(([key, m]) => [key, { metas: m.metas }]));
    send(client, { joinRef: frame.joinRef, ref: null, topic: frame.topic, event: 'presence_state', payload: state });
  }
}

async function handleAccessToken(ctx: GatewayContext, client: Client, frame: Frame, topic: string) {
  const channel = client.channels.get(frame.topic);
  const token = frame.payload?.access_token;
  if (!channel || typeof token !== 'string' || token.startsWith('sb_')) return;
  const verified = await verifyJwt(token);
  const stillAllowed =
    verified.ok &&
    (!channel.private || (await authorize(ctx, topic, String(verified.claims.role), verified.claims)).read);
  if (!verified.ok || !stillAllowed) {
    sendSystem(client, channel, 'system', 'error', verified.ok ? 'Unauthorized' : 'Token has expired');
    leaveChannel(client, frame.topic);
    send(client, { joinRef: channel.joinRef, ref: null, topic: frame.topic, event: 'phx_close', payload: {} });
    return;
  }
  channel.claims = verified.claims;
  channel.role = typeof verified.claims.role === 'string' ? verified.claims.role : 'anon';
}

function handlePresence(client: Client, frame: Frame, topic: string) {
  const channel = client.channels.get(frame.topic);
  if (!channel) return;
  let members = presence.get(topic);
  if (!members) presence.set(topic, (members = new Map()));
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
}

export async function handleFrame(ctx: GatewayContext, client: Client, frame: Frame, databaseUp: boolean) {
  if (frame.topic === 'phoenix' && frame.event === 'heartbeat') return reply(client, frame, 'ok', {});
  const topic = frame.topic.replace(/^realtime:/, '');
  switch (frame.event) {
    case 'phx_join':
      return handleJoin(ctx, client, frame, topic, databaseUp);
    case 'phx_leave': {
      const channel = client.channels.get(frame.topic);
      reply(client, frame, 'ok', {});
      leaveChannel(client, frame.topic);
      send(client, {
        joinRef: channel?.joinRef ?? frame.joinRef,
        ref: frame.ref,
        topic: frame.topic,
        event: 'phx_close',
        payload: {},
      });
      return;
    }
    case 'access_token':
      return handleAccessToken(ctx, client, frame, topic);
    case 'broadcast': {
      const channel = client.channels.get(frame.topic);
      if (!channel) return;
      if (channel.private && !channel.canWrite)
        return channel.ack
          ? reply(client, frame, 'error', {
              reason: 'Unauthorized: You do not have permissions to write to this Channel topic',
            })
          : undefined;
      deliverBroadcast(topic, channel.private, frame.payload, channel.self ? null : client);
      if (channel.ack) reply(client, frame, 'ok', {});
      return;
    }
    case 'presence':
      return handlePresence(client, frame, topic);
    default:
      return reply(client, frame, 'error', { reason: `UnknownEvent: ${frame.event}` });
  }
}
