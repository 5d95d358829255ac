// What every /rest/v1 handler reads: the exposed schemas, the schema cache and each role's statement_timeout, both
// reloaded on `notify pgrst, 'reload schema'` as PostgREST reloads them.
import type { GatewayContext } from '../core/context.ts';
import { SchemaCache, type Column } from './schema-cache.ts';

export type RestState = {
  ctx: GatewayContext;
  schemas: string[];
  /** Replaced whole on reload, so a request reads one consistent cache. */
  cache: SchemaCache;
  roleTimeouts: Map<string, string>;
  /** Result columns of composite and `returns table` functions, by signature (rpc.ts). */
  compositeColumns: Map<string, Column[]>;
};

export async function loadRestState(ctx: GatewayContext): Promise<RestState> {
  const schemas = (process.env.PGRST_DB_SCHEMAS ?? 'public,graphql_public')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const state: RestState = {
    ctx,
    schemas,
    cache: new SchemaCache(schemas),
    roleTimeouts: new Map(),
    compositeColumns: new Map(),
  };
  const reload = async () => {
    const next = new SchemaCache(schemas);
    await next.load(ctx.admin);
    const settings = await ctx.admin<{ rolname: string; setconfig: string[] }[]>`
      select r.rolname, s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where s.setdatabase = 0`;
    state.roleTimeouts = new Map(
      settings.flatMap((s) =>
        s.setconfig
          .filter((c) => c.startsWith('statement_timeout='))
          .map((c) => [s.rolname, c.split('=')[1]] as [string, string]),
      ),
    );
    state.cache = next;
  };
  await reload();
  const listener = await ctx.admin.listen('pgrst', (payload) => {
    if (payload === 'reload schema' || payload === '')
      void reload().catch((e) => console.error('rest: schema reload failed', e));
  });
  ctx.onClose(() => listener.unlisten());
  return state;
}
