// How long share pages may be kept (lib/shares/cache.ts), as plain functions the proxy and the tests can use.

/** Next.js's own copy: purged on revoke and delete, so it can live long; refreshed hourly for title renames. */
export const shareCacheSeconds = 3600;
/** What a CDN may keep without asking: a CDN is not purged by Next.js, so this bounds a revoked link's afterlife. */
export const shareEdgeSeconds = 60;

/**
 * The Cache-Control of a share page: public (nothing in it is the visitor's), fresh for a minute, then served
 * stale for another minute while it is fetched again, and never past the link's expiry. Unknown, revoked and
 * expired links are cached like any answer: a token never comes back to life.
 */
export function shareCacheControl({ expiresAt, now }: { expiresAt: string | null; now: number }): string {
  const left = expiresAt === null ? Infinity : Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (left <= 0) return `public, max-age=0, s-maxage=${shareEdgeSeconds}`;
  const fresh = Math.min(shareEdgeSeconds, left);
  const stale = Math.min(shareEdgeSeconds, left - fresh);
  return `public, max-age=0, s-maxage=${fresh}${stale > 0 ? `, stale-while-revalidate=${stale}` : ''}`;
}

/** A nonce for the share page's CSP that is the same for every visitor of one link (so the page can be cached),
 * and that nobody could know before the link existed, when everything the page shows was already written. */
export async function shareNonce(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`ohm-share-nonce:${token}`));
  return btoa(String.fromCharCode(...new Uint8Array(digest).slice(0, 16)));
}

/** The token of a share page request that may be cached: GET or HEAD of /share/<token>, not a server action. */
export function cacheableShareToken(request: { method: string; nextUrl: { pathname: string }; headers: Headers }) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.headers.has('next-action')) return null;
  return /^\/share\/([A-Za-z0-9_-]{20,200})$/.exec(request.nextUrl.pathname)?.[1] ?? null;
}
