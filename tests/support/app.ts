// What app code (lib/, app/) needs when a test runs it against the local stack: the env it reads, and a guest's
// supabase-js session like the one the app's first send makes.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../lib/supabase/database.types.ts';
import { apiUrl, jwtSecret, publishableKey, secretKey } from './stack.ts';

export function pointAppAtStack(url: string = apiUrl) {
  process.env.NEXT_PUBLIC_SUPABASE_URL = url;
  process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = publishableKey;
  process.env.SUPABASE_SECRET_KEY = secretKey;
  process.env.SUPABASE_JWT_SECRET = jwtSecret;
}

export async function signInGuest(): Promise<SupabaseClient<Database>> {
  const client = createClient<Database>(apiUrl, publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { error } = await client.auth.signInAnonymously();
  if (error) throw error;
  return client;
}
