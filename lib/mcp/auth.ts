// Who an MCP request acts as. The bearer secret is checked in the database (resolve_personal_access_token, asked
// with the publishable key: no service key involved), and the tools then run with a supabase-js client whose
// requests carry a JWT for the token's user, signed here with the project's JWT secret and valid for minutes. So
// PostgREST sees that user, and RLS decides every row a tool reads or writes, exactly as for the user's own
// browser. Server only: SUPABASE_JWT_SECRET never leaves this process.
import 'server-only';
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import { publicEnv } from '@/lib/env';
import type { Database } from '@/lib/supabase/database.types';

export type McpCaller = {
  userId: string;
  tokenId: string;
  scope: Database['public']['Enums']['access_token_scope'];
  /** supabase-js acting as the token's user (REST and RPC; RLS applies to everything it does). */
  client: SupabaseClient<Database>;
};

/** Long enough for one tool call, agent turns included; a leaked JWT is worthless minutes later. */
const userJwtSeconds = 10 * 60;
const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

function jwtSecret(): Uint8Array {
  const secret = process.env.SUPABASE_JWT_SECRET;
  if (!secret || secret.length < 32)
    throw new Error(
      'SUPABASE_JWT_SECRET is not set (at least 32 characters): the MCP server cannot act as a token\u2019s user (see .env.example)',
    );
  return new TextEncoder().encode(secret);
}

/** The claims Supabase Auth gives a user's access token, plus which personal access token this one stands for. */
async function signUserJwt(user: { id: string; email: string | null; isAnonymous: boolean; tokenId: string }) {
  return new SignJWT({
    role: 'authenticated',
    email: user.email ?? '',
    is_anonymous: user.isAnonymous,
    amr: [{ method: 'personal_access_token', timestamp: Math.floor(Date.now() / 1000) }],
    ohm_token_id: user.tokenId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(`${userJwtSeconds}s`)
    .sign(jwtSecret());
}

/** The bearer secret of `Authorization: Bearer …`, or null. */
export function bearerToken(request: Request): string | null {
  return /^bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
}

const stateMessages = {
  revoked: 'This access token was revoked. Create a new one at /settings/tokens.',
  expired: 'This access token has expired. Create a new one at /settings/tokens.',
} as const;

/** The caller of a token, or an `unauthorized:token` OhmError that says why not. */
export async function authenticateToken(token: string): Promise<McpCaller> {
  const { NEXT_PUBLIC_SUPABASE_URL: url, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: key } = publicEnv();
  const anon = createSupabaseClient<Database>(url, key, clientOptions);
  const { data, error } = await anon.rpc('resolve_personal_access_token', { p_token: token });
  if (error) throw fromPostgrestError(error, 'token');
  const [row] = data;
  if (!row) throw new OhmError('unauthorized:token', 'This access token is not valid. Check that it was copied whole.');
  if (row.state !== 'active') throw new OhmError('unauthorized:token', stateMessages[row.state as 'revoked']);
  const jwt = await signUserJwt({
    id: row.user_id,
    email: row.email,
    isAnonymous: row.is_anonymous,
    tokenId: row.token_id,
  });
  const client = createSupabaseClient<Database>(url, key, { ...clientOptions, accessToken: async () => jwt });
  return { userId: row.user_id, tokenId: row.token_id, scope: row.scope, client };
}
