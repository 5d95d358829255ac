// /auth/v1 answers supabase-js exactly as Supabase Auth does: sign-up and sign-in, bad input, the JWKS and settings.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { anonKey, publishableKey } from '../support/stack.ts';
import { authSuite } from './auth-suite.ts';

const { gateway, sql, client, freshEmail, signUp } = authSuite();

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
