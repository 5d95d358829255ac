// CSRF for route handlers: Next.js checks the origin of server actions only, so every mutating route handler is
// wrapped in `mutatingHandler`, which refuses a request a browser sent from another site. A browser always sends
// Origin with a non-GET request (`null` from sandboxed frames, file: pages and some redirects: refused); where
// an old browser omits it, Sec-Fetch-Site decides. A request with neither is not from a browser and carries no
// one's cookies by accident. tests/unit/route-handlers.test.ts fails on a non-GET handler without this wrapper.
import { OhmError } from '@/lib/errors';

/**
 * The origins allowed besides the request's own host: `OHM_ALLOWED_ORIGINS`, comma-separated, for deployments
 * where the browser's origin is not the host the app sees (a proxy that rewrites Host without X-Forwarded-Host).
 */
function configuredOrigins(): string[] {
  return (process.env.OHM_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

function ownHosts(request: Request): string[] {
  const hosts = [new URL(request.url).host];
  const host = request.headers.get('host');
  if (host) hosts.push(host);
  const forwarded = request.headers.get('x-forwarded-host');
  if (forwarded) hosts.push(...forwarded.split(',').map((h) => h.trim()));
  return hosts;
}

/** Null when the request may go on; the refusal otherwise. */
export function refuseCrossSite(request: Request): OhmError | null {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return new OhmError('forbidden:request');
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return new OhmError('forbidden:request');
    }
    if (ownHosts(request).includes(host) || configuredOrigins().includes(origin)) return null;
    return new OhmError('forbidden:request');
  }
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return new OhmError('forbidden:request');
  return null;
}

/** Wraps a non-GET route handler: a cross-site request is answered 403 before the handler runs. */
export function mutatingHandler<Args extends unknown[]>(
  handler: (request: Request, ...rest: Args) => Promise<Response>,
): (request: Request, ...rest: Args) => Promise<Response> {
  return async (request: Request, ...rest: Args) => {
    const refused = refuseCrossSite(request);
    return refused ? refused.toResponse() : handler(request, ...rest);
  };
}
