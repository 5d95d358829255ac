// Resolves who a request is, as Supabase's API gateway (Kong) and PostgREST do: a user JWT in Authorization wins;
// `Bearer sb_…` or no Authorization falls back to the apikey (publishable → anon, secret → service_role, or a legacy JWT key).
import { jwtVerify, errors as joseErrors } from 'jose';
import { jwtSecret, publishableKey, secretKey, anonKey, serviceRoleKey } from '../config.ts';

export type Claims = Record<string, unknown> & { role: string; sub?: string; exp?: number };
export type RequestRole =
  | { ok: true; role: string; claims: Claims; token: string | null }
  | { ok: false; status: 401; code: 'PGRST301' | 'PGRST303' | 'no_apikey'; message: string };

const secret = new TextEncoder().encode(jwtSecret);

// Verified tokens by their text, as PostgREST's JWT cache keeps them: a client sends the same token on every request
// until it refreshes, and an HMAC check per request is a measurable share of a small request's cost. An entry is only
// served before the token's own `exp`, so an expired token is still refused.
const verifiedTokens = new Map<string, Claims>();
const verifiedTokensMax = 2000;

export async function verifyJwt(
  token: string,
): Promise<{ ok: true; claims: Claims } | { ok: false; expired: boolean; message: string }> {
  const cached = verifiedTokens.get(token);
  if (cached) {
    if (typeof cached.exp !== 'number' || cached.exp * 1000 > Date.now()) return { ok: true, claims: cached };
    verifiedTokens.delete(token);
    return { ok: false, expired: true, message: 'JWT expired' };
  }
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    const claims = payload as Claims;
    if (payload.nbf === undefined) {
      if (verifiedTokens.size >= verifiedTokensMax) verifiedTokens.delete(verifiedTokens.keys().next().value!);
      verifiedTokens.set(token, claims);
    }
    return { ok: true, claims };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, expired: true, message: 'JWT expired' };
    return { ok: false, expired: false, message: error instanceof Error ? error.message : 'invalid JWT' };
  }
}

function tokenForApiKey(apikey: string): string | null {
  if (apikey === publishableKey) return anonKey;
  if (apikey === secretKey) return serviceRoleKey;
  if (apikey.startsWith('sb_')) return null;
  return apikey;
}

export async function resolveRequestRole(headers: Headers): Promise<RequestRole> {
  const authorization = headers.get('authorization') ?? '';
  const bearer = /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? null;
  const apikey = headers.get('apikey') ?? '';
  let token: string | null;
  if (bearer && !bearer.startsWith('sb_')) {
    token = bearer;
  } else {
    const keyToken = tokenForApiKey(bearer ?? apikey);
    if (!keyToken) return { ok: false, status: 401, code: 'no_apikey', message: 'Invalid API key' };
    token = keyToken;
  }
  if (!token) return { ok: true, role: 'anon', claims: { role: 'anon' }, token: null };
  const verified = await verifyJwt(token);
  if (!verified.ok) {
    return verified.expired
      ? { ok: false, status: 401, code: 'PGRST303', message: 'JWT expired' }
      : { ok: false, status: 401, code: 'PGRST301', message: 'No suitable key or wrong key type' };
  }
  const role = typeof verified.claims.role === 'string' && verified.claims.role ? verified.claims.role : 'anon';
  return { ok: true, role, claims: { ...verified.claims, role }, token };
}
