// POST /logout?scope=global|local|others: ends sessions (their refresh tokens go with them by cascade) and answers 204.
import type { Context } from 'hono';
import type { AuthDeps } from './deps.ts';
import { badRequest } from './errors.ts';
import { requireUser } from './request.ts';

export async function logout(deps: AuthDeps, c: Context) {
  // As in GoTrue, the bearer is checked (middleware) before the scope.
  const { user, sessionId } = await requireUser(deps.sql, c, deps.now());
  const scope = c.req.query('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope))
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  // A token without a session_id can only be signed out everywhere.
  if (sessionId && scope === 'local') await deps.sql`delete from auth.sessions where id = ${sessionId}`;
  else if (sessionId && scope === 'others')
    await deps.sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId}`;
  else await deps.sql`delete from auth.sessions where user_id = ${user.id}`;
  return c.body(null, 204);
}
