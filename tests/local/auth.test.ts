// /auth/v1 answers supabase-js and @supabase/ssr exactly as Supabase Auth does.
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { dbUrl, jwtSecret, publishableKey } from '../support/stack.ts';

const gateway = gatewayForSuite();
const strictGateway = gatewayForSuite({ auth: { refreshTokenReuseIntervalSeconds: 0 } });
const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

const client = (url = gateway.url): SupabaseClient =>
  createClient(url, publishableKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
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
    expect(user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated', is_anonymous: false, user_metadata: { name: 'Ada' } });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.identities?.[0]).toMatchObject({ provider: 'email', user_id: user.id, identity_data: { email, sub: user.id } });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      sub: user.id, aud: 'authenticated', role: 'authenticated', email, phone: '', aal: 'aal1', is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: { name: 'Ada' },
    });
    expect((claims.amr as Array<{ method: string }>)[0].method).toBe('password');
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.iss).toBe(`http://127.0.0.1:54321/auth/v1`);
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
    expect(data.user).toMatchObject({ is_anonymous: true, role: 'authenticated', email: '', user_metadata: { theme: 'dark' } });
    const claims = decodeJwt(data.session!.access_token);
    expect(claims.is_anonymous).toBe(true);
    expect((claims.amr as Array<{ method: string }>)[0].method).toBe('anonymous');
  });
});

describe('bad input', () => {
  it('answers malformed JSON with bad_json in both error shapes', async () => {
    const headers = { apikey: publishableKey, 'content-type': 'application/json' };
    const modern = await fetch(`${gateway.url}/auth/v1/signup`, { method: 'POST', headers: { ...headers, 'x-supabase-api-version': '2024-01-01' }, body: '{nope' });
    expect(modern.status).toBe(400);
    expect(modern.headers.get('x-sb-error-code')).toBe('bad_json');
    expect(modern.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await modern.json()).toMatchObject({ code: 'bad_json' });
    const legacy = await fetch(`${gateway.url}/auth/v1/signup`, { method: 'POST', headers, body: '{nope' });
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toMatchObject({ code: 400, error_code: 'bad_json' });
  });

  it('asks for a password on email sign-up and for an API key on every call', async () => {
    const { error } = await client().auth.signUp({ email: freshEmail(), password: '' });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Signup requires a valid password' });
    const res = await fetch(`${gateway.url}/auth/v1/signup`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const bogus = await fetch(`${gateway.url}/auth/v1/settings`, { headers: { apikey: 'sb_publishable_not-the-key' } });
    expect(bogus.status).toBe(401);
  });

  it('answers an unknown grant type and an unknown logout scope with 400', async () => {
    const res = await fetch(`${gateway.url}/auth/v1/token?grant_type=magic`, { method: 'POST', headers: { apikey: publishableKey, 'x-supabase-api-version': '2024-01-01' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
    const { session } = await signUp();
    const out = await fetch(`${gateway.url}/auth/v1/logout?scope=everywhere`, { method: 'POST', headers: { apikey: publishableKey, authorization: `Bearer ${session.access_token}`, 'x-supabase-api-version': '2024-01-01' } });
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
    const [child] = await sql`select parent from auth.refresh_tokens where token = ${first.data.session!.refresh_token}`;
    expect(child.parent).toBe(session.refresh_token);
    const retry = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(retry.error).toBeNull();
    expect(retry.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it('revokes the whole session when a used refresh token comes back after the interval', async () => {
    const supabase = client(strictGateway.url);
    const { data } = await supabase.auth.signUp({ email: freshEmail(), password: 'correct-horse-9' });
    const original = data.session!.refresh_token;
    const rotated = await supabase.auth.refreshSession({ refresh_token: original });
    expect(rotated.error).toBeNull();
    const reuse = await client(strictGateway.url).auth.refreshSession({ refresh_token: original });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
    const after = await client(strictGateway.url).auth.refreshSession({ refresh_token: rotated.data.session!.refresh_token });
    expect(after.error?.status).toBe(400);
    const user = await client(strictGateway.url).auth.getUser(rotated.data.session!.access_token);
    // supabase-js turns 403 session_not_found into AuthSessionMissingError.
    expect(user.error?.name).toBe('AuthSessionMissingError');
  });

  it('answers an unknown refresh token with refresh_token_not_found', async () => {
    const { error } = await client().auth.refreshSession({ refresh_token: 'not-a-token' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('the user', () => {
  it('returns the user for a valid token and refuses missing, forged and expired ones', async () => {
    const { session, user } = await signUp();
    const ok = await client().auth.getUser(session.access_token);
    expect(ok.data.user?.id).toBe(user.id);
    const none = await fetch(`${gateway.url}/auth/v1/user`, { headers: { apikey: publishableKey, 'x-supabase-api-version': '2024-01-01' } });
    expect(none.status).toBe(401);
    expect((await none.json()).code).toBe('no_authorization');
    const expired = await new SignJWT({ role: 'authenticated', session_id: decodeJwt(session.access_token).session_id })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_100)
      .sign(new TextEncoder().encode(jwtSecret));
    const stale = await client().auth.getUser(expired);
    expect(stale.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    const forged = await new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setExpirationTime('1h')
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
    const again = await client().auth.signInWithPassword({ email, password: 'upgraded-pass-1' });
    expect(again.data.user?.id).toBe(id);
    expect(decodeJwt(again.data.session!.access_token).is_anonymous).toBe(false);
  });

  it('merges user metadata, deletes keys set to null, and refuses taken emails and the same password', async () => {
    const { supabase, password } = await signUp();
    const merged = await supabase.auth.updateUser({ data: { board: 'esp32', name: null } });
    expect(merged.data.user?.user_metadata).toEqual({ board: 'esp32' });
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
    expect((await client().auth.refreshSession({ refresh_token: c.data.session!.refresh_token })).error?.status).toBe(400);
  });
});

describe('the JWKS and settings routes', () => {
  it('lists no symmetric keys and advertises anonymous sign-ins', async () => {
    const jwks = await fetch(`${gateway.url}/auth/v1/.well-known/jwks.json`);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=600');
    expect(await jwks.json()).toEqual({ keys: [] });
    const settings = await (await fetch(`${gateway.url}/auth/v1/settings`, { headers: { apikey: publishableKey } })).json();
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
    expect(row).toEqual({ uid: user.id, role: 'authenticated', email: user.email, session_id: claims.session_id, is_anonymous: false, db_role: 'authenticated' });
  });
});
