// Database test fixtures: named users made directly in auth.users, and transactions run the way PostgREST runs a
// request — logged in as `authenticator`, `set local role`, claims in request.jwt.claims — always rolled back
// unless the test commits on purpose.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { adminDbUrl } from '../support/stack.ts';

const authenticatorUrl = adminDbUrl.replace('supabase_admin:', 'authenticator:');

export const admin = postgres(adminDbUrl, { max: 4, onnotice: () => {} });
export const api = postgres(authenticatorUrl, { max: 20, onnotice: () => {} });

export type TestUser = { id: string; email: string | null; isAnonymous: boolean; claims: Record<string, unknown> };

export async function createUser(options: { anonymous?: boolean; name?: string } = {}): Promise<TestUser> {
  const id = randomUUID();
  const email = options.anonymous ? null : `user-${id.slice(0, 8)}@example.com`;
  await admin`
    insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
    values (${id}, 'authenticated', 'authenticated', ${email}, ${email ? new Date() : null},
      ${admin.json(email ? { provider: 'email', providers: ['email'] } : {})}, ${admin.json(options.name ? { name: options.name } : {})},
      now(), now(), ${!!options.anonymous})`;
  const claims = {
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    email: email ?? '',
    is_anonymous: !!options.anonymous,
    session_id: randomUUID(),
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  return { id, email, isAnonymous: !!options.anonymous, claims };
}

export type Who = TestUser | 'anon' | 'service_role';

function claimsOf(who: Who) {
  if (who === 'anon') return { role: 'anon' };
  if (who === 'service_role') return { role: 'service_role' };
  return who.claims;
}

/** Runs `fn` as `who` in one transaction, like one PostgREST request. Commits only with `commit: true`. */
export async function as<T>(
  who: Who,
  fn: (sql: postgres.TransactionSql) => Promise<T>,
  options: { commit?: boolean } = {},
): Promise<T> {
  const claims = claimsOf(who);
  let result: T;
  const rollback = new Error('rollback');
  try {
    await api.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${claims.role as string}, true)`;
      result = await fn(tx);
      if (!options.commit) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!;
}

/** The SQLSTATE of what `fn` throws, or null when it does not throw. */
export async function sqlstateOf(fn: () => Promise<unknown>): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}
