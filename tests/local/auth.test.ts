// /auth/v1 answers supabase-js and @supabase/ssr exactly as Supabase Auth does.
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { anonKey, dbUrl, jwtSecret, publishableKey } from '../support/stack.ts';

const gateway = gatewayForSuite();
// A second gateway whose clock the tests move, so the 10 s reuse interval is crossed without sleeping.
const clock = { offsetMs: 0 };
const timedGateway = gatewayForSuite({ auth: { now: () => new Date(Date.now() + clock.offsetMs) } });
afterEach(() => {
  clock.offsetMs = 0;
});
const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

const client = (url = gateway.url): SupabaseClient =>
  createClient(url, publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
const freshEmail = () => `maker-${crypto.randomUUID()}@example.com`;

async function signUp(password = 'correct-horse-9') {
  const email = freshEmail();
  const supabase = client();
  const { data, error } = await supabase.auth.signUp({ email, password, options: { data: { name: 'Ada' } } });
  expect(error).toBeNull();
  return { supabase, email, password, session: data.session!, user: data.user! };
}

describe('sign-up and sign-in', () => {
  it('signs up with email and password and is confirmed at once', async () => {
    const { session, user, email } = await signUp();
    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(3600);
    expect(user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      is_anonymous: false,
      user_metadata: { name: 'Ada' },
    });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toEqual({ name: 'Ada', email_verified: true });
    expect(user.identities).toHaveLength(1);
    expect(user.identities?.[0]).toMatchObject({
      provider: 'email',
      id: user.id,
      user_id: user.id,
      email,
      identity_data: { email, sub: user.id, email_verified: false, phone_verified: false, name: 'Ada' },
    });
    const [identity] = await sql`select provider_id, provider from auth.identities where user_id = ${user.id}`;
    expect(identity).toEqual({ provider_id: user.id, provider: 'email' });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { name: 'Ada' },
    });
    expect((claims.amr as Array<{ method: string }>)[0].method).toBe('password');
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.iss).toBe(`http://127.0.0.1:${process.env.SUPABASE_LOCAL_API_PORT ?? 54321}/auth/v1`);
  });

  it('refuses a second sign-up with the same email', async () => {
    const { email } = await signUp();
    const { data, error } = await client().auth.signUp({ email, password: 'another-pass-1' });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
  });

  it('refuses a weak password with the reasons', async () => {
    const { error } = await client().auth.signUp({ email: freshEmail(), password: '123' });
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    expect(error?.name).toBe('AuthWeakPasswordError');
  });

  it('signs in with the right password and refuses a wrong one', async () => {
    const { email, password, user } = await signUp();
    const ok = await client().auth.signInWithPassword({ email: email.toUpperCase(), password });
    expect(ok.error).toBeNull();
    expect(ok.data.user?.id).toBe(user.id);
    const bad = await client().auth.signInWithPassword({ email, password: 'wrong-password' });
    expect(bad.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('signs in anonymously', async () => {
    const { data, error } = await client().auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      is_anonymous: true,
      role: 'authenticated',
      email: '',
      phone: '',
      app_metadata: {},
      user_metadata: { theme: 'dark' },
      identities: [],
    });
    expect(data.user?.last_sign_in_at).toBeTruthy();
    const claims = decodeJwt(data.session!.access_token);
    expect(claims.is_anonymous).toBe(true);
    expect((claims.amr as Array<{ method: string }>)[0].method).toBe('anonymous');
  });

  it('puts exactly the claims Supabase Auth issues in the access token', async () => {
    const { data } = await client().auth.signInAnonymously();
    const claims = decodeJwt(data.session!.access_token);
    expect(Object.keys(claims).sort()).toEqual([
      'aal',
      'amr',
      'app_metadata',
      'aud',
      'email',
      'exp',
      'iat',
      'is_anonymous',
      'iss',
      'phone',
      'role',
      'session_id',
      'sub',
      'user_metadata',
    ]);
    expect(claims).toMatchObject({
      aud: 'authenticated',
      email: '',
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: true,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(data.session!.expires_at).toBe(claims.exp);
    const [session] = await sql`select user_id from auth.sessions where id = ${claims.session_id as string}`;
    expect(session.user_id).toBe(claims.sub);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with bad_json in both error shapes', async () => {
    const headers = { apikey: publishableKey, 'content-type': 'application/json' };
    const modern = await fetch(`${gateway.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { ...headers, 'x-supabase-api-version': '2024-01-01' },
      body: '{nope',
    });
    expect(modern.status).toBe(400);
    expect(modern.headers.get('x-sb-error-code')).toBe('bad_json');
    expect(modern.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await modern.json()).toMatchObject({ code: 'bad_json' });
    const legacy = await fetch(`${gateway.url}/auth/v1/signup`, { method: 'POST', headers, body: '{nope' });
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toMatchObject({ code: 400, error_code: 'bad_json' });
  });

  it('answers an empty body and a field of the wrong type with bad_json, never a 500', async () => {
    const post = (body: string) =>
      fetch(`${gateway.url}/auth/v1/signup`, {
        method: 'POST',
        headers: { apikey: publishableKey, 'x-supabase-api-version': '2024-01-01' },
        body,
      });
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      code: 'bad_json',
      message: 'Could not parse request body as JSON: unexpected end of JSON input',
    });
    const wrongType = await post(JSON.stringify({ email: 42, password: 'correct-horse-9' }));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).code).toBe('bad_json');
    const array = await post('[]');
    expect(array.status).toBe(400);
  });

  it('asks for a password on email sign-up and refuses malformed emails and over-long passwords', async () => {
    const { error } = await client().auth.signUp({ email: freshEmail(), password: '' });
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Signup requires a valid password',
    });
    const badEmail = await client().auth.signUp({ email: 'not-an-email', password: 'correct-horse-9' });
    expect(badEmail.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    });
    const long = await client().auth.signUp({ email: freshEmail(), password: 'x'.repeat(73) });
    expect(long.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Password cannot be longer than 72 characters',
    });
  });

  it('sends the legacy error shape, with x-sb-error-code, when no API version is requested', async () => {
    const res = await fetch(`${gateway.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: publishableKey },
      body: JSON.stringify({ email: freshEmail(), password: '123' }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('x-sb-error-code')).toBe('weak_password');
    expect(res.headers.get('x-supabase-api-version')).toBeNull();
    expect(await res.json()).toEqual({
      code: 422,
      error_code: 'weak_password',
      msg: 'Password should be at least 6 characters.',
      weak_password: { reasons: ['length'] },
    });
  });

  it('refuses requests without a project API key the way the API gateway does', async () => {
    const none = await fetch(`${gateway.url}/auth/v1/signup`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    });
    const bearerOnly = await fetch(`${gateway.url}/auth/v1/settings`, {
      headers: { authorization: `Bearer ${anonKey}` },
    });
    expect(bearerOnly.status).toBe(401);
    const bogus = await fetch(`${gateway.url}/auth/v1/settings`, { headers: { apikey: 'sb_publishable_not-the-key' } });
    expect(bogus.status).toBe(401);
    expect((await bogus.json()).message).toBe('Invalid API key');
    for (const key of [publishableKey, anonKey]) {
      expect((await fetch(`${gateway.url}/auth/v1/settings`, { headers: { apikey: key } })).status).toBe(200);
    }
    expect((await fetch(`${gateway.url}/auth/v1/health?apikey=${publishableKey}`)).status).toBe(200);
  });

  it('answers an unknown grant type and an unknown logout scope with 400', async () => {
    const res = await fetch(`${gateway.url}/auth/v1/token?grant_type=magic`, {
      method: 'POST',
      headers: { apikey: publishableKey, 'x-supabase-api-version': '2024-01-01' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
    const { session } = await signUp();
    const out = await fetch(`${gateway.url}/auth/v1/logout?scope=everywhere`, {
      method: 'POST',
      headers: {
        apikey: publishableKey,
        authorization: `Bearer ${session.access_token}`,
        'x-supabase-api-version': '2024-01-01',
      },
    });
    expect(out.status).toBe(400);
    expect((await out.json()).code).toBe('validation_failed');
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token and hands out the current one to a retry within the reuse interval', async () => {
    const { supabase, session } = await signUp();
    const first = await supabase.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(first.error).toBeNull();
    expect(first.data.session!.refresh_token).not.toBe(session.refresh_token);
    const [old] = await sql`select revoked from auth.refresh_tokens where token = ${session.refresh_token}`;
    expect(old.revoked).toBe(true);
    const [child] =
      await sql`select parent from auth.refresh_tokens where token = ${first.data.session!.refresh_token}`;
    expect(child.parent).toBe(session.refresh_token);
    const retry = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(retry.error).toBeNull();
    expect(retry.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it('still hands the current token to a client that lost the answer, even after the interval', async () => {
    const supabase = client(timedGateway.url);
    const { data } = await supabase.auth.signUp({ email: freshEmail(), password: 'correct-horse-9' });
    const rotated = await supabase.auth.refreshSession({ refresh_token: data.session!.refresh_token });
    clock.offsetMs = 60_000;
    const retry = await client(timedGateway.url).auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(retry.error).toBeNull();
    expect(retry.data.session!.refresh_token).toBe(rotated.data.session!.refresh_token);
  });

  it('accepts an older token within the reuse interval by rotating it again', async () => {
    const supabase = client(timedGateway.url);
    const { data } = await supabase.auth.signUp({ email: freshEmail(), password: 'correct-horse-9' });
    const first = await supabase.auth.refreshSession({ refresh_token: data.session!.refresh_token });
    const second = await supabase.auth.refreshSession({ refresh_token: first.data.session!.refresh_token });
    clock.offsetMs = 5_000;
    const late = await client(timedGateway.url).auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(late.error).toBeNull();
    const issued = late.data.session!.refresh_token;
    expect([
      data.session!.refresh_token,
      first.data.session!.refresh_token,
      second.data.session!.refresh_token,
    ]).not.toContain(issued);
    const [row] = await sql`select parent, revoked from auth.refresh_tokens where token = ${issued}`;
    expect(row).toEqual({ parent: data.session!.refresh_token, revoked: false });
  });

  it('revokes every token of the session when an older token comes back after the interval', async () => {
    const supabase = client(timedGateway.url);
    const { data } = await supabase.auth.signUp({ email: freshEmail(), password: 'correct-horse-9' });
    const first = await supabase.auth.refreshSession({ refresh_token: data.session!.refresh_token });
    await supabase.auth.refreshSession({ refresh_token: first.data.session!.refresh_token });
    clock.offsetMs = 11_000;
    const reuse = await client(timedGateway.url).auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(reuse.error).toMatchObject({
      status: 400,
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });
    const sessionId = decodeJwt(data.session!.access_token).session_id as string;
    const tokens = await sql`select revoked from auth.refresh_tokens where session_id = ${sessionId}`;
    expect(tokens.length).toBe(3);
    expect(tokens.every((t) => t.revoked)).toBe(true);
  });

  it('answers an unknown refresh token with refresh_token_not_found and a malformed one with validation_failed', async () => {
    const unknown = await client().auth.refreshSession({ refresh_token: 'abcdefgh2345' });
    expect(unknown.error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    const malformed = await client().auth.refreshSession({ refresh_token: 'not-a-token' });
    expect(malformed.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Refresh token is not valid',
    });
  });

  it('refreshes into a new access token for the same session and user', async () => {
    const { supabase, session, user } = await signUp();
    const { data } = await supabase.auth.refreshSession({ refresh_token: session.refresh_token });
    const before = decodeJwt(session.access_token);
    const after = decodeJwt(data.session!.access_token);
    expect(after).toMatchObject({ sub: user.id, session_id: before.session_id, amr: before.amr });
    expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
  });
});

describe('the user', () => {
  it('returns the user for a valid token and refuses missing, forged and expired ones', async () => {
    const { session, user } = await signUp();
    const ok = await client().auth.getUser(session.access_token);
    expect(ok.data.user?.id).toBe(user.id);
    const none = await fetch(`${gateway.url}/auth/v1/user`, {
      headers: { apikey: publishableKey, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(none.status).toBe(401);
    expect((await none.json()).code).toBe('no_authorization');
    const expired = await new SignJWT({ role: 'authenticated', session_id: decodeJwt(session.access_token).session_id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_000_100)
      .sign(new TextEncoder().encode(jwtSecret));
    const stale = await client().auth.getUser(expired);
    expect(stale.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    const forged = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-that-is-32-chars-long!!'));
    expect((await client().auth.getUser(forged)).error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('trusts getClaims() through /user for HS256 tokens', async () => {
    const { supabase, user } = await signUp();
    const { data, error } = await supabase.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.claims.sub).toBe(user.id);
    expect(data?.claims.role).toBe('authenticated');
  });

  it('upgrades an anonymous user to email and password, keeping the same id', async () => {
    const supabase = client();
    const anon = await supabase.auth.signInAnonymously();
    const id = anon.data.user!.id;
    const email = freshEmail();
    const upgraded = await supabase.auth.updateUser({ email, password: 'upgraded-pass-1' });
    expect(upgraded.error).toBeNull();
    expect(upgraded.data.user).toMatchObject({ id, email, is_anonymous: false });
    expect(upgraded.data.user?.email_confirmed_at).toBeTruthy();
    expect(upgraded.data.user?.identities).toMatchObject([
      { provider: 'email', id, identity_data: { email, email_verified: true, sub: id } },
    ]);
    const again = await client().auth.signInWithPassword({ email, password: 'upgraded-pass-1' });
    expect(again.data.user?.id).toBe(id);
    expect(decodeJwt(again.data.session!.access_token).is_anonymous).toBe(false);
  });

  it('refuses a password for an anonymous user who gives no email', async () => {
    const supabase = client();
    await supabase.auth.signInAnonymously();
    const { error } = await supabase.auth.updateUser({ password: 'lonely-pass-1' });
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
  });

  it("keeps a permanent user's new email pending until it is confirmed", async () => {
    const { supabase, email } = await signUp();
    const next = freshEmail();
    const { data, error } = await supabase.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, new_email: next });
    expect(data.user?.email_change_sent_at).toBeTruthy();
  });

  it('refuses to change app_metadata', async () => {
    const { session } = await signUp();
    const res = await fetch(`${gateway.url}/auth/v1/user`, {
      method: 'PUT',
      headers: {
        apikey: publishableKey,
        authorization: `Bearer ${session.access_token}`,
        'x-supabase-api-version': '2024-01-01',
      },
      body: JSON.stringify({ app_metadata: { role: 'admin' } }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('not_admin');
  });

  it('merges user metadata, deletes keys set to null, and refuses taken emails and the same password', async () => {
    const { supabase, password } = await signUp();
    const merged = await supabase.auth.updateUser({ data: { board: 'esp32', name: null } });
    expect(merged.data.user?.user_metadata).toEqual({ board: 'esp32', email_verified: true });
    const other = await signUp();
    const taken = await supabase.auth.updateUser({ email: other.email });
    expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
    const same = await supabase.auth.updateUser({ password });
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' });
  });
});

describe('sign-out', () => {
  it('keeps the current session with scope=others and ends every session with scope=global', async () => {
    const { email, password } = await signUp();
    const tabA = client();
    const tabB = client();
    const a = await tabA.auth.signInWithPassword({ email, password });
    const b = await tabB.auth.signInWithPassword({ email, password });
    expect((await tabA.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await client().auth.getUser(a.data.session!.access_token)).error).toBeNull();
    expect((await client().auth.getUser(b.data.session!.access_token)).error?.name).toBe('AuthSessionMissingError');
    const c = await client().auth.signInWithPassword({ email, password });
    expect((await tabA.auth.signOut()).error).toBeNull();
    expect((await client().auth.refreshSession({ refresh_token: c.data.session!.refresh_token })).error?.status).toBe(
      400,
    );
  });

  it('ends only the current session with scope=local', async () => {
    const { email, password } = await signUp();
    const tabA = client();
    const a = await tabA.auth.signInWithPassword({ email, password });
    const b = await client().auth.signInWithPassword({ email, password });
    const res = await fetch(`${gateway.url}/auth/v1/logout?scope=local`, {
      method: 'POST',
      headers: { apikey: publishableKey, authorization: `Bearer ${a.data.session!.access_token}` },
    });
    expect(res.status).toBe(204);
    expect((await client().auth.getUser(a.data.session!.access_token)).error).toMatchObject({
      name: 'AuthSessionMissingError',
    });
    expect((await client().auth.getUser(b.data.session!.access_token)).error).toBeNull();
    const stale = await fetch(`${gateway.url}/auth/v1/user`, {
      headers: {
        apikey: publishableKey,
        authorization: `Bearer ${a.data.session!.access_token}`,
        'x-supabase-api-version': '2024-01-01',
      },
    });
    expect(stale.status).toBe(403);
    expect(await stale.json()).toEqual({
      code: 'session_not_found',
      message: 'Session from session_id claim in JWT does not exist',
    });
  });

  it('checks the bearer before the scope', async () => {
    const res = await fetch(`${gateway.url}/auth/v1/logout?scope=everywhere`, {
      method: 'POST',
      headers: { apikey: publishableKey },
    });
    expect(res.status).toBe(401);
  });
});

describe('the JWKS and settings routes', () => {
  it('lists no symmetric keys and advertises anonymous sign-ins', async () => {
    const jwks = await fetch(`${gateway.url}/auth/v1/.well-known/jwks.json`);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=600');
    expect(await jwks.json()).toEqual({ keys: [] });
    const settings = await (
      await fetch(`${gateway.url}/auth/v1/settings`, { headers: { apikey: publishableKey } })
    ).json();
    expect(settings).toMatchObject({ mailer_autoconfirm: true, external: { anonymous_users: true, email: true } });
  });
});

describe('@supabase/ssr', () => {
  it('stores the session in base64 cookies a server client can read back', async () => {
    const jar = new Map<string, string>();
    const cookies = {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (list: Array<{ name: string; value: string }>) => {
        for (const { name, value } of list) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    };
    const server = createServerClient(gateway.url, publishableKey, { cookies });
    const { data } = await server.auth.signInAnonymously();
    const names = [...jar.keys()];
    expect(names.some((n) => n === 'sb-127-auth-token' || n.startsWith('sb-127-auth-token.'))).toBe(true);
    const value = jar.get('sb-127-auth-token') ?? jar.get('sb-127-auth-token.0')!;
    expect(value.startsWith('base64-')).toBe(true);
    const reader = createServerClient(gateway.url, publishableKey, { cookies });
    const claims = await reader.auth.getClaims();
    expect(claims.data?.claims.sub).toBe(data.user!.id);
  });
});

describe('claims in the database', () => {
  it('reach auth.uid(), auth.role() and auth.jwt() when set on a transaction the way PostgREST sets them', async () => {
    const { session, user } = await signUp();
    const claims = decodeJwt(session.access_token);
    const [row] = await sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      await tx`set local role authenticated`;
      return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email,
        auth.jwt() ->> 'session_id' as session_id, (auth.jwt() ->> 'is_anonymous')::boolean as is_anonymous, current_user as db_role`;
    });
    expect(row).toEqual({
      uid: user.id,
      role: 'authenticated',
      email: user.email,
      session_id: claims.session_id,
      is_anonymous: false,
      db_role: 'authenticated',
    });
  });
});
