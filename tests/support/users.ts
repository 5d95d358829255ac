// Users for tests and benchmarks without an Auth round trip: a row in auth.users as Auth writes one, a token signed
// with the stack's JWT secret carrying the claims Auth issues, and a supabase-js client acting as that user.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import type postgres from 'postgres';
import { jwtSecret, publishableKey } from '../../supabase/local/config.ts';

export type UserClaims = Record<string, unknown> & { sub: string; role: 'authenticated'; exp: number };
export type TestUser = { id: string; email: string | null; isAnonymous: boolean; claims: UserClaims; token: string };

const secret = new TextEncoder().encode(jwtSecret);

/** The claims Auth puts in a user's access token. */
export function userClaims(
  id: string,
  options: { email?: string | null; anonymous?: boolean; expiresInSeconds?: number } = {},
): UserClaims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    email: options.email ?? '',
    is_anonymous: !!options.anonymous,
    session_id: randomUUID(),
    iat: now,
    exp: now + (options.expiresInSeconds ?? 3600),
  };
}

/** A JWT the gateway accepts, with exactly these claims. */
export function signToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

/** A token for a user id that need not exist in auth.users (the stand-in checks the signature, not the row). */
export function tokenFor(id: string = randomUUID(), options: Parameters<typeof userClaims>[1] = {}): Promise<string> {
  return signToken(userClaims(id, options));
}

/** A user in auth.users (email and password provider, or a guest with `anonymous`) and a token for it. */
export async function createUser(
  admin: postgres.Sql,
  options: { anonymous?: boolean; name?: string; expiresInSeconds?: number } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const email = options.anonymous ? null : `user-${id.slice(0, 8)}@example.com`;
  await admin`
    insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
    values (${id}, 'authenticated', 'authenticated', ${email}, ${email ? new Date() : null},
      ${admin.json(email ? { provider: 'email', providers: ['email'] } : {})}, ${admin.json(options.name ? { name: options.name } : {})},
      now(), now(), ${!!options.anonymous})`;
  const claims = userClaims(id, { email, anonymous: options.anonymous, expiresInSeconds: options.expiresInSeconds });
  return { id, email, isAnonymous: !!options.anonymous, claims, token: await signToken(claims) };
}

/** supabase-js acting as the holder of `token` (REST, Storage and Realtime), with the publishable key. */
export function clientAs<Database = any>(
  url: string,
  token: string,
  options: Omit<SupabaseClientOptions<string>, 'accessToken'> = {},
): SupabaseClient<Database> {
  return createClient<Database>(url, publishableKey, { ...options, accessToken: async () => token } as never);
}

/** A new guest and supabase-js signed in as them through the gateway at `url`. */
export async function signedInGuest<Database = any>(
  admin: postgres.Sql,
  url: string,
): Promise<{ id: string; supabase: SupabaseClient<Database> }> {
  const user = await createUser(admin, { anonymous: true });
  return { id: user.id, supabase: clientAs<Database>(url, user.token) };
}
