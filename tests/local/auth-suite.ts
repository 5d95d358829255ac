// What the /auth/v1 conformance files share: an in-process gateway, a database connection, a fresh supabase-js
// client and an email sign-up; and for the refresh tests a second gateway whose clock the tests move, so the 10 s
// reuse interval is crossed without sleeping.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, afterEach, expect } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { dbUrl, publishableKey } from '../support/stack.ts';

export function authSuite() {
  const gateway = gatewayForSuite();
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

  return { gateway, sql, client, freshEmail, signUp };
}

/** A gateway whose Auth clock runs `clock.offsetMs` ahead; the offset is reset after every test. */
export function movableClockGateway() {
  const clock = { offsetMs: 0 };
  const gateway = gatewayForSuite({ auth: { now: () => new Date(Date.now() + clock.offsetMs) } });
  afterEach(() => {
    clock.offsetMs = 0;
  });
  return { gateway, clock };
}
