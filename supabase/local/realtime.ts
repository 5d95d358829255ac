// /realtime/v1 — placeholder until the Realtime stand-in lands.
import { Hono } from 'hono';
import type { Server } from 'node:http';
import type { GatewayContext } from './core/context.ts';

export function createRealtimeRoutes(_ctx: GatewayContext) {
  return new Hono();
}

export function attachRealtime(server: Server, _ctx: GatewayContext) {
  server.on('upgrade', (_req, socket) => socket.destroy());
}
