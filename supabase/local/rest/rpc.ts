// POST /rpc/<fn> (and GET for stable and immutable functions): the overload chosen by argument names, scalar,
// composite and set results, with filters, select, order and paging on sets as for a table.
import type { Context } from 'hono';
import { Params, QueryBuilder, qualified, quoteIdent } from './build.ts';
import { RestError } from './errors.ts';
import { parseSelect } from './parse.ts';
import { parseLevels, parsePrefer, readBody, serialize } from './request.ts';
import { contentRange, respondRows, responseShape } from './respond.ts';
import type { Column, Relation, RoutineDef } from './schema-cache.ts';
import type { RestState } from './state.ts';
import { requestWho, runStatement } from './transaction.ts';

// Query parameters that are never function arguments of a GET call.
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

/** The overload whose arguments the call names, or the one taking a single unnamed json/jsonb body, as PostgREST
 *  picks it. */
function pickRoutine(
  rest: RestState,
  schema: string,
  name: string,
  argNames: string[],
  body: unknown,
): { routine: RoutineDef; wholeBody: boolean } {
  const candidates = rest.cache.routines(schema, name);
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

export async function rpc(rest: RestState, c: Context) {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD')
    throw new RestError(405, 'PGRST101', 'Only GET and POST verbs are allowed for RPC');
  const who = await requestWho(rest, c, method === 'POST');
  const name = c.req.param('fn')!;
  const params = new URL(c.req.url).searchParams;
  const prefer = parsePrefer(c.req.header('prefer'));
  let args: Record<string, unknown> = {};
  let body: unknown;
  const routinesByName = rest.cache.routines(who.schema, name);
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
  const { routine, wholeBody } = pickRoutine(rest, who.schema, name, Object.keys(args), body);
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
    await runStatement(rest, c, who, { readOnly, rollback: prefer.tx === 'rollback' }, `select ${call}`, bound.values);
    return c.body(null, 204);
  }
  if (!routine.returnsSet && !routine.returnsComposite) {
    const [row] = await runStatement<{ body: string | null }>(
      rest,
      c,
      who,
      { readOnly, rollback: prefer.tx === 'rollback' },
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
    : await compositeColumns(rest, routine);
  const pseudo: Relation = {
    schema: routine.schema,
    name,
    kind: 'view',
    columns: new Map(columns.map((col) => [col.name, col])),
    primaryKey: [],
    insertable: false,
  };
  const qb = new QueryBuilder(rest.cache, bound, levels);
  const source = scalarSet ? `${call} t(${quoteIdent(name)})` : `${call} t`;
  const selectItems = parseSelect(params.get('select') ?? undefined);
  const { list } = scalarSet ? { list: [`t.${quoteIdent(name)}`] } : qb.selectList(pseudo, 't', selectItems, '');
  const where = qb.whereSql(pseudo, 't', root);
  const limit = root.limit ?? null;
  const query = `select coalesce(json_agg(${scalarSet ? `r.${quoteIdent(name)}` : 'r'}), '[]'::json)::text as body, count(*)::int as n from (select ${list.join(', ')} from ${source}${where}${qb.orderSql(pseudo, 't', root.order)}${limit !== null ? ` limit ${bound.add(limit)}::bigint` : ''}${root.offset ? ` offset ${bound.add(root.offset)}::bigint` : ''}) r`;
  const [result] = await runStatement<{ body: string; n: number }>(
    rest,
    c,
    who,
    { readOnly, rollback: prefer.tx === 'rollback' },
    query,
    bound.values,
  );
  if (!routine.returnsSet) {
    if (responseShape(c) === 'array') {
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

/** The columns of a composite or `returns table` result, read once per function signature and gateway. */
async function compositeColumns(rest: RestState, routine: RoutineDef): Promise<Column[]> {
  const compositeCache = rest.compositeColumns;
  const key = `${routine.schema}.${routine.name}(${routine.args.map((a) => a.type).join(',')})`;
  const hit = compositeCache.get(key);
  if (hit) return hit;
  const rows = await rest.ctx.admin<{ name: string; type: string }[]>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      join pg_type t on t.oid = p.prorettype join pg_attribute a on a.attrelid = t.typrelid
     where n.nspname = ${routine.schema} and p.proname = ${routine.name} and a.attnum > 0 and not a.attisdropped
     order by a.attnum`;
  let columns = rows.map((r) => ({ ...r, nullable: true, hasDefault: false }));
  if (columns.length === 0) {
    // RETURNS TABLE(...) / OUT parameters: the columns are the function's OUT arguments.
    const out = await rest.ctx.admin<{ names: string[]; modes: string[]; types: string[] }[]>`
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
