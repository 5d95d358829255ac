// The Phoenix wire format realtime-js speaks: vsn 1.0.0 JSON objects, vsn 2.0.0 JSON arrays and the binary client
// broadcast (kind 3). Server frames are always text, which realtime-js accepts for both versions.
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { Claims } from '../core/request-role.ts';
import type { Binding } from './filters.ts';

export type Vsn = '1.0.0' | '2.0.0';

export type Channel = {
  topic: string; // without the realtime: prefix
  fullTopic: string;
  joinRef: string | null;
  private: boolean;
  self: boolean;
  ack: boolean;
  role: string;
  claims: Claims;
  canWrite: boolean;
  presenceKey: string;
  bindings: Binding[];
};

/** `raw` is the TCP socket the upgrade handed over: shared frames are written to it as finished WebSocket frames. */
export type Client = { socket: WebSocket; raw: Duplex; vsn: Vsn; channels: Map<string, Channel>; defaultToken: string };

export type Frame = { joinRef: string | null; ref: string | null; topic: string; event: string; payload: any };

export function encode(vsn: Vsn, frame: Frame): string {
  if (vsn === '1.0.0')
    return JSON.stringify({
      join_ref: frame.joinRef,
      ref: frame.ref,
      topic: frame.topic,
      event: frame.event,
      payload: frame.payload,
    });
  return JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]);
}

/** An unmasked, final WebSocket text frame (RFC 6455 §5.2), as a server sends it. */
function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header = Buffer.alloc(length < 126 ? 2 : length < 65536 ? 4 : 10);
  header[0] = 0x81;
  if (length < 126) header[1] = length;
  else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/**
 * A server push without a join_ref is the same bytes for every subscriber of a topic, and server frames are not
 * masked, so the whole WebSocket frame is built once per version and the same buffer written to every socket: with
 * 1,000 subscribers, encoding and framing per socket cost more than the write itself.
 */
export class SharedFrame {
  private readonly frame: Frame;
  private readonly wire: Partial<Record<Vsn, Buffer>> = {};
  constructor(frame: Frame) {
    this.frame = frame;
  }
  for(vsn: Vsn): Buffer {
    let wire = this.wire[vsn];
    if (!wire) {
      this.wire[vsn] = wire = textFrame(Buffer.from(encode(vsn, this.frame)));
    }
    return wire;
  }
}

export function send(client: Client, frame: Frame) {
  if (client.socket.readyState === client.socket.OPEN) client.socket.send(encode(client.vsn, frame));
}

/**
 * ws writes its own frames to the same socket synchronously (no compression, no queue), so frames written here and
 * by ws stay in order.
 */
export function sendShared(client: Client, frame: SharedFrame) {
  if (client.socket.readyState === client.socket.OPEN && client.raw.writable) client.raw.write(frame.for(client.vsn));
}

export function reply(client: Client, frame: Frame, status: 'ok' | 'error', response: unknown) {
  send(client, {
    joinRef: frame.joinRef,
    ref: frame.ref,
    topic: frame.topic,
    event: 'phx_reply',
    payload: { status, response },
  });
}

/** A `system` push on a joined channel, as the real server uses to report the state of an extension. */
export function sendSystem(
  client: Client,
  channel: Channel,
  extension: string,
  status: 'ok' | 'error',
  message: string,
) {
  send(client, {
    joinRef: channel.joinRef,
    ref: null,
    topic: channel.fullTopic,
    event: 'system',
    payload: { extension, status, message, channel: channel.topic },
  });
}

export function decode(data: RawData, isBinary: boolean): Frame | null {
  if (isBinary) {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (buf[0] !== 3) return null;
    const lengths = [buf[1], buf[2], buf[3], buf[4], buf[5]];
    const encoding = buf[6];
    let offset = 7;
    const [joinRef, ref, topic, event] = lengths.map((len) => {
      const s = buf.subarray(offset, offset + len).toString('utf8');
      offset += len;
      return s;
    });
    const raw = buf.subarray(offset);
    const payload = encoding === 1 ? JSON.parse(raw.toString('utf8')) : raw;
    return { joinRef, ref, topic, event: 'broadcast', payload: { type: 'broadcast', event, payload } };
  }
  const parsed = JSON.parse(data.toString());
  if (Array.isArray(parsed))
    return { joinRef: parsed[0], ref: parsed[1], topic: parsed[2], event: parsed[3], payload: parsed[4] };
  return {
    joinRef: parsed.join_ref ?? null,
    ref: parsed.ref ?? null,
    topic: parsed.topic,
    event: parsed.event,
    payload: parsed.payload,
  };
}
