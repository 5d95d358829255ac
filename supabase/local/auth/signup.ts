// POST /signup: email and password (confirmed at once, as with mailer_autoconfirm, so the answer is a session), or with
// neither email nor phone an anonymous sign-in (GoTrue api.go routes it to SignupAnonymously).
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { AuthDeps } from './deps.ts';
import { validateEmail } from './email.ts';
import { badRequest, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { readParams } from './request.ts';
import { issueSession } from './sessions.ts';
import { findDuplicateEmailUser, nilInstanceId } from './users.ts';

const aud = 'authenticated';

export async function signup(deps: AuthDeps, c: Context) {
  const params = await readParams(c, 'SignupParams', {
    email: 'string',
    phone: 'string',
    password: 'string',
    data: 'object',
    code_challenge: 'string',
    code_challenge_method: 'string',
  });
  const data = params.data ?? {};
  if (!params.email && !params.phone) return signupAnonymously(deps, c, data);

  const password = params.password ?? '';
  if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  checkPasswordStrength(password, deps.minimumPasswordLength);
  if (params.email && params.phone)
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  if (!params.email) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
  const email = validateEmail(params.email);

  if (await findDuplicateEmailUser(deps.sql, email, aud, null))
    throw unprocessable('user_already_exists', 'User already registered');
  // Hash outside the transaction, as GoTrue does: bcrypt is slow and must not hold a connection.
  const hash = await hashPassword(password);
  const now = deps.now();
  const id = randomUUID();
  try {
    return c.json(
      await deps.sql.begin(async (tx) => {
        await tx`
          insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
            created_at, updated_at, is_sso_user, is_anonymous)
          values (${nilInstanceId}, ${id}, ${aud}, 'authenticated', ${email}, ${hash}, ${tx.json({ provider: 'email', providers: ['email'] })},
            ${tx.json(data as never)}, ${now}, ${now}, false, false)`;
        // The identity carries the provider claims, then any sign-up data keys that do not clash with them.
        const identityData: Record<string, unknown> = { email, email_verified: false, phone_verified: false, sub: id };
        for (const [key, value] of Object.entries(data)) if (!(key in identityData)) identityData[key] = value;
        await tx`
          insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
          values (${id}, ${id}, ${tx.json(identityData as never)}, 'email', ${now}, ${now}, ${now})`;
        // mailer_autoconfirm: User.Confirm stamps email_confirmed_at and records email_verified in user_metadata.
        await tx`
          update auth.users set email_confirmed_at = ${now}, confirmation_token = '', updated_at = ${now},
            raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}'::jsonb
          where id = ${id}`;
        return issueSession(tx, c, id, 'password', now);
      }),
    );
  } catch (error) {
    // Two sign-ups racing for one address: the partial unique index decides.
    if ((error as { code?: string }).code === '23505')
      throw unprocessable('user_already_exists', 'User already registered');
    throw error;
  }
}

async function signupAnonymously(deps: AuthDeps, c: Context, data: Record<string, unknown>) {
  const now = deps.now();
  const id = randomUUID();
  return c.json(
    await deps.sql.begin(async (tx) => {
      await tx`
        insert into auth.users (instance_id, id, aud, role, encrypted_password, raw_app_meta_data, raw_user_meta_data,
          created_at, updated_at, is_sso_user, is_anonymous)
        values (${nilInstanceId}, ${id}, ${aud}, 'authenticated', '', ${tx.json({})}, ${tx.json(data as never)}, ${now}, ${now}, false, true)`;
      return issueSession(tx, c, id, 'anonymous', now);
    }),
  );
}
