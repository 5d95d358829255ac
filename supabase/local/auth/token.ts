// POST /token: grant_type=password (email sign-in) and grant_type=refresh_token (rotation with reuse detection).
import type { Context } from 'hono';
import type { AuthDeps } from './deps.ts';
import { badRequest, unprocessable } from './errors.ts';
import { passwordMatches, passwordWeakness } from './passwords.ts';
import { readParams } from './request.ts';
import { checkRefreshTokenFormat, isAuthError, issueSession, refreshSession } from './sessions.ts';
import { findUserByEmail, isBanned } from './users.ts';

const invalidLogin = () => badRequest('invalid_credentials', 'Invalid login credentials');

export async function token(deps: AuthDeps, c: Context) {
  const grantType = c.req.query('grant_type') ?? '';
  if (grantType === 'password') return passwordGrant(deps, c);
  if (grantType === 'refresh_token') return refreshTokenGrant(deps, c);
  // id_token, pkce and web3 need providers this stand-in does not have; GoTrue answers unknown grants like this.
  throw badRequest('invalid_credentials', 'unsupported_grant_type');
}

async function passwordGrant(deps: AuthDeps, c: Context) {
  const params = await readParams(c, 'PasswordGrantParams', { email: 'string', phone: 'string', password: 'string' });
  if (params.email && params.phone)
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  if (params.phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!params.email) throw badRequest('validation_failed', 'missing email or phone');
  const user = await findUserByEmail(deps.sql, params.email, 'authenticated');
  if (!user || !user.encrypted_password) throw invalidLogin();
  if (isBanned(user, deps.now())) throw badRequest('user_banned', 'User is banned');
  const password = params.password ?? '';
  if (!(await passwordMatches(password, user.encrypted_password))) throw invalidLogin();
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  const weakness = passwordWeakness(password, deps.minimumPasswordLength) ?? undefined;
  const now = deps.now();
  return c.json(await deps.sql.begin((tx) => issueSession(tx, c, user.id, 'password', now, weakness)));
}

async function refreshTokenGrant(deps: AuthDeps, c: Context) {
  const params = await readParams(c, 'RefreshTokenGrantParams', { refresh_token: 'string' });
  checkRefreshTokenFormat(params.refresh_token);
  const result = await deps.sql.begin((tx) => refreshSession(deps, tx, c, params.refresh_token!));
  // Refusals that changed rows (a revoked family, a deleted orphan token) are raised after the commit.
  if (isAuthError(result)) throw result;
  return c.json(result);
}
