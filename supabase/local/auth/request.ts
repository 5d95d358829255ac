// Reading a request the way GoTrue does: the JSON body decoded into typed params (a type mismatch is bad_json, as Go's
// json.Unmarshal reports it), and the bearer token checked by requireAuthentication before /user and /logout.
import type { Context } from 'hono';
import { errors as joseErrors, jwtVerify } from 'jose';
import { jwtSecret } from '../config.ts';
import type { Db } from './deps.ts';
import { resolveRequestRole } from '../core/request-role.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import { isBanned, loadUser, type LoadedUser } from './users.ts';

type FieldType = 'string' | 'object';
type Params<S extends Record<string, FieldType>> = {
  [K in keyof S]?: S[K] extends 'string' ? string : Record<string, unknown> | null;
};

const goType: Record<FieldType, string> = { string: 'string', object: 'map[string]interface {}' };

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** retrieveRequestParams: an empty or malformed body, or a field of the wrong JSON type, is 400 bad_json. */
export async function readParams<S extends Record<string, FieldType>>(
  c: Context,
  structName: string,
  shape: S,
): Promise<Params<S>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === '' ? 'unexpected end of JSON input' : (error as Error).message;
    throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
  }
  if (body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      'bad_json',
      `Could not parse request body as JSON: json: cannot unmarshal ${jsonKind(body)} into Go value of type api.${structName}`,
    );
  }
  const params: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(shape)) {
    const value = (body as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    const ok = type === 'string' ? typeof value === 'string' : jsonKind(value) === 'object';
    if (!ok) {
      throw badRequest(
        'bad_json',
        `Could not parse request body as JSON: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${structName}.${key} of type ${goType[type]}`,
      );
    }
    params[key] = value;
  }
  return params as Params<S>;
}

const secret = new TextEncoder().encode(jwtSecret);

/** The messages golang-jwt v5 gives for the failures GoTrue wraps in "invalid JWT: unable to parse or verify signature, …". */
function jwtFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token has invalid claims: token is expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'token signature is invalid: signature is invalid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token signature is invalid: signing method not allowed';
  return 'token is malformed: could not parse the token';
}

export type Authenticated = LoadedUser & { claims: Record<string, unknown>; sessionId: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** requireAuthentication + maybeLoadUserOrSession: bearer → verified claims → user → session (when the token names one). */
export async function requireUser(sql: Db, c: Context, now: Date): Promise<Authenticated> {
  let token = /^bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  // The API gateway swaps `Bearer sb_…` for the JWT of the role that key stands for before Auth sees it.
  if (token.startsWith('sb_')) {
    const role = await resolveRequestRole(new Headers({ authorization: `Bearer ${token}` }));
    if (role.ok && role.token) token = role.token;
  }
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: now }));
  } catch (error) {
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${jwtFailure(error)}`);
  }
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!uuidPattern.test(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const loaded = await loadUser(sql, sub);
  if (!loaded) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const sessionClaim = typeof claims.session_id === 'string' ? claims.session_id : '';
  let sessionId: string | null = null;
  if (sessionClaim && sessionClaim !== '00000000-0000-0000-0000-000000000000') {
    if (!uuidPattern.test(sessionClaim)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    const [session] = await sql`select id from auth.sessions where id = ${sessionClaim}`;
    if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    sessionId = sessionClaim;
  }
  if (isBanned(loaded.user, now)) throw forbidden('user_banned', 'User is banned');
  return { ...loaded, claims, sessionId };
}
