// Supabase Auth's per-IP rate limits (GoTrue's limitHandler), with the numbers of supabase/config.toml's
// [auth.rate_limit]: anonymous sign-ins per hour, sign-ups and password sign-ins per 5 minutes, refreshes per 5
// minutes. A refusal is GoTrue's 429 over_request_rate_limit. The client's address is the socket's, or — only when
// the socket is a configured trusted proxy (SUPABASE_LOCAL_TRUSTED_PROXIES, comma-separated addresses) — the
// nearest untrusted address of X-Forwarded-For, so a client cannot pick its own bucket by sending the header.
// SUPABASE_LOCAL_AUTH_RATE_LIMITS=off turns them off (npm test does, for the stack it starts: its suites sign in
// hundreds of guests from 127.0.0.1; tests/local/auth-rate-limit.test.ts checks the limits themselves).
import fs from 'node:fs';
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { projectRoot } from '../config.ts';
import { AuthError, authErrorResponse } from './errors.ts';

export type AuthRateLimits = { anonymous_users: number; sign_in_sign_ups: number; token_refresh: number };
type Bucket = keyof AuthRateLimits;

const windowMs: Record<Bucket, number> = {
  anonymous_users: 3_600_000,
  sign_in_sign_ups: 300_000,
  token_refresh: 300_000,
};
const hostedDefaults: AuthRateLimits = { anonymous_users: 30, sign_in_sign_ups: 30, token_refresh: 150 };

/** The [auth.rate_limit] numbers of supabase/config.toml (a flat `key = number` section: no TOML parser needed). */
export function configuredAuthRateLimits(
  configPath = path.join(projectRoot, 'supabase', 'config.toml'),
): AuthRateLimits {
  const limits = { ...hostedDefaults };
  let section = '';
  for (const line of fs.readFileSync(configPath, 'utf8').split('\n')) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) section = header[1].trim();
    const entry = /^\s*(\w+)\s*=\s*(\d+)\s*(#.*)?$/.exec(line);
    if (section === 'auth.rate_limit' && entry && entry[1] in limits) limits[entry[1] as Bucket] = Number(entry[2]);
  }
  return limits;
}

const ipv4Mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/;
const normalise = (address: string) => address.trim().replace(ipv4Mapped, '$1');

function socketAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return normalise(incoming?.socket?.remoteAddress ?? 'unknown');
}

/** The client's address: X-Forwarded-For is believed only as far back as the proxies in it are trusted. */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  let address = socketAddress(c);
  if (!trustedProxies.has(address)) return address;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
  while (forwarded.length > 0 && trustedProxies.has(address)) address = forwarded.pop()!;
  return address;
}

function bucketOf(c: Context, body: Record<string, unknown> | null): Bucket | null {
  const route = c.req.path.replace(/^.*\/auth\/v1/, '');
  if (c.req.method !== 'POST') return null;
  if (route === '/signup') return !body?.email && !body?.phone ? 'anonymous_users' : 'sign_in_sign_ups';
  if (route === '/token') {
    const grant = c.req.query('grant_type');
    if (grant === 'refresh_token') return 'token_refresh';
    if (grant === 'password') return 'sign_in_sign_ups';
  }
  return null;
}

export type AuthRateLimitOptions = { limits?: AuthRateLimits | 'off'; trustedProxies?: string[] };

export function authRateLimiter(options: AuthRateLimitOptions = {}): MiddlewareHandler {
  const limits =
    options.limits ?? (process.env.SUPABASE_LOCAL_AUTH_RATE_LIMITS === 'off' ? 'off' : configuredAuthRateLimits());
  const trusted = new Set(
    (options.trustedProxies ?? (process.env.SUPABASE_LOCAL_TRUSTED_PROXIES ?? '').split(','))
      .map(normalise)
      .filter(Boolean),
  );
  const windows = new Map<string, { startedAt: number; used: number }>();
  return async (c, next) => {
    if (limits === 'off') return next();
    let body: Record<string, unknown> | null = null;
    if (c.req.path.endsWith('/signup')) {
      // Hono keeps the body it read, so the endpoint reads it again; a malformed one is its bad_json to answer.
      body = await c.req.json<Record<string, unknown>>().catch(() => null);
    }
    const bucket = bucketOf(c, body);
    if (!bucket) return next();
    const now = Date.now();
    const key = `${bucket}:${clientAddress(c, trusted)}`;
    let window = windows.get(key);
    if (!window || now - window.startedAt >= windowMs[bucket]) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.startedAt >= 3_600_000) windows.delete(k);
      window = { startedAt: now, used: 0 };
      windows.set(key, window);
    }
    window.used++;
    if (window.used > limits[bucket]) {
      c.header('Retry-After', String(Math.ceil((window.startedAt + windowMs[bucket] - now) / 1000)));
      return authErrorResponse(c, new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached'));
    }
    return next();
  };
}
