// Runs before every page and route handler: a fresh CSP nonce per request (Next.js's documented pattern: the
// policy on the request is where Next.js finds the nonce for its own scripts) and the session cookies refreshed.
// Share pages are the exception: cached for everyone (lib/shares/cache.ts), they get a nonce of their link's, no
// session work (no Set-Cookie may ever be cached) and a public Cache-Control; the page kept whole in Next.js's
// cache answers only while the link opens, anything else is rendered afresh by /share/<token>/live.
import { NextResponse, type NextRequest } from 'next/server';
import { publicEnv } from '@/lib/env';
import { contentSecurityPolicy, createNonce, reportingEndpoints } from '@/lib/security/csp';
import { getSharePageRoute } from '@/lib/shares/cache';
import { cacheableShareToken, shareNonce } from '@/lib/shares/cache-policy';
import { updateSession } from '@/lib/supabase/proxy';

export async function proxy(request: NextRequest) {
  const shareToken = cacheableShareToken(request);
  const nonce = shareToken ? await shareNonce(shareToken) : createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    supabaseUrl: publicEnv().NEXT_PUBLIC_SUPABASE_URL,
    dev: process.env.NODE_ENV === 'development',
  });
  request.headers.set('x-nonce', nonce);
  request.headers.set('content-security-policy', policy);
  let response: NextResponse;
  if (shareToken) {
    const { search, searchParams } = request.nextUrl;
    const route = await getSharePageRoute({ token: shareToken, opensArtifact: searchParams.has('artifact') });
    response = route.wholePage
      ? NextResponse.next({ request })
      : NextResponse.rewrite(new URL(`/share/${shareToken}/live${search}`, request.url), { request });
    response.headers.set('cache-control', route.cacheControl);
  } else {
    response = await updateSession(request);
  }
  response.headers.set('content-security-policy', policy);
  response.headers.set('reporting-endpoints', reportingEndpoints);
  return response;
}

export const config = {
  // Pages and server actions; not static assets, and not route handlers (api/): they answer JSON or text, need no
  // nonce, refresh the session themselves (createClient), and a proxy in front of them would buffer their bodies
  // (proxyClientMaxBodySize) before they could refuse one as too large.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|.*\\.(?:svg|png|jpg|jpeg|gif|webp)$).*)'],
};
