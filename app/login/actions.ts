'use server';

import { redirect } from 'next/navigation';
import { credentialsSchema } from '@/lib/auth/schemas';
import { safeNextPath } from '@/lib/auth/redirect';
import { fromAuthError, OhmError, type ActionResult } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';

// The email comes back with an error so the form can keep it (React resets a form after its action runs).
export type CredentialsState = (ActionResult & { email?: string }) | null;

const withEmail = (result: ActionResult, formData: FormData): CredentialsState => ({
  ...result,
  email: String(formData.get('email') ?? ''),
});

function parse(formData: FormData) {
  return credentialsSchema.safeParse({
    email: formData.get('email'),
    password: formData.get('password'),
    next: formData.get('next') ?? undefined,
  });
}

export async function signIn(_prev: CredentialsState, formData: FormData): Promise<CredentialsState> {
  const input = parse(formData);
  if (!input.success)
    return withEmail(new OhmError('bad_request:auth', input.error.issues[0].message).toResult(), formData);
  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({ email: input.data.email, password: input.data.password });
  if (error) return withEmail(fromAuthError(error).toResult(), formData);
  redirect(safeNextPath(input.data.next));
}

/** Creates an account, or — for a guest — adds email and password to the guest account so every chat is kept. */
export async function signUp(_prev: CredentialsState, formData: FormData): Promise<CredentialsState> {
  const input = parse(formData);
  if (!input.success)
    return withEmail(new OhmError('bad_request:auth', input.error.issues[0].message).toResult(), formData);
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  if (data?.claims?.is_anonymous === true) {
    const { error } = await supabase.auth.updateUser({ email: input.data.email, password: input.data.password });
    if (error) return withEmail(fromAuthError(error).toResult(), formData);
    // The access token still says "anonymous" until it is refreshed; refresh now so every page sees the account.
    const refreshed = await supabase.auth.refreshSession();
    if (refreshed.error) return withEmail(fromAuthError(refreshed.error).toResult(), formData);
  } else {
    const { error } = await supabase.auth.signUp({ email: input.data.email, password: input.data.password });
    if (error) return withEmail(fromAuthError(error).toResult(), formData);
  }
  redirect(safeNextPath(input.data.next));
}
