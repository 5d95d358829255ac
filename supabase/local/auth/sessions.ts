// Sessions and refresh tokens as GoTrue's token service keeps them: one session per sign-in, a chain of refresh tokens per
// session (each child records its parent), rotation on refresh, and reuse detection that revokes the session's tokens.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { accessTokenTtlSeconds } from '../config.ts';
import type { AuthDeps, Db } from './deps.ts';
import { AuthError, badRequest } from './errors.ts';
import { newRefreshToken, signAccessToken, type Amr } from './tokens.ts';
import { isBanned, loadUser, nilInstanceId, userJson, type LoadedUser } from './users.ts';

type SessionRow = { id: string; user_id: string; tag: string | null; created_at: Date };
type RefreshTokenRow = {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  parent: string | null;
  session_id: string | null;
  updated_at: Date;
};

export type WeakPasswordInfo = { message: string; reasons: string[] };

/** The stand-in's auth schema has no mfa_amr_claims table, so a session's sign-in method is kept in sessions.tag. */
function amrOf(session: SessionRow): Amr[] {
  return [{ method: session.tag ?? 'password', timestamp: Math.floor(new Date(session.created_at).getTime() / 1000) }];
}

async function accessTokenResponse(
  loaded: LoadedUser,
  session: SessionRow,
  refreshToken: string,
  now: Date,
  weakPassword?: WeakPasswordInfo,
) {
  const { token, expiresAt } = await signAccessToken(loaded.user, session.id, amrOf(session), now);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(loaded),
    ...(weakPassword ? { weak_password: weakPassword } : {}),
  };
}

/** IssueRefreshToken: a new session and its first refresh token, and the user's last_sign_in_at. Call inside a transaction. */
export async function issueSession(
  tx: Db,
  c: Context,
  userId: string,
  method: string,
  now: Date,
  weakPassword?: WeakPasswordInfo,
) {
  const [session] = await tx<SessionRow[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, tag)
    values (${randomUUID()}, ${userId}, ${now}, ${now}, 'aal1', ${c.req.header('user-agent') ?? null}, ${method})
    returning id, user_id, tag, created_at`;
  const refreshToken = newRefreshToken();
  await tx`
    insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, session_id)
    values (${nilInstanceId}, ${refreshToken}, ${userId}, false, ${now}, ${now}, ${session.id})`;
  await tx`update auth.users set last_sign_in_at = ${now}, updated_at = ${now} where id = ${userId}`;
  const loaded = await loadUser(tx, userId);
  return accessTokenResponse(loaded!, session, refreshToken, now, weakPassword);
}

/** RefreshTokenGrantParams.Validate: GoTrue's v1 tokens are 12 lowercase alphanumerics (v2 tokens are not issued here). */
export function checkRefreshTokenFormat(token: string | undefined) {
  if (!token || token.length !== 12 || !/^[a-z0-9]{12}$/.test(token))
    throw badRequest('validation_failed', 'Refresh token is not valid');
}

/**
 * The refresh_token grant. Returns the session JSON, or an AuthError that must be thrown only after the transaction
 * commits (the family revocation and the orphan-token cleanup are kept, as GoTrue's NewCommitWithError does).
 */
export async function refreshSession(deps: AuthDeps, tx: Db, c: Context, presented: string) {
  const now = deps.now();
  const [token] = await tx<RefreshTokenRow[]>`
    select id, token, user_id, revoked, parent, session_id, updated_at from auth.refresh_tokens where token = ${presented} for update`;
  if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const owner = await loadUser(tx, token.user_id);
  if (!owner) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (isBanned(owner.user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
  const [session] = token.session_id
    ? await tx<
        SessionRow[]
      >`select id, user_id, tag, created_at from auth.sessions where id = ${token.session_id} for update`
    : [];
  if (!session) {
    await tx`delete from auth.refresh_tokens where id = ${token.id}`;
    return badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
  }

  let issued: string | undefined;
  if (token.revoked) {
    const [active] = await tx<RefreshTokenRow[]>`
      select token, parent from auth.refresh_tokens where session_id = ${session.id} and revoked = false order by id desc limit 1`;
    if (active && active.parent === token.token) {
      // The client never stored the answer to its last refresh (or two tabs refreshed at once): hand back the
      // session's current token instead of minting another.
      issued = active.token;
    } else if (now.getTime() > new Date(token.updated_at).getTime() + deps.reuseIntervalMs) {
      // An older token came back after the reuse interval: treat it as stolen and revoke every token of the session.
      await tx`update auth.refresh_tokens set revoked = true, updated_at = ${now} where session_id = ${session.id} and revoked = false`;
      return badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    }
  }
  if (!issued) {
    issued = newRefreshToken();
    await tx`update auth.refresh_tokens set revoked = true, updated_at = ${now} where id = ${token.id}`;
    await tx`
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
      values (${nilInstanceId}, ${issued}, ${token.user_id}, false, ${now}, ${now}, ${token.token}, ${session.id})`;
    // GoTrue's createRefreshToken re-saves last_sign_in_at, which touches updated_at only.
    await tx`update auth.users set updated_at = ${now} where id = ${token.user_id}`;
  }
  // refreshed_at is `timestamp` without time zone; GoTrue writes UTC.
  await tx`
    update auth.sessions set refreshed_at = ${now.toISOString().replace('Z', '')}::timestamp, updated_at = ${now},
      user_agent = ${c.req.header('user-agent') ?? null}
    where id = ${session.id}`;
  const loaded = await loadUser(tx, token.user_id);
  return accessTokenResponse(loaded!, session, issued, now);
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}
