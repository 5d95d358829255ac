// Guests are made when they first do something that needs an account (send, fork, upload), never by reading a
// page: a crawler or a one-time visitor of `/` creates no user. Like trying ChatGPT without an account.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { OhmError, fromAuthError } from '@/lib/errors';

/** The caller's user id, signing them in as a guest first when they have no session. */
export async function ensureSession(supabase: SupabaseClient): Promise<string> {
  const { data } = await supabase.auth.getClaims();
  if (data?.claims?.sub) return data.claims.sub;
  const { data: signedIn, error } = await supabase.auth.signInAnonymously();
  if (error || !signedIn.user) {
    throw error ? fromAuthError(error) : new OhmError('unavailable:database', 'Could not start a guest session.');
  }
  return signedIn.user.id;
}
