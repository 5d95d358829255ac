// /auth/v1 sessions as Supabase Auth keeps them: refresh-token rotation and reuse, sign-out scopes, and the
// @supabase/ssr cookies.
import { createServerClient } from '@supabase/ssr';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { publishableKey } from '../support/stack.ts';
import { authSuite, movableClockGateway } from './auth-suite.ts';

const { gateway, sql, client, freshEmail, signUp } = authSuite();
const { gateway: timedGateway, clock } = movableClockGateway();

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
