// GET /user and PUT /user (GoTrue UserGet and UserUpdate): user_metadata merged key by key with null deleting a key;
// an anonymous user who adds an email is confirmed at once (mailer_autoconfirm) and stops being anonymous, keeping its id;
// a permanent user's new email waits for confirmation in email_change, as with double_confirm_changes.
import { createHash, randomInt } from 'node:crypto';
import type { Context } from 'hono';
import type { AuthDeps, Db } from './deps.ts';
import { validateEmail } from './email.ts';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword, passwordMatches } from './passwords.ts';
import { readParams, requireUser } from './request.ts';
import { findDuplicateEmailUser, loadUser, userJson, type UserRow } from './users.ts';

export async function getUser(deps: AuthDeps, c: Context) {
  const current = await requireUser(deps.sql, c, deps.now());
  const audience = Array.isArray(current.claims.aud) ? current.claims.aud[0] : current.claims.aud;
  if (audience !== 'authenticated') {
    throw badRequest('validation_failed', "Token audience doesn't match request audience");
  }
  return c.json(userJson(current));
}

export async function updateUser(deps: AuthDeps, c: Context) {
  const current = await requireUser(deps.sql, c, deps.now());
  const params = await readParams(c, 'UserUpdateParams', {
    email: 'string',
    phone: 'string',
    password: 'string',
    nonce: 'string',
    data: 'object',
    app_metadata: 'object',
    code_challenge: 'string',
    code_challenge_method: 'string',
  });
  const { user } = current;
  const email = params.email ? validateEmail(params.email) : '';
  if (params.phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (params.password !== undefined) checkPasswordStrength(params.password, deps.minimumPasswordLength);
  if (params.app_metadata) throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  if (user.is_anonymous && params.password && !email) {
    throw unprocessable(
      'validation_failed',
      'Updating password of an anonymous user without an email or phone is not allowed',
    );
  }
  const changesEmail = email !== '' && email !== (user.email ?? '');
  if (changesEmail && (await findDuplicateEmailUser(deps.sql, email, user.aud ?? 'authenticated', user.id))) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  if (params.password && (await passwordMatches(params.password, user.encrypted_password))) {
    throw unprocessable('same_password', 'New password should be different from the old password.');
  }
  const hash = params.password ? await hashPassword(params.password) : params.password;

  const now = deps.now();
  try {
    const updated = await deps.sql.begin(async (tx) => {
      if (hash !== undefined) await setPassword(tx, user.id, hash, current.sessionId, now);
      if (params.data) await mergeUserMetadata(tx, user.id, params.data, now);
      if (changesEmail) {
        if (user.is_anonymous) await confirmEmailOfAnonymousUser(tx, user, email, now);
        else await requestEmailChange(tx, user, email, now);
      }
      return loadUser(tx, user.id);
    });
    return c.json(userJson(updated!));
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    throw error;
  }
}

/** User.UpdatePassword: the new hash, every pending one-time token voided, and every other session of the user ended. */
async function setPassword(tx: Db, userId: string, hash: string, sessionId: string | null, now: Date) {
  await tx`
    update auth.users set encrypted_password = ${hash}, confirmation_token = '', confirmation_sent_at = null,
      recovery_token = '', recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
      email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
      reauthentication_token = '', reauthentication_sent_at = null, updated_at = ${now}
    where id = ${userId}`;
  if (sessionId) await tx`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId}`;
  else await tx`delete from auth.sessions where user_id = ${userId}`;
}

/** User.UpdateUserMetaData: keys set to null are removed, others replaced. Done in SQL under the row lock. */
async function mergeUserMetadata(tx: Db, userId: string, data: Record<string, unknown>, now: Date) {
  const removed = Object.keys(data).filter((key) => data[key] === null);
  const kept = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
  await tx`
    update auth.users
    set raw_user_meta_data = (coalesce(raw_user_meta_data, '{}'::jsonb) || ${tx.json(kept as never)}::jsonb) - ${removed}::text[],
        updated_at = ${now}
    where id = ${userId}`;
}

/** emailChangeVerify for an anonymous user under mailer_autoconfirm: the email identity, the address, the confirmation. */
async function confirmEmailOfAnonymousUser(tx: Db, user: UserRow, email: string, now: Date) {
  const [identity] = await tx`select id from auth.identities where provider_id = ${user.id} and provider = 'email'`;
  if (identity) {
    await tx`
      update auth.identities set identity_data = identity_data || ${tx.json({ email, email_verified: true })}::jsonb, updated_at = ${now}
      where id = ${identity.id}`;
  } else {
    await tx`
      insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      values (${user.id}, ${user.id}, ${tx.json({ email, email_verified: true, phone_verified: false, sub: user.id })}, 'email', ${now}, ${now}, ${now})`;
  }
  await tx`
    update auth.users set is_anonymous = false, email = ${email}, email_change = '', email_change_token_current = '',
      email_change_token_new = '', email_change_confirm_status = 0, updated_at = ${now}
    where id = ${user.id}`;
  if (!user.email_confirmed_at && !user.phone_confirmed_at) {
    await tx`
      update auth.users set email_confirmed_at = ${now}, confirmation_token = '',
        raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb
      where id = ${user.id}`;
  }
}

const tokenHash = (email: string) =>
  createHash('sha224')
    .update(email + String(randomInt(0, 1_000_000)).padStart(6, '0'))
    .digest('hex');

/** sendEmailChange: the new address waits in email_change (shown as new_email) until both addresses confirm. */
async function requestEmailChange(tx: Db, user: UserRow, email: string, now: Date) {
  await tx`
    update auth.users set email_change = ${email}, email_change_token_new = ${tokenHash(email)},
      email_change_token_current = ${user.email ? tokenHash(user.email) : ''}, email_change_confirm_status = 0,
      email_change_sent_at = ${now}, updated_at = ${now}
    where id = ${user.id}`;
}
