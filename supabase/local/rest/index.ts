// /rest/v1 — PostgREST's behaviour for what supabase-js sends: reads with embeds, filters, order, paging and counts
// (read.ts); insert, upsert, update and delete with Prefer (write.ts); RPC (rpc.ts); PostgREST's errors (errors.ts).
// One transaction per request, as the request's role with its claims set locally (transaction.ts).
import { Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { RestError, unsupported } from './errors.ts';
import { read } from './read.ts';
import { rpc } from './rpc.ts';
import { loadRestState } from './state.ts';
import { write } from './write.ts';

export async function createRestRoutes(ctx: GatewayContext) {
  const rest = await loadRestState(ctx);
  const app = new Hono();

  app.onError((error, c) => {
    const failure =
      error instanceof RestError
        ? error
        : new RestError(
            500,
            'PGRST000',
            'unexpected failure in the local /rest/v1',
            String((error as Error)?.message ?? error),
          );
    if (!(error instanceof RestError)) console.error('rest: unexpected error', error);
    if (failure.status === 401)
      c.header('WWW-Authenticate', `Bearer error="invalid_token", error_description="${failure.message}"`);
    return c.json(failure.body(), failure.status as 400);
  });

  app.on(['GET', 'POST', 'HEAD', 'PATCH', 'PUT', 'DELETE'], '/rpc/:fn', (c) => rpc(rest, c));
  app.get('/:relation', (c) => read(rest, c, false));
  app.on('HEAD', '/:relation', (c) => read(rest, c, true));
  app.post('/:relation', (c) => write(rest, c, 'POST'));
  app.patch('/:relation', (c) => write(rest, c, 'PATCH'));
  app.delete('/:relation', (c) => write(rest, c, 'DELETE'));
  app.put('/:relation', () => {
    throw unsupported('PUT (single-row upsert); use POST with Prefer: resolution=merge-duplicates');
  });
  app.get('/', () => {
    throw unsupported('the OpenAPI description at /rest/v1/');
  });
  return app;
}
