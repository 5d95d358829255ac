// The share page's cache lifetimes (lib/shares/cache-policy.ts): public, bounded, and never past the link's expiry.
import { describe, expect, it } from 'vitest';
import { cacheableShareToken, shareCacheControl, shareNonce } from '@/lib/shares/cache-policy';

const now = Date.parse('2026-12-01T12:00:00Z');
const inSeconds = (s: number) => new Date(now + s * 1000).toISOString();

describe('shareCacheControl', () => {
  it('lets a shared cache keep a link without expiry for a minute, and serve it stale for another', () => {
    expect(shareCacheControl({ expiresAt: null, now })).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
    );
  });

  it('never lets a copy outlive the link', () => {
    expect(shareCacheControl({ expiresAt: inSeconds(90), now })).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=30',
    );
    expect(shareCacheControl({ expiresAt: inSeconds(45), now })).toBe('public, max-age=0, s-maxage=45');
    expect(shareCacheControl({ expiresAt: inSeconds(0.5), now })).toBe('public, max-age=0, s-maxage=60');
  });
});

describe('cacheableShareToken', () => {
  const request = (method: string, pathname: string, headers: Record<string, string> = {}) => ({
    method,
    nextUrl: { pathname },
    headers: new Headers(headers),
  });
  it('is the token of a GET or HEAD of a share page, and nothing for server actions or other pages', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz012345';
    expect(cacheableShareToken(request('GET', `/share/${token}`))).toBe(token);
    expect(cacheableShareToken(request('HEAD', `/share/${token}`))).toBe(token);
    expect(cacheableShareToken(request('POST', `/share/${token}`))).toBeNull();
    expect(cacheableShareToken(request('GET', `/share/${token}`, { 'next-action': 'x' }))).toBeNull();
    expect(cacheableShareToken(request('GET', `/chat/${token}`))).toBeNull();
  });
});

describe('shareNonce', () => {
  it('is the same for every visitor of one link and differs between links', async () => {
    const a = await shareNonce('a'.repeat(32));
    expect(await shareNonce('a'.repeat(32))).toBe(a);
    expect(await shareNonce('b'.repeat(32))).not.toBe(a);
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
  });
});
