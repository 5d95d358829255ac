// /auth/v1 — placeholder until the Auth service lands.
import { Hono } from 'hono';
import type { GatewayContext } from './core/context.ts';

export function createAuthRoutes(_ctx: GatewayContext) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ version: 'ohm-local', name: 'GoTrue', description: 'local stand-in' }));
  return app;
}
