// Runs on every page request (see /proxy.ts): refreshes the session cookies and gives a first-time visitor of the
// app an anonymous session, as trying ChatGPT without an account does.
import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { publicEnv } from '@/lib/env';

const needsSession = (pathname: string) =>
  pathname === '/' || pathname.startsWith('/chat') || pathname.startsWith('/search');

// A link prefetch is not a visit: it must not create a guest account behind the visitor's back.
const isPrefetch = (request: NextRequest) =>
  request.headers.has('next-router-prefetch') ||
  request.headers.get('purpose') === 'prefetch' ||
  (request.headers.get('sec-purpose') ?? '').includes('prefetch');

export async function updateSession(request: NextRequest) {
  let response = NextResponse.next({ request });
  const supabase = createServerClient(
    publicEnv().NEXT_PUBLIC_SUPABASE_URL,
    publicEnv().NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    {
      cookies: {
        getAll() {
          return request.cookies.getAll();
        },
        setAll(cookiesToSet) {
          for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
          response = NextResponse.next({ request });
          for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
        },
      },
    },
  );

  // IMPORTANT: nothing may run between createServerClient and getClaims(), or sessions expire at random.
  const { data } = await supabase.auth.getClaims();
  if (!data?.claims && request.method === 'GET' && needsSession(request.nextUrl.pathname) && !isPrefetch(request)) {
    await supabase.auth.signInAnonymously();
  }
  return response;
}
