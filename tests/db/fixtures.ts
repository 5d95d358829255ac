// Database test fixtures: users made directly in auth.users (tests/support/users.ts), and transactions run the way
// PostgREST runs a request — logged in as `authenticator`, with the gateway's own scope statement (role and claims
// set locally, supabase/local/core/scope.ts) — always rolled back unless the test commits on purpose.
import postgres from 'postgres';
import { enterScope } from '../../supabase/local/core/scope.ts';
import type { Claims } from '../../supabase/local/core/request-role.ts';
import { adminDbUrl } from '../support/stack.ts';
import { createUser as createTestUser, type TestUser } from '../support/users.ts';

const authenticatorUrl = adminDbUrl.replace('supabase_admin:', 'authenticator:');

export const admin = postgres(adminDbUrl, { max: 4, onnotice: () => {} });
export const api = postgres(authenticatorUrl, { max: 20, onnotice: () => {} });

export type { TestUser };

/** A user in auth.users (see tests/support/users.ts), made with this file's superuser pool. */
export const createUser = (options: { anonymous?: boolean; name?: string } = {}) => createTestUser(admin, options);

/** A user (or anything with a user's claims), or a key's role. */
export type Who = { claims: Claims } | 'anon' | 'service_role';

function claimsOf(who: Who): Claims {
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
      await enterScope(tx, { role: claims.role, claims });
      result = await fn(tx);
      if (!options.commit) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!;
}

/** A committed chat of `user`, titled as a new one is. */
export async function newChat(user: Who): Promise<string> {
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, {
    commit: true,
  });
  return chat.id as string;
}

/**
 * A committed chat of `user` holding a long history: `count` of their messages written in one bulk insert with row
 * triggers off (as a backfill writes them), numbered 1 to `count`, `spacing` apart and the newest an hour ago.
 * `content` is the SQL for the text of message `g` (a column of the insert's `generate_series`).
 */
export async function chatWithHistory(
  user: TestUser,
  title: string,
  count: number,
  spacing: '1 second' | '1 minute',
  content: (sql: postgres.TransactionSql) => postgres.PendingQuery<postgres.Row[]>,
): Promise<string> {
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values (${title}) returning id`, {
    commit: true,
  });
  await admin.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`
      insert into public.messages (chat_id, user_id, sequence_number, role, content, created_at)
      select ${chat.id}::uuid, ${user.id}::uuid, g, 'user'::public.message_role, ${content(sql)},
             now() - interval '1 hour' - (${count} - g) * ${spacing}::interval
        from generate_series(1, ${count}) g`;
    await sql`update public.chats set message_count = ${count}, last_sequence_number = ${count} where id = ${chat.id}`;
  });
  return chat.id as string;
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
