// The local Supabase API gateway: one process on 127.0.0.1:54321 serving /auth/v1, /rest/v1, /storage/v1 and
// /realtime/v1 over the embedded Postgres. Started and stopped by cli.ts together with the database.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiPort, host } from './config.ts';
import { applyBodyLimits } from './core/body-limits.ts';
import { createPools } from './core/db.ts';
import { databaseUnavailable } from './core/db-unavailable.ts';
import { guardAgainstDriverWriteAfterClose } from './core/driver-guard.ts';
import type { GatewayContext } from './core/context.ts';
import { createAuthRoutes, type AuthOptions } from './auth/index.ts';
import { createRestRoutes } from './rest/index.ts';
import { createStorageRoutes } from './storage/index.ts';
import { attachRealtime, createRealtimeRoutes } from './realtime/index.ts';

export async function startGateway(options: { port?: number; auth?: AuthOptions } = {}) {
  const pools = createPools();
  const closers: Array<() => Promise<void> | void> = [];
  const ctx: GatewayContext = { admin: pools.admin, api: pools.api, onClose: (fn) => closers.push(fn) };

  const app = new Hono();
  // Browsers call every API cross-origin, as they do hosted Supabase, which answers CORS for any origin.
  app.use(
    '*',
    cors({
      origin: (origin) => origin || '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'apikey',
        'authorization',
        'content-type',
        'x-client-info',
        'accept-profile',
        'content-profile',
        'prefer',
        'range',
        'range-unit',
        'x-supabase-api-version',
        'x-upsert',
        'cache-control',
        'x-retry-count',
        'accept',
      ],
      exposeHeaders: [
        'content-range',
        'content-profile',
        'preference-applied',
        'location',
        'x-supabase-api-version',
        'x-sb-error-code',
        'content-location',
      ],
      credentials: true,
      maxAge: 3600,
    }),
  );
  app.use('*', databaseUnavailable);
  applyBodyLimits(app);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/auth/v1', createAuthRoutes(ctx, options.auth));
  app.route('/rest/v1', await createRestRoutes(ctx));
  app.route('/storage/v1', createStorageRoutes(ctx));
  app.route('/realtime/v1', createRealtimeRoutes(ctx));
  app.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));

  const port = options.port ?? apiPort;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  attachRealtime(server, ctx);

  return {
    app,
    server,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const fn of closers.reverse()) await fn();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await pools.close();
    },
  };
}

if (import.meta.main) {
  guardAgainstDriverWriteAfterClose();
  const gateway = await startGateway();
  console.log(`gateway listening on http://${host}:${gateway.port}`);
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
