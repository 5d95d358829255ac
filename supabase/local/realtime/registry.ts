// Who is joined to what: topic members, presence, and broadcast fan-out to a topic's members.
import { SharedFrame, send, sendShared, type Channel, type Client } from './protocol.ts';

export type Member = { client: Client; channel: Channel };

export const topics = new Map<string, Set<Member>>();
export const presence = new Map<string, Map<string, { client: Client; metas: unknown[] }>>();
/** Every open socket, to tell all of them when the database goes away and comes back. */
export const clients = new Set<Client>();

export function join(client: Client, channel: Channel) {
  client.channels.set(channel.fullTopic, channel);
  let members = topics.get(channel.topic);
  if (!members) topics.set(channel.topic, (members = new Set()));
  members.add({ client, channel });
}

/** Sends a broadcast to the topic's members of the same privacy, encoded once for all of them. */
export function deliverBroadcast(topic: string, isPrivate: boolean, payload: unknown, except: Client | null) {
  const members = topics.get(topic);
  if (!members) return;
  const frame = new SharedFrame({ joinRef: null, ref: null, topic: `realtime:${topic}`, event: 'broadcast', payload });
  for (const { client, channel } of members) {
    if (channel.private !== isPrivate || client === except) continue;
    sendShared(client, frame);
  }
}

export function broadcastPresence(topic: string, joins: Record<string, unknown>, leaves: Record<string, unknown>) {
  for (const { client, channel } of topics.get(topic) ?? []) {
    send(client, {
      joinRef: channel.joinRef,
      ref: null,
      topic: `realtime:${topic}`,
      event: 'presence_diff',
      payload: { joins, leaves },
    });
  }
}

/** Removes the channel and everything hanging off it; returns it so the caller can drop its bindings too. */
export function leave(client: Client, fullTopic: string): Channel | null {
  const channel = client.channels.get(fullTopic);
  if (!channel) return null;
  client.channels.delete(fullTopic);
  const members = topics.get(channel.topic);
  if (members) {
    for (const member of members) if (member.client === client && member.channel === channel) members.delete(member);
    if (members.size === 0) topics.delete(channel.topic);
  }
  const present = presence.get(channel.topic);
  const mine = present?.get(channel.presenceKey);
  if (present && mine?.client === client) {
    present.delete(channel.presenceKey);
    if (present.size === 0) presence.delete(channel.topic);
    broadcastPresence(channel.topic, {}, { [channel.presenceKey]: { metas: mine.metas } });
  }
  return channel;
}
