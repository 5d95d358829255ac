// The gateway keeps verified JWTs (as PostgREST's JWT cache does); a cached token must still stop working at its exp,
// and a token with a bad signature must never be served from the cache.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { verifyJwt } from '../../supabase/local/core/request-role.ts';
import { jwtSecret } from '../support/stack.ts';

const sign = (claims: Record<string, unknown>, secret = jwtSecret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

describe('verified-token cache', () => {
  afterEach(() => vi.useRealTimers());

  it('serves a verified token until its exp, then answers expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    vi.setSystemTime(now);
    const token = await sign({ sub: crypto.randomUUID(), role: 'authenticated', exp: now / 1000 + 60 });
    expect(await verifyJwt(token)).toMatchObject({ ok: true, claims: { role: 'authenticated' } });
    expect(await verifyJwt(token)).toMatchObject({ ok: true });
    vi.setSystemTime(now + 61_000);
    expect(await verifyJwt(token)).toEqual({ ok: false, expired: true, message: 'JWT expired' });
  });

  it('never caches a token signed with another secret', async () => {
    const token = await sign(
      { sub: crypto.randomUUID(), role: 'service_role', exp: Math.floor(Date.now() / 1000) + 600 },
      'another-secret-of-at-least-thirty-two-chars',
    );
    expect(await verifyJwt(token)).toMatchObject({ ok: false, expired: false });
    expect(await verifyJwt(token)).toMatchObject({ ok: false, expired: false });
  });
});
