// While Postgres is down (stopped, restarting, refusing connections) every service answers 503 with Retry-After,
// as PostgREST does, instead of a 500: clients retry (supabase-js retries Auth's 503s itself) and the pools
// reconnect by themselves on the next request once the database is back.
import type { Context, MiddlewareHandler } from 'hono';
import { onDriverLostQuery } from './driver-guard.ts';

/** Seconds a client should wait: about how long the embedded Postgres takes to restart. */
export const retryAfterSeconds = 2;

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
]);

/** True for the failures of a database that went away, false for anything a request did wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (connectionCodes.has(code) || code.startsWith('08'));
}

function unavailableBody(c: Context) {
  const service = c.req.path.split('/')[1];
  if (service === 'auth')
    return { code: 503, error_code: 'unexpected_failure', msg: 'The database is unavailable. Try again shortly.' };
  if (service === 'storage')
    return { statusCode: '503', error: 'DatabaseUnavailable', message: 'The database is unavailable' };
  return {
    code: 'PGRST000',
    details: 'The database is not accepting connections',
    hint: null,
    message: 'Database connection error. Retrying the connection.',
  };
}

/**
 * Turns whatever a service answered for a lost database into its 503 (each service's error handler sets c.error),
 * and answers 503 at once when the driver drops a query mid-request (driver-guard.ts): that request's query would
 * never settle, and there is no telling which request it was, so every request in flight at that moment gets it.
 */
export const databaseUnavailable: MiddlewareHandler = async (c, next) => {
  let stopListening = () => {};
  const lost = new Promise<'lost'>((resolve) => {
    stopListening = onDriverLostQuery(() => resolve('lost'));
  });
  // A request that lost the race still runs on; it must not end as an unhandled rejection.
  const handled = next().then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  const outcome = await Promise.race([handled, lost]);
  stopListening();
  if (outcome !== 'lost' && outcome.failed) throw outcome.error;
  if (outcome === 'lost' || (c.error && isDatabaseUnavailable(c.error))) {
    c.res = undefined;
    c.res = c.json(unavailableBody(c), 503, { 'Retry-After': String(retryAfterSeconds) });
  }
};
