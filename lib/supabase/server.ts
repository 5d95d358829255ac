// The Supabase client for server components, server actions and route handlers, acting as the signed-in user.
import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import { publicEnv } from '@/lib/env';
import type { Database } from './database.types';

// IMPORTANT: create a new client for every request; never keep one in a module-level variable.
/** `headers`: extra request headers, e.g. a share token that a storage policy reads (lib/attachments). */
export async function createClient({ headers }: { headers?: Record<string, string> } = {}) {
  const cookieStore = await cookies();
  return createServerClient<Database>(
    publicEnv().NEXT_PUBLIC_SUPABASE_URL,
    publicEnv().NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    {
      global: headers ? { headers } : undefined,
      cookies: {
        getAll() {
          return cookieStore.getAll();
        },
        setAll(cookiesToSet) {
          try {
            for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options);
          } catch {
            // Called from a server component, which cannot set cookies: the proxy refreshes the session instead.
          }
        },
      },
    },
  );
}
