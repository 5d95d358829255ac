// /storage/v1 — the Storage API as storage-js calls it: buckets (buckets.ts), objects (objects.ts, with their bytes
// in objects-store.ts), signed URLs and signed uploads (signed.ts). Every operation runs as the caller's role with
// their claims against RLS on storage.objects/buckets (caller.ts); errors in Storage's shape (errors.ts).
import { Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { bucketRoutes } from './buckets.ts';
import { StorageError, fromDb } from './errors.ts';
import { objectRoutes, transferRoutes } from './objects.ts';
import { signedRoutes } from './signed.ts';

export function createStorageRoutes(ctx: GatewayContext) {
  const app = new Hono();
  app.onError((error, c) => {
    const e = error instanceof StorageError ? error : fromDb(error as { code?: string; message: string });
    return c.json({ statusCode: e.statusCode, code: e.code, error: e.error, message: e.message }, e.httpStatus as 400);
  });
  // Order matters: Hono tries routes as registered, and the transfer routes' `/object/*` is the catch-all.
  bucketRoutes(ctx, app);
  objectRoutes(ctx, app);
  signedRoutes(ctx, app);
  transferRoutes(ctx, app);
  return app;
}
