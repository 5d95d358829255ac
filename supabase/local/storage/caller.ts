// Who a storage request acts as, and the transaction it runs in: the caller's role and claims from its JWT or API
// key, set with the shared scope statement (core/scope.ts) plus `storage.allow_delete_query`, as Storage does. Like
// Storage, it also sets `request.headers` (and method, path), so a policy may read a header the caller sent.
import type { Context } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { resolveRequestRole, type Claims } from '../core/request-role.ts';
import { enterScope, type Scope } from '../core/scope.ts';
import { StorageError } from './errors.ts';

export type Caller = { role: string; claims: Claims; request?: Scope['request'] };

/** The service role: reads bucket limits (they apply to everyone) and serves signed and public URLs. */
export const service: Caller = { role: 'service_role', claims: { role: 'service_role' } as Claims };

export async function caller(c: Context): Promise<Caller> {
  const role = await resolveRequestRole(c.req.raw.headers);
  if (!role.ok)
    throw new StorageError(
      '403',
      role.code === 'PGRST303' ? 'ExpiredToken' : 'InvalidJWT',
      'Unauthorized',
      role.code === 'PGRST303' ? 'The provided token has expired.' : role.message,
    );
  const url = new URL(c.req.url);
  return {
    role: role.role,
    claims: role.claims,
    request: { method: c.req.method, path: url.pathname, headers: Object.fromEntries(c.req.raw.headers) },
  };
}

/** Runs `fn` as `who` in one transaction; the service role (and signed-URL access) bypasses RLS. */
export async function runAs<T = any[]>(ctx: GatewayContext, who: Caller, fn: (tx: any) => Promise<T>): Promise<T> {
  return ctx.api.begin(async (tx) => {
    await enterScope(tx, { ...who, settings: { 'storage.allow_delete_query': 'true' } });
    return fn(tx);
  }) as Promise<T>;
}
