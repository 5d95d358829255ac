// Runs on every request (see /proxy.ts): refreshes the session cookies. It never creates a session: a first-time
// visitor (or a crawler) reads pages without an account, and the guest account is made by the first action that
// needs one (send, fork, upload: lib/auth/guest.ts).
import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { publicEnv } from '@/lib/env';

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
  await supabase.auth.getClaims();
  return response;
}
