// /auth/v1 — the local Supabase Auth (GoTrue) for supabase-js and @supabase/ssr: sign-up (confirmed at once),
// password and anonymous sign-in, refresh with rotation and reuse detection, user, update user, logout, JWKS.
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { GatewayContext } from './core/context.ts';
import type { Sql } from './core/db.ts';
import { resolveRequestRole, verifyJwt } from './core/request-role.ts';
import { AuthError, authErrorResponse } from './auth/errors.ts';
import { newRefreshToken, signAccessToken, type Amr } from './auth/tokens.ts';
import { loadUser, userJson, type UserRow } from './auth/users.ts';
import { accessTokenTtlSeconds } from './config.ts';

export type AuthOptions = { refreshTokenReuseIntervalSeconds?: number; minimumPasswordLength?: number };

const emailSchema = z.string().trim().toLowerCase().email();
const metadataSchema = z.record(z.string(), z.unknown());

type Tx = Sql;

async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
  }
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new AuthError(400, 'validation_failed', `${key} must be a string`);
  return value;
}

function checkPassword(password: string, minimum: number) {
  if (password.length < minimum) {
    throw new AuthError(422, 'weak_password', `Password should be at least ${minimum} characters.`, { weak_password: { reasons: ['length'] } });
  }
  if (Buffer.byteLength(password) > 72) {
    throw new AuthError(422, 'weak_password', 'Password cannot be longer than 72 characters.', { weak_password: { reasons: ['length'] } });
  }
}

function parseEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new AuthError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  return parsed.data;
}

async function issueSession(tx: Tx, user: UserRow, sessionId: string, refreshToken: string, amr: Amr[]) {
  const { token, expiresAt } = await signAccessToken(user, sessionId, amr);
  const identities = await tx`select * from auth.identities where user_id = ${user.id} order by created_at`;
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, identities as never),
  };
}

async function createSession(tx: Tx, user: UserRow, method: string, c: Context) {
  const sessionId = randomUUID();
  const now = new Date();
  await tx`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, tag)
    values (${sessionId}, ${user.id}, ${now}, ${now}, 'aal1', ${c.req.header('user-agent') ?? null}, ${method})`;
  const refreshToken = newRefreshToken();
  await tx`
    insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, session_id)
    values (${refreshToken}, ${user.id}, false, ${now}, ${now}, ${sessionId})`;
  const [updated] = await tx<UserRow[]>`update auth.users set last_sign_in_at = ${now}, updated_at = ${now} where id = ${user.id} returning *`;
  return issueSession(tx, updated, sessionId, refreshToken, [{ method, timestamp: Math.floor(now.getTime() / 1000) }]);
}

async function amrOf(tx: Tx, sessionId: string): Promise<Amr[]> {
  const [session] = await tx<{ tag: string | null; created_at: Date }[]>`select tag, created_at from auth.sessions where id = ${sessionId}`;
  return [{ method: session?.tag ?? 'password', timestamp: Math.floor(new Date(session?.created_at ?? Date.now()).getTime() / 1000) }];
}

/** The signed-in user behind a request's bearer token, as GET/PUT /user and /logout require. */
async function requireUser(sql: Sql, c: Context) {
  const header = c.req.header('authorization') ?? '';
  const token = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const verified = await verifyJwt(token);
  if (!verified.ok) {
    throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${verified.expired ? 'token has invalid claims: token is expired' : verified.message}`);
  }
  const { sub, session_id: sessionId } = verified.claims as { sub?: string; session_id?: string };
  if (!sub || !z.string().uuid().safeParse(sub).success) throw new AuthError(403, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
  if (sessionId) {
    const [session] = await sql`select 1 from auth.sessions where id = ${sessionId}`;
    if (!session) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  const loaded = await loadUser(sql, sub);
  if (!loaded) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  return { ...loaded, sessionId: sessionId ?? null };
}

export function createAuthRoutes(ctx: GatewayContext, options: AuthOptions = {}) {
  const sql = ctx.admin;
  const reuseIntervalMs = (options.refreshTokenReuseIntervalSeconds ?? 10) * 1000;
  const minimumPasswordLength = options.minimumPasswordLength ?? 6;
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof AuthError) return authErrorResponse(c, error);
    console.error('auth: unexpected error', error instanceof Error ? error.stack : error);
    return authErrorResponse(c, new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'));
  });

  app.get('/health', (c) => c.json({ version: 'v2-ohm-local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }));

  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=600');
    return c.json({ keys: [] });
  });

  // Every other route needs a valid API key, as Supabase's gateway requires.
  app.use('*', async (c, next) => {
    if (!c.req.header('apikey') && !c.req.header('authorization')) {
      return c.json({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' }, 401);
    }
    const role = await resolveRequestRole(c.req.raw.headers);
    if (!role.ok && role.code === 'no_apikey') return c.json({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' }, 401);
    await next();
  });

  app.get('/settings', (c) =>
    c.json({
      external: { anonymous_users: true, email: true, phone: false, apple: false, azure: false, bitbucket: false, discord: false, facebook: false, figma: false, github: false, gitlab: false, google: false, keycloak: false, kakao: false, linkedin: false, linkedin_oidc: false, notion: false, slack: false, slack_oidc: false, spotify: false, twitch: false, twitter: false, workos: false, zoom: false },
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    }),
  );

  app.post('/signup', async (c) => {
    const body = await readJson(c);
    const email = optionalString(body, 'email');
    const phone = optionalString(body, 'phone');
    const password = optionalString(body, 'password');
    const dataParse = metadataSchema.optional().nullable().safeParse(body.data);
    if (!dataParse.success) throw new AuthError(400, 'validation_failed', 'data must be a JSON object');
    const data = dataParse.data ?? {};
    if (phone) throw new AuthError(400, 'phone_provider_disabled', 'Phone signups are disabled');
    const now = new Date();
    if (!email) {
      if (password) throw new AuthError(400, 'validation_failed', 'Signup requires a valid email or phone');
      return c.json(
        await sql.begin(async (tx) => {
          const [user] = await tx<UserRow[]>`
            insert into auth.users (id, aud, role, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
            values (${randomUUID()}, 'authenticated', 'authenticated', ${tx.json({})}, ${tx.json(data as never)}, ${now}, ${now}, true)
            returning *`;
          return createSession(tx as unknown as Tx, user, 'anonymous', c);
        }),
      );
    }
    const address = parseEmail(email);
    if (!password) throw new AuthError(400, 'validation_failed', 'Signup requires a valid password');
    checkPassword(password, minimumPasswordLength);
    const hash = await bcrypt.hash(password, 10);
    const session = await sql.begin(async (tx) => {
      const [existing] = await tx`select id from auth.users where email = ${address} and is_sso_user = false`;
      if (existing) throw new AuthError(422, 'user_already_exists', 'User already registered');
      const id = randomUUID();
      const appMeta = { provider: 'email', providers: ['email'] };
      const [user] = await tx<UserRow[]>`
        insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
        values (${id}, 'authenticated', 'authenticated', ${address}, ${hash}, ${now}, ${tx.json(appMeta)}, ${tx.json(data as never)}, ${now}, ${now}, false)
        returning *`;
      await tx`
        insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
        values (${id}, ${id}, ${tx.json({ sub: id, email: address, email_verified: true, phone_verified: false })}, 'email', ${now}, ${now}, ${now})`;
      return createSession(tx as unknown as Tx, user, 'password', c);
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw new AuthError(422, 'user_already_exists', 'User already registered');
      throw error;
    });
    return c.json(session);
  });

  app.post('/token', async (c) => {
    const grantType = c.req.query('grant_type');
    const body = await readJson(c);
    if (grantType === 'password') {
      const email = optionalString(body, 'email');
      const password = optionalString(body, 'password') ?? '';
      if (!email) throw new AuthError(400, 'validation_failed', 'missing email or phone');
      const address = email.trim().toLowerCase();
      const [user] = await sql<UserRow[]>`select * from auth.users where email = ${address} and is_sso_user = false and deleted_at is null`;
      const ok = user?.encrypted_password ? await bcrypt.compare(password, user.encrypted_password) : false;
      if (!user || !ok) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
      if (user.banned_until && user.banned_until > new Date()) throw new AuthError(400, 'user_banned', 'User is banned');
      if (!user.email_confirmed_at) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');
      return c.json(await sql.begin((tx) => createSession(tx as unknown as Tx, user, 'password', c)));
    }
    if (grantType === 'refresh_token') {
      const refreshToken = optionalString(body, 'refresh_token');
      if (!refreshToken) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      const result = await sql.begin((tx) => refresh(tx as unknown as Tx, refreshToken));
      // A reuse is refused only after the family's revocation has committed.
      if (result instanceof AuthError) throw result;
      return c.json(result);
    }
    throw new AuthError(400, 'invalid_credentials', 'unsupported_grant_type');
  });

  async function refresh(tx: Tx, presented: string) {
    const [token] = await tx<{ id: string; token: string; revoked: boolean; session_id: string | null; user_id: string; updated_at: Date }[]>`
      select id, token, revoked, session_id, user_id, updated_at from auth.refresh_tokens where token = ${presented} for update`;
    if (!token) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const [session] = token.session_id ? await tx`select id from auth.sessions where id = ${token.session_id} for update` : [];
    if (!session) throw new AuthError(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    const loaded = await loadUser(tx, token.user_id);
    if (!loaded) throw new AuthError(400, 'user_not_found', 'Invalid Refresh Token: User Not Found');
    const amr = await amrOf(tx, token.session_id!);
    if (token.revoked) {
      const [active] = await tx<{ token: string }[]>`
        select token from auth.refresh_tokens where session_id = ${token.session_id} and revoked = false order by id desc limit 1`;
      const withinInterval = Date.now() - new Date(token.updated_at).getTime() < reuseIntervalMs;
      if (active && withinInterval) {
        // A client that retried (or two tabs refreshing at once) gets the session's current token, as GoTrue does.
        return issueSession(tx, loaded.user, token.session_id!, active.token, amr);
      }
      // Reuse outside the interval means the token leaked: revoke the whole family (the session).
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${token.session_id} and revoked = false`;
      await tx`delete from auth.sessions where id = ${token.session_id}`;
      return new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    }
    const now = new Date();
    const next = newRefreshToken();
    await tx`update auth.refresh_tokens set revoked = true, updated_at = ${now} where id = ${token.id}`;
    await tx`
      insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
      values (${next}, ${token.user_id}, false, ${now}, ${now}, ${token.token}, ${token.session_id})`;
    await tx`update auth.sessions set refreshed_at = ${now}, updated_at = ${now} where id = ${token.session_id}`;
    return issueSession(tx, loaded.user, token.session_id!, next, amr);
  }

  app.get('/user', async (c) => {
    const { user, identities } = await requireUser(sql, c);
    return c.json(userJson(user, identities));
  });

  app.put('/user', async (c) => {
    const current = await requireUser(sql, c);
    const body = await readJson(c);
    const email = optionalString(body, 'email');
    const password = optionalString(body, 'password');
    if (optionalString(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');
    if (body.app_metadata !== undefined) throw new AuthError(403, 'not_admin', 'User not allowed');
    const dataParse = metadataSchema.optional().nullable().safeParse(body.data);
    if (!dataParse.success) throw new AuthError(400, 'validation_failed', 'data must be a JSON object');
    const address = email ? parseEmail(email) : undefined;
    if (password !== undefined) checkPassword(password, minimumPasswordLength);
    if (current.user.is_anonymous && password && !address && !current.user.email) {
      throw new AuthError(422, 'email_address_not_provided', 'Updating password of an anonymous user requires an email address');
    }
    if (password && current.user.encrypted_password && (await bcrypt.compare(password, current.user.encrypted_password))) {
      throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
    }
    const hash = password ? await bcrypt.hash(password, 10) : undefined;
    const updated = await sql.begin(async (tx) => {
      const now = new Date();
      const id = current.user.id;
      if (address && address !== current.user.email) {
        const [taken] = await tx`select 1 from auth.users where email = ${address} and id <> ${id}`;
        if (taken) throw new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
        // Local stand-in: email changes are confirmed at once (mailer_autoconfirm), which also ends anonymity.
        const appMeta = { ...(current.user.raw_app_meta_data ?? {}), provider: 'email', providers: ['email'] };
        await tx`
          update auth.users set email = ${address}, email_confirmed_at = ${now}, is_anonymous = false,
            raw_app_meta_data = ${tx.json(appMeta as never)}, updated_at = ${now}
          where id = ${id}`;
        await tx`delete from auth.identities where user_id = ${id} and provider = 'email'`;
        await tx`
          insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
          values (${id}, ${id}, ${tx.json({ sub: id, email: address, email_verified: true, phone_verified: false })}, 'email', ${now}, ${now}, ${now})`;
      }
      if (hash) await tx`update auth.users set encrypted_password = ${hash}, updated_at = ${now} where id = ${id}`;
      if (dataParse.data) {
        const merged: Record<string, unknown> = { ...(current.user.raw_user_meta_data ?? {}) };
        for (const [key, value] of Object.entries(dataParse.data)) {
          if (value === null) delete merged[key];
          else merged[key] = value;
        }
        await tx`update auth.users set raw_user_meta_data = ${tx.json(merged as never)}, updated_at = ${now} where id = ${id}`;
      }
      return loadUser(tx as unknown as Tx, id);
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
      throw error;
    });
    return c.json(userJson(updated!.user, updated!.identities));
  });

  app.post('/logout', async (c) => {
    const scope = c.req.query('scope') ?? 'global';
    if (!['global', 'local', 'others'].includes(scope)) {
      throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scope}"`);
    }
    const { user, sessionId } = await requireUser(sql, c);
    if (scope === 'global') await sql`delete from auth.sessions where user_id = ${user.id}`;
    else if (scope === 'local' && sessionId) await sql`delete from auth.sessions where id = ${sessionId}`;
    else if (scope === 'others' && sessionId) await sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId}`;
    return c.body(null, 204);
  });

  return app;
}
