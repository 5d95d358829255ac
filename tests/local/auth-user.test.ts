// /auth/v1's user as Supabase Auth serves it: tokens checked, anonymous upgrades, metadata, and its claims in the
// database.
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwtSecret, publishableKey } from '../support/stack.ts';
import { authSuite } from './auth-suite.ts';

const { gateway, sql, client, freshEmail, signUp } = authSuite();

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
