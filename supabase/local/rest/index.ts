// /rest/v1 — PostgREST's behaviour for what supabase-js sends: reads with embeds, filters, order, paging and counts;
// insert, upsert, update and delete with Prefer; RPC; PostgREST's errors. One transaction per request, as the
// request's role with its claims set locally.
import { Hono, type Context } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { resolveRequestRole, type Claims } from '../core/request-role.ts';
import { Params, QueryBuilder, qualified, quoteIdent, type Level, type Levels } from './build.ts';
import { RestError, fromPostgres, parseError, unsupported } from './errors.ts';
import {
  parseField,
  parseLogic,
  parseOperation,
  parseOrder,
  parseSelect,
  type OrderTerm,
  type SelectItem,
} from './parse.ts';
import { SchemaCache, type Relation, type RoutineDef } from './schema-cache.ts';

const maxRows = 1000;
const maxBodyBytes = 10 * 1024 * 1024;
const reserved = new Set([
  'select',
  'order',
  'limit',
  'offset',
  'columns',
  'on_conflict',
  'and',
  'or',
  'not.and',
  'not.or',
]);

type Prefer = { return?: string; count?: string; resolution?: string; missing?: string; tx?: string };

function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = {};
  for (const part of (header ?? '').split(',')) {
    const [key, value] = part.trim().split('=');
    if (key && value) (prefer as Record<string, string>)[key] = value;
  }
  return prefer;
}

function toPgArray(values: unknown[]): string {
  return (
    '{' +
    values
      .map((v) => {
        if (v === null || v === undefined) return 'NULL';
        if (Array.isArray(v)) return toPgArray(v);
        const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
        return '"' + s.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + '"';
      })
      .join(',') +
    '}'
  );
}

function serialize(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]') && Array.isArray(value)) return toPgArray(value);
  if (typeof value === 'object') return JSON.stringify(value);
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value);
  return String(value);
}

export async function createRestRoutes(ctx: GatewayContext) {
  const schemas = (process.env.PGRST_DB_SCHEMAS ?? 'public,graphql_public')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let cache = new SchemaCache(schemas);
  let roleTimeouts = new Map<string, string>();
  const reload = async () => {
    const next = new SchemaCache(schemas);
    await next.load(ctx.admin);
    const settings = await ctx.admin<{ rolname: string; setconfig: string[] }[]>`
      select r.rolname, s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where s.setdatabase = 0`;
    roleTimeouts = new Map(
      settings.flatMap((s) =>
        s.setconfig
          .filter((c) => c.startsWith('statement_timeout='))
          .map((c) => [s.rolname, c.split('=')[1]] as [string, string]),
      ),
    );
    cache = next;
  };
  await reload();
  const listener = await ctx.admin.listen('pgrst', (payload) => {
    if (payload === 'reload schema' || payload === '')
      void reload().catch((e) => console.error('rest: schema reload failed', e));
  });
  ctx.onClose(() => listener.unlisten());

  const app = new Hono();

  app.onError((error, c) => {
    const rest =
      error instanceof RestError
        ? error
        : new RestError(
            500,
            'PGRST000',
            'unexpected failure in the local /rest/v1',
            String((error as Error)?.message ?? error),
          );
    if (!(error instanceof RestError)) console.error('rest: unexpected error', error);
    if (rest.status === 401)
      c.header('WWW-Authenticate', `Bearer error="invalid_token", error_description="${rest.message}"`);
    return c.json(rest.body(), rest.status as 400);
  });

  async function requestContext(c: Context, write: boolean) {
    const role = await resolveRequestRole(c.req.raw.headers);
    if (!role.ok) throw new RestError(401, role.code === 'no_apikey' ? 'PGRST301' : role.code, role.message);
    const profile = (write ? c.req.header('content-profile') : c.req.header('accept-profile')) ?? schemas[0];
    if (!schemas.includes(profile)) {
      throw new RestError(
        406,
        'PGRST106',
        `Invalid schema: ${profile}`,
        null,
        `Only the following schemas are exposed: ${schemas.join(', ')}`,
      );
    }
    return { role: role.role, claims: role.claims, schema: profile };
  }

  /** The request's headers by lower-case name; from Node's parsed headers when served by node:http, which costs
   *  less than materialising a Headers object per request. */
  function requestHeaders(c: Context): Record<string, string> {
    const incoming = (c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined)
      ?.incoming?.headers;
    const headers: Record<string, string> = {};
    if (incoming) {
      for (const key in incoming) {
        const value = incoming[key];
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
    } else {
      c.req.raw.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
    }
    return headers;
  }

  const requestSetup = `select set_config('search_path', $1, true), set_config('role', $2, true), set_config('request.jwt.claims', $3, true),
                  set_config('request.method', $4, true), set_config('request.path', $5, true), set_config('request.headers', $6, true),
                  set_config('request.cookies', '{}', true), set_config('statement_timeout', $7, true),
                  set_config('request.jwt.claim.sub', $8, true), set_config('request.jwt.claim.role', $2, true), set_config('request.jwt.claim.email', $9, true)`;

  /**
   * Runs one statement as the request's role in its own transaction. begin, the request settings, the statement and
   * commit (or rollback) go to one reserved connection in a single pipelined write: one round trip instead of four.
   * When a step fails, Postgres skips to the next sync point, so what follows runs in an aborted transaction and
   * commit ends it as a rollback; the first failure is the one reported.
   */
  async function runStatement<Row>(
    c: Context,
    who: { role: string; claims: Claims; schema: string },
    readOnly: boolean,
    rollback: boolean,
    query: string,
    values: unknown[],
  ): Promise<Row[]> {
    const headers = requestHeaders(c);
    const path = new URL(c.req.url).pathname.replace(/^\/rest\/v1/, '');
    const settings = [
      `${quoteIdent(who.schema)}, extensions`,
      who.role,
      JSON.stringify(who.claims),
      c.req.method,
      path,
      JSON.stringify(headers),
      roleTimeouts.get(who.role) ?? '8s',
      String(who.claims.sub ?? ''),
      String((who.claims as Record<string, unknown>).email ?? ''),
    ];
    const conn = await ctx.api.reserve();
    let outcome: PromiseSettledResult<unknown>[];
    try {
      outcome = await Promise.allSettled([
        conn.unsafe(readOnly ? 'begin read only' : 'begin read write'),
        conn.unsafe(requestSetup, settings, { prepare: true }),
        conn.unsafe(query, values as never[], { prepare: true }),
        conn.unsafe(rollback ? 'rollback' : 'commit'),
      ]);
    } finally {
      conn.release();
    }
    const failed = outcome.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      const pg = failed.reason as { code?: string; message: string };
      if (pg.code === '22023' && /role .* does not exist/.test(pg.message))
        throw new RestError(401, '22023', pg.message);
      throw fromPostgres(pg as never, who.role);
    }
    return (outcome[2] as PromiseFulfilledResult<Row[]>).value;
  }

  function relationOf(schema: string, name: string): Relation {
    const relation = cache.relation(schema, name);
    if (!relation) {
      throw new RestError(
        404,
        'PGRST205',
        `Could not find the table '${schema}.${name}' in the schema cache`,
        null,
        null,
      );
    }
    return relation;
  }

  /** Filters, logic trees, order and paging from the query string, by embedded path ('' is the root). */
  function parseLevels(params: URLSearchParams, skip: Set<string> = new Set()): Levels {
    const levels: Levels = new Map();
    const level = (path: string): Level => {
      let l = levels.get(path);
      if (!l) levels.set(path, (l = { conditions: [] }));
      return l;
    };
    for (const [key, value] of params) {
      if (skip.has(key)) continue;
      if (key === 'select' || key === 'columns' || key === 'on_conflict') continue;
      const logic = /^(?:(.+)\.)?(not\.)?(and|or)$/.exec(key);
      if (logic) {
        level(logic[1] ?? '').conditions.push(parseLogic(logic[3] as 'and' | 'or', !!logic[2], value));
        continue;
      }
      const paging = /^(?:(.+)\.)?(order|limit|offset)$/.exec(key);
      if (paging) {
        const l = level(paging[1] ?? '');
        if (paging[2] === 'order') l.order = parseOrder(value);
        else {
          const n = Number(value);
          if (!Number.isInteger(n) || n < 0) {
            throw new RestError(
              416,
              'PGRST103',
              'Requested range not satisfiable',
              `${paging[2]} must be a non-negative integer`,
            );
          }
          if (paging[2] === 'limit') l.limit = n;
          else l.offset = n;
        }
        continue;
      }
      const dot = key.lastIndexOf('.');
      const arrow = key.indexOf('->');
      const split = dot > 0 && (arrow < 0 || dot < arrow) ? dot : -1;
      const path = split > 0 ? key.slice(0, split) : '';
      const column = split > 0 ? key.slice(split + 1) : key;
      level(path).conditions.push(parseOperation(parseField(column), value));
    }
    return levels;
  }

  function contentRange(offset: number, count: number, total: number | null): string {
    const totalText = total === null ? '*' : String(total);
    return count === 0 ? `*/${totalText}` : `${offset}-${offset + count - 1}/${totalText}`;
  }

  function wantsSingle(c: Context) {
    const accept = c.req.header('accept') ?? '';
    if (accept.includes('text/csv')) return 'csv';
    return accept.includes('application/vnd.pgrst.object+json') ? 'single' : 'array';
  }

  function respondRows(c: Context, body: string, count: number, status: number, range: string) {
    const mode = wantsSingle(c);
    c.header('Content-Range', range);
    if (mode === 'single') {
      if (count !== 1) {
        return c.json(
          {
            code: 'PGRST116',
            details: `The result contains ${count} rows`,
            hint: null,
            message: 'Cannot coerce the result to a single JSON object',
          },
          406,
        );
      }
      return c.body(body.slice(1, -1), status as 200, {
        'Content-Type': 'application/vnd.pgrst.object+json; charset=utf-8',
      });
    }
    if (mode === 'csv') {
      const rows = JSON.parse(body) as Array<Record<string, unknown>>;
      const columns = rows.length ? Object.keys(rows[0]) : [];
      const cell = (v: unknown) => {
        if (v === null || v === undefined) return '';
        const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
        return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
      };
      return c.body(
        [columns.join(','), ...rows.map((r) => columns.map((k) => cell(r[k])).join(','))].join('\n'),
        status as 200,
        { 'Content-Type': 'text/csv; charset=utf-8' },
      );
    }
    return c.body(body, status as 200, { 'Content-Type': 'application/json; charset=utf-8' });
  }

  async function readBody(c: Context): Promise<unknown> {
    const text = await c.req.text();
    if (text.length > maxBodyBytes)
      throw new RestError(413, 'PGRST413', `The request body is larger than ${maxBodyBytes} bytes`);
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new RestError(400, 'PGRST102', 'Empty or invalid json', (error as Error).message);
    }
  }

  // ---- reads -------------------------------------------------------------------------------------------------
  async function read(c: Context, head: boolean) {
    const who = await requestContext(c, false);
    const relation = relationOf(who.schema, c.req.param('relation')!);
    const params = new URL(c.req.url).searchParams;
    const levels = parseLevels(params);
    const prefer = parsePrefer(c.req.header('prefer'));
    const root = levels.get('') ?? { conditions: [] };
    const bound = new Params();
    const qb = new QueryBuilder(cache, bound, levels);
    const selectItems = parseSelect(params.get('select') ?? undefined);
    root.order = relatedOrder(root.order, selectItems);
    const { list, innerFilters } = qb.selectList(relation, 't', selectItems, '');
    const where = qb.whereSql(relation, 't', root, innerFilters);
    const offset = root.offset ?? 0;
    const limit = Math.min(root.limit ?? maxRows, maxRows);
    const source = `${qualified(relation.schema, relation.name)} t`;
    // The count shares the statement (and its parameters) with the page.
    const total = prefer.count ? `, (select count(*) from ${source}${where})::bigint as total` : ', null as total';
    const query = `select coalesce(json_agg(r), '[]'::json)::text as body, count(*)::int as n${total} from (select ${list.join(', ')} from ${source}${where}${qb.orderSql(relation, 't', root.order)} limit ${bound.add(limit)}::bigint offset ${bound.add(offset)}::bigint) r`;
    const [rows] = await runStatement<{ body: string; n: number; total: string | null }>(
      c,
      who,
      true,
      false,
      query,
      bound.values,
    );
    const totalCount = rows.total === null ? null : Number(rows.total);
    if (totalCount !== null && offset > 0 && offset >= totalCount && totalCount > 0) {
      throw new RestError(
        416,
        'PGRST103',
        'Requested range not satisfiable',
        `An offset of ${offset} was requested, but there are only ${totalCount} rows.`,
      );
    }
    const status = totalCount !== null && rows.n < totalCount ? 206 : 200;
    const range = contentRange(offset, rows.n, totalCount);
    if (head) {
      c.header('Content-Range', range);
      return c.body(null, status as 200);
    }
    return respondRows(c, rows.body, rows.n, status, range);
  }

  /**
   * The WHERE of a PATCH or DELETE. With `limit` (and `offset`), PostgREST's limited update/delete: only on tables,
   * only with an explicit order (which should be on unique columns), applied to the rows that order picks.
   */
  function limitedWhere(qb: QueryBuilder, relation: Relation, root: Level): string {
    if (root.limit === undefined && root.offset === undefined) return qb.whereSql(relation, 't', root);
    if (relation.kind !== 'table')
      throw unsupported(
        `limit on PATCH and DELETE of the view '${relation.name}' (PostgREST limits them on tables only)`,
      );
    if (!root.order?.length) {
      throw new RestError(
        400,
        'PGRST109',
        'A limited update or delete needs an explicit order',
        null,
        "Apply an 'order' on unique column(s)",
      );
    }
    const picked =
      `select l.ctid from ${qualified(relation.schema, relation.name)} l${qb.whereSql(relation, 'l', root)}${qb.orderSql(relation, 'l', root.order)}` +
      `${root.limit !== undefined ? ` limit ${qb.params.add(root.limit)}::bigint` : ''}${root.offset ? ` offset ${qb.params.add(root.offset)}::bigint` : ''}`;
    return ` where t.ctid = any (array(${picked}))`;
  }

  /** A related order (`order=rel(col)`) names an embedded resource of the select, by alias or name, as PostgREST's does. */
  function relatedOrder(order: OrderTerm[] | undefined, items: SelectItem[]): OrderTerm[] | undefined {
    return order?.map((term) => {
      if (!term.relation) return term;
      const embed = items.find(
        (i): i is Extract<SelectItem, { kind: 'embed' }> =>
          i.kind === 'embed' && (i.alias ?? i.relation) === term.relation,
      );
      if (!embed)
        throw new RestError(
          400,
          'PGRST108',
          `'${term.relation}' is not an embedded resource in this request`,
          null,
          `Verify that '${term.relation}' is included in the 'select' query parameter.`,
        );
      return { ...term, relation: embed.relation, hint: embed.hint };
    });
  }

  // ---- writes ------------------------------------------------------------------------------------------------
  async function write(c: Context, method: 'POST' | 'PATCH' | 'DELETE') {
    const who = await requestContext(c, true);
    const relation = relationOf(who.schema, c.req.param('relation')!);
    const params = new URL(c.req.url).searchParams;
    const prefer = parsePrefer(c.req.header('prefer'));
    const levels = parseLevels(params);
    const root = levels.get('') ?? { conditions: [] };
    const bound = new Params();
    const qb = new QueryBuilder(cache, bound, levels);
    const table = `${qualified(relation.schema, relation.name)}`;
    let mutation: string;
    if (method === 'POST') {
      const body = await readBody(c);
      const rows = (Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>;
      if (body === undefined || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
        throw new RestError(
          400,
          'PGRST102',
          'Empty or invalid json',
          'The body must be a JSON object or an array of objects',
        );
      }
      const columnsParam = params.get('columns');
      const columns = columnsParam
        ? columnsParam.split(',').map((s) => s.trim().replace(/^"|"$/g, ''))
        : [...new Set(rows.flatMap((r) => Object.keys(r)))];
      for (const column of columns) {
        if (!relation.columns.has(column)) {
          throw new RestError(
            400,
            'PGRST204',
            `Could not find the '${column}' column of '${relation.name}' in the schema cache`,
          );
        }
      }
      const useDefault = prefer.missing === 'default';
      const values = rows.map(
        (row) =>
          '(' +
          columns
            .map((col) => {
              if (!(col in row)) return useDefault ? 'default' : 'null';
              const type = relation.columns.get(col)!.type;
              return `${bound.add(serialize(row[col], type))}::text::${type}`;
            })
            .join(', ') +
          ')',
      );
      mutation = columns.length
        ? `insert into ${table} as t (${columns.map(quoteIdent).join(', ')}) values ${values.join(', ')}`
        : `insert into ${table} as t default values`;
      if (prefer.resolution) {
        const conflict =
          params
            .get('on_conflict')
            ?.split(',')
            .map((s) => s.trim()) ?? relation.primaryKey;
        conflict.forEach((col) => qb.column(relation, col));
        if (conflict.length === 0)
          throw new RestError(
            400,
            'PGRST204',
            `'${relation.name}' has no primary key: name the conflict columns with on_conflict`,
          );
        const updates = columns.filter((col) => !conflict.includes(col));
        mutation +=
          prefer.resolution === 'ignore-duplicates' || updates.length === 0
            ? ` on conflict (${conflict.map(quoteIdent).join(', ')}) do nothing`
            : ` on conflict (${conflict.map(quoteIdent).join(', ')}) do update set ${updates.map((col) => `${quoteIdent(col)} = excluded.${quoteIdent(col)}`).join(', ')}`;
      }
    } else if (method === 'PATCH') {
      const body = await readBody(c);
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw new RestError(400, 'PGRST102', 'Empty or invalid json', 'PATCH needs a JSON object');
      const entries = Object.entries(body as Record<string, unknown>);
      if (entries.length === 0) return c.body(null, 204);
      const sets = entries.map(([col, value]) => {
        if (!relation.columns.has(col))
          throw new RestError(
            400,
            'PGRST204',
            `Could not find the '${col}' column of '${relation.name}' in the schema cache`,
          );
        const type = relation.columns.get(col)!.type;
        return `${quoteIdent(col)} = ${bound.add(serialize(value, type))}::text::${type}`;
      });
      mutation = `update ${table} t set ${sets.join(', ')}${limitedWhere(qb, relation, root)}`;
    } else {
      mutation = `delete from ${table} t${limitedWhere(qb, relation, root)}`;
    }
    const representation = prefer.return === 'representation';
    const select = representation
      ? qb.selectList(relation, 't', parseSelect(params.get('select') ?? undefined), '')
      : null;
    const query = `with pgrst_source as (${mutation} returning t.*)
      select ${select ? `(select coalesce(json_agg(r), '[]'::json)::text from (select ${select.list.join(', ')} from pgrst_source t) r)` : "'[]'"} as body,
             (select count(*)::int from pgrst_source) as n,
             ${relation.primaryKey.length && prefer.return === 'headers-only' ? `(select row_to_json(k)::text from (select ${relation.primaryKey.map((k) => `t.${quoteIdent(k)}`).join(', ')} from pgrst_source t limit 1) k)` : 'null'} as location`;
    const [result] = await runStatement<{ body: string; n: number; location: string | null }>(
      c,
      who,
      false,
      prefer.tx === 'rollback',
      query,
      bound.values,
    );
    const applied = [
      prefer.return && `return=${prefer.return}`,
      prefer.resolution && `resolution=${prefer.resolution}`,
      prefer.missing && `missing=${prefer.missing}`,
      prefer.tx && `tx=${prefer.tx}`,
    ].filter(Boolean);
    if (applied.length) c.header('Preference-Applied', applied.join(', '));
    const count = prefer.count ? String(result.n) : '*';
    if (method === 'POST') {
      c.header('Content-Range', `*/${count}`);
      if (result.location) {
        const key = JSON.parse(result.location) as Record<string, unknown>;
        c.header(
          'Location',
          `/${relation.name}?${Object.entries(key)
            .map(([k, v]) => `${k}=eq.${encodeURIComponent(String(v))}`)
            .join('&')}`,
        );
      }
      const status = 201;
      if (!representation) return c.body(null, status);
      return respondRows(c, result.body, result.n, status, `*/${count}`);
    }
    const range = method === 'PATCH' && result.n > 0 ? `0-${result.n - 1}/${count}` : `*/${count}`;
    if (!representation) {
      c.header('Content-Range', range);
      return c.body(null, 204);
    }
    return respondRows(c, result.body, result.n, 200, range);
  }

  // ---- rpc ---------------------------------------------------------------------------------------------------
  function pickRoutine(
    schema: string,
    name: string,
    argNames: string[],
    body: unknown,
  ): { routine: RoutineDef; wholeBody: boolean } {
    const candidates = cache.routines(schema, name);
    const single = candidates.filter(
      (r) => r.args.length === 1 && r.args[0].name === '' && (r.args[0].type === 'json' || r.args[0].type === 'jsonb'),
    );
    const matching = candidates.filter(
      (r) =>
        r.args.every((a) => a.name !== '') &&
        argNames.every((n) => r.args.some((a) => a.name === n)) &&
        r.args.every((a) => a.hasDefault || argNames.includes(a.name)),
    );
    if (matching.length === 1) return { routine: matching[0], wholeBody: false };
    if (matching.length > 1) {
      const exact = matching.filter((r) => r.args.length === argNames.length);
      if (exact.length === 1) return { routine: exact[0], wholeBody: false };
      throw new RestError(
        300,
        'PGRST203',
        `Could not choose the best candidate function between: ${matching.map((r) => `${schema}.${name}(${r.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`,
      );
    }
    if (single.length === 1 && body !== undefined) return { routine: single[0], wholeBody: true };
    throw new RestError(
      404,
      'PGRST202',
      `Could not find the function ${schema}.${name}(${argNames.join(', ')}) in the schema cache`,
      `Searched for the function ${schema}.${name} with parameters ${argNames.join(', ') || 'without parameters'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
      null,
    );
  }

  async function rpc(c: Context) {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'POST' && method !== 'HEAD')
      throw new RestError(405, 'PGRST101', 'Only GET and POST verbs are allowed for RPC');
    const who = await requestContext(c, method === 'POST');
    const name = c.req.param('fn')!;
    const params = new URL(c.req.url).searchParams;
    const prefer = parsePrefer(c.req.header('prefer'));
    let args: Record<string, unknown> = {};
    let body: unknown;
    const routinesByName = cache.routines(who.schema, name);
    if (routinesByName.length === 0) {
      throw new RestError(
        404,
        'PGRST202',
        `Could not find the function ${who.schema}.${name} in the schema cache`,
        null,
        null,
      );
    }
    const argNamesAll = new Set(routinesByName.flatMap((r) => r.args.map((a) => a.name)));
    const filterKeys = new Set<string>();
    if (method === 'POST') {
      body = await readBody(c);
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        args = {};
      } else args = (body as Record<string, unknown>) ?? {};
    } else {
      for (const [key, value] of params) {
        if (argNamesAll.has(key) && !reserved.has(key)) {
          args[key] = value;
          filterKeys.add(key);
        }
      }
    }
    const { routine, wholeBody } = pickRoutine(who.schema, name, Object.keys(args), body);
    if (method !== 'POST' && routine.volatility === 'v') {
      throw new RestError(
        405,
        '25006',
        `cannot execute ${name} in a read-only transaction`,
        null,
        'Use POST for functions that change data.',
      );
    }
    const bound = new Params();
    const call = wholeBody
      ? `${qualified(routine.schema, routine.name)}(${bound.add(JSON.stringify(body))}::text::${routine.args[0].type})`
      : `${qualified(routine.schema, routine.name)}(${Object.entries(args)
          .map(([key, value]) => {
            const type = routine.args.find((a) => a.name === key)!.type;
            return `${quoteIdent(key)} => ${bound.add(serialize(value, type))}::text::${type}`;
          })
          .join(', ')})`;
    const readOnly = method !== 'POST' || routine.volatility !== 'v';
    if (routine.returnsVoid) {
      await runStatement(c, who, readOnly, prefer.tx === 'rollback', `select ${call}`, bound.values);
      return c.body(null, 204);
    }
    if (!routine.returnsSet && !routine.returnsComposite) {
      const [row] = await runStatement<{ body: string | null }>(
        c,
        who,
        readOnly,
        prefer.tx === 'rollback',
        `select to_json(${call})::text as body`,
        bound.values,
      );
      return c.body(row.body ?? 'null', 200, { 'Content-Type': 'application/json; charset=utf-8' });
    }
    // Set-returning or composite: filters, select, order and paging apply as for a table.
    const levels = parseLevels(params, filterKeys);
    const root = levels.get('') ?? { conditions: [] };
    const scalarSet = routine.returnsSet && !routine.returnsComposite;
    const columns = scalarSet
      ? [{ name, type: routine.returnType, nullable: true, hasDefault: false }]
      : await compositeColumns(routine);
    const pseudo: Relation = {
      schema: routine.schema,
      name,
      kind: 'view',
      columns: new Map(columns.map((col) => [col.name, col])),
      primaryKey: [],
      insertable: false,
    };
    const qb = new QueryBuilder(cache, bound, levels);
    const source = scalarSet ? `${call} t(${quoteIdent(name)})` : `${call} t`;
    const selectItems = parseSelect(params.get('select') ?? undefined);
    const { list } = scalarSet ? { list: [`t.${quoteIdent(name)}`] } : qb.selectList(pseudo, 't', selectItems, '');
    const where = qb.whereSql(pseudo, 't', root);
    const limit = root.limit ?? null;
    const query = `select coalesce(json_agg(${scalarSet ? `r.${quoteIdent(name)}` : 'r'}), '[]'::json)::text as body, count(*)::int as n from (select ${list.join(', ')} from ${source}${where}${qb.orderSql(pseudo, 't', root.order)}${limit !== null ? ` limit ${bound.add(limit)}::bigint` : ''}${root.offset ? ` offset ${bound.add(root.offset)}::bigint` : ''}) r`;
    const [result] = await runStatement<{ body: string; n: number }>(
      c,
      who,
      readOnly,
      prefer.tx === 'rollback',
      query,
      bound.values,
    );
    if (!routine.returnsSet) {
      if (wantsSingle(c) === 'array') {
        const obj = JSON.parse(result.body) as unknown[];
        return c.json((obj[0] ?? null) as object, 200);
      }
    }
    if (method === 'HEAD') return c.body(null, 200);
    return respondRows(
      c,
      result.body,
      result.n,
      200,
      contentRange(root.offset ?? 0, result.n, prefer.count ? result.n : null),
    );
  }

  const compositeCache = new Map<
    string,
    Array<{ name: string; type: string; nullable: boolean; hasDefault: boolean }>
  >();
  async function compositeColumns(routine: RoutineDef) {
    const key = `${routine.schema}.${routine.name}(${routine.args.map((a) => a.type).join(',')})`;
    const hit = compositeCache.get(key);
    if (hit) return hit;
    const rows = await ctx.admin<{ name: string; type: string }[]>`
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        join pg_type t on t.oid = p.prorettype join pg_attribute a on a.attrelid = t.typrelid
       where n.nspname = ${routine.schema} and p.proname = ${routine.name} and a.attnum > 0 and not a.attisdropped
       order by a.attnum`;
    let columns = rows.map((r) => ({ ...r, nullable: true, hasDefault: false }));
    if (columns.length === 0) {
      // RETURNS TABLE(...) / OUT parameters: the columns are the function's OUT arguments.
      const out = await ctx.admin<{ names: string[]; modes: string[]; types: string[] }[]>`
        select p.proargnames as names, p.proargmodes::text[] as modes,
               array(select format_type(t, null) from unnest(p.proallargtypes) t) as types
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = ${routine.schema} and p.proname = ${routine.name} limit 1`;
      const o = out[0];
      columns = (o?.modes ?? [])
        .map((mode, i) => ({ mode, name: o.names[i], type: o.types[i] }))
        .filter((a) => a.mode === 't' || a.mode === 'o' || a.mode === 'b')
        .map((a) => ({ name: a.name, type: a.type, nullable: true, hasDefault: false }));
    }
    compositeCache.set(key, columns);
    return columns;
  }

  app.on(['GET', 'POST', 'HEAD', 'PATCH', 'PUT', 'DELETE'], '/rpc/:fn', (c) => rpc(c));
  app.get('/:relation', (c) => read(c, false));
  app.on('HEAD', '/:relation', (c) => read(c, true));
  app.post('/:relation', (c) => write(c, 'POST'));
  app.patch('/:relation', (c) => write(c, 'PATCH'));
  app.delete('/:relation', (c) => write(c, 'DELETE'));
  app.put('/:relation', () => {
    throw unsupported('PUT (single-row upsert); use POST with Prefer: resolution=merge-duplicates');
  });
  app.get('/', () => {
    throw unsupported('the OpenAPI description at /rest/v1/');
  });
  return app;
}

export { parseError };
