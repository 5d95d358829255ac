// Supabase Auth's per-IP rate limits in the local gateway, with supabase/config.toml's [auth.rate_limit] numbers,
// and X-Forwarded-For believed only from a trusted proxy: the app meets the same refusals here as on hosted.
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { configuredAuthRateLimits } from '../../supabase/local/auth/rate-limit.ts';
import { fromAuthError } from '../../lib/errors.ts';
import { gatewayForSuite } from '../support/gateway.ts';
import { publishableKey } from '../support/stack.ts';

const limits = configuredAuthRateLimits();
const direct = gatewayForSuite({ auth: { rateLimit: { limits } } });
const behindProxy = gatewayForSuite({ auth: { rateLimit: { limits, trustedProxies: ['127.0.0.1'] } } });

const anonymousSignIn = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/auth/v1/signup`, {
    method: 'POST',
    headers: { apikey: publishableKey, 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('Auth rate limits', () => {
  it('reads the limits of supabase/config.toml', () => {
    expect(limits).toEqual({ anonymous_users: 30, sign_in_sign_ups: 30, token_refresh: 150 });
  });

  it('refuses anonymous sign-ins past the limit from one address, whatever X-Forwarded-For it claims', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      // A client that is not a trusted proxy cannot pick its own bucket with the header.
      const response = await anonymousSignIn(direct.url, { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(await response.json()).toMatchObject({ error_code: 'over_request_rate_limit' });
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      } else await response.body?.cancel();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(limits.anonymous_users);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - limits.anonymous_users);
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    for (let i = 0; i < limits.anonymous_users; i++) {
      const response = await anonymousSignIn(behindProxy.url, { 'x-forwarded-for': '198.51.100.7' });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
    expect((await anonymousSignIn(behindProxy.url, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    // A spoofed entry before the address the proxy saw changes nothing: the proxy's own entry is the client.
    expect((await anonymousSignIn(behindProxy.url, { 'x-forwarded-for': '192.0.2.1, 198.51.100.7' })).status).toBe(429);
    expect((await anonymousSignIn(behindProxy.url, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
  });

  it('reaches supabase-js as over_request_rate_limit, which the app words as a rate limit', async () => {
    const supabase = createClient(direct.url, publishableKey, { auth: { persistSession: false } });
    const { error } = await supabase.auth.signInAnonymously();
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    expect(fromAuthError(error!)).toMatchObject({ status: 429, code: 'rate_limit:auth', retryAfter: 60 });
  });
});
