// The one statement that makes a transaction act as a request's role with its claims, as PostgREST sets a request up
// (Storage and Realtime's authorisation do the same): `role`, `request.jwt.claims` and the legacy
// `request.jwt.claim.sub|role|email`, and when a service passes them, PostgREST's
// `request.method|path|headers|cookies`, `search_path`, `statement_timeout` and the service's own settings
// (`realtime.topic`, `storage.allow_delete_query`).
// Every value is set with set_config(…, true), so it ends with the transaction. Used by /rest/v1, /storage/v1,
// Realtime's private-channel probe and the database test fixtures, so they all act as a role the same way.
import type { Claims } from './request-role.ts';

export type Scope = {
  role: string;
  claims: Claims;
  /** What PostgREST exposes of the HTTP request; `request.cookies` is always `{}` (browsers' cookies never reach it). */
  request?: { method: string; path: string; headers: Record<string, string> };
  searchPath?: string;
  statementTimeout?: string;
  /** Service settings by name, set after the others. */
  settings?: Record<string, string>;
};

export type ScopeStatement = { text: string; values: string[] };

// The statement's text depends only on which parts a scope has, so each shape is one prepared statement.
const texts = new Map<string, string>();

/** The `select set_config(…)` statement and its parameters that make the current transaction act as `scope`. */
export function scopeStatement(scope: Scope): ScopeStatement {
  const names: string[] = [];
  const values: string[] = [];
  const set = (name: string, value: string) => {
    names.push(name);
    values.push(value);
  };
  if (scope.searchPath !== undefined) set('search_path', scope.searchPath);
  set('role', scope.role);
  set('request.jwt.claims', JSON.stringify(scope.claims));
  set('request.jwt.claim.sub', String(scope.claims.sub ?? ''));
  set('request.jwt.claim.role', scope.role);
  set('request.jwt.claim.email', String(scope.claims.email ?? ''));
  if (scope.request) {
    set('request.method', scope.request.method);
    set('request.path', scope.request.path);
    set('request.headers', JSON.stringify(scope.request.headers));
    set('request.cookies', '{}');
  }
  if (scope.statementTimeout !== undefined) set('statement_timeout', scope.statementTimeout);
  for (const name in scope.settings) set(name, scope.settings[name]);
  const key = names.join(',');
  let text = texts.get(key);
  if (text === undefined) {
    text = `select ${names.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`;
    texts.set(key, text);
  }
  return { text, values };
}

type Transaction = { unsafe: (query: string, values: string[], options: { prepare: boolean }) => PromiseLike<unknown> };

/** Applies `scope` to an open transaction (a postgres.js `begin` callback's `tx`). */
export async function enterScope(tx: Transaction, scope: Scope): Promise<void> {
  const { text, values } = scopeStatement(scope);
  await tx.unsafe(text, values, { prepare: true });
}
