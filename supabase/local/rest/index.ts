// /rest/v1 — placeholder until the PostgREST stand-in lands.
import { Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';

export async function createRestRoutes(_ctx: GatewayContext) {
  const app = new Hono();
  app.all('*', (c) => c.json({ code: 'PGRST501', message: 'not implemented yet', details: null, hint: null }, 501));
  return app;
}
