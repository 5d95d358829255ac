// /storage/v1 — placeholder until the Storage stand-in lands.
import { Hono } from 'hono';
import type { GatewayContext } from './core/context.ts';

export function createStorageRoutes(_ctx: GatewayContext) {
  const app = new Hono();
  app.all('*', (c) => c.json({ statusCode: '501', error: 'Not Implemented', message: 'Storage is not implemented yet' }, 400));
  return app;
}
