// POST (insert, upsert), PATCH and DELETE on a table or view, with Prefer's return, resolution, missing, count and
// tx, and PostgREST's limited update/delete; one statement that returns what Prefer asks for.
import type { Context } from 'hono';
import { Params, QueryBuilder, qualified, quoteIdent, type Level } from './build.ts';
import { RestError, unsupported } from './errors.ts';
import { parseSelect } from './parse.ts';
import { parseLevels, parsePrefer, readBody, relationOf, serialize } from './request.ts';
import { respondRows } from './respond.ts';
import type { Relation } from './schema-cache.ts';
import type { RestState } from './state.ts';
import { requestWho, runStatement } from './transaction.ts';

export async function write(rest: RestState, c: Context, method: 'POST' | 'PATCH' | 'DELETE') {
  const who = await requestWho(rest, c, true);
  const relation = relationOf(rest, who.schema, c.req.param('relation')!);
  const params = new URL(c.req.url).searchParams;
  const prefer = parsePrefer(c.req.header('prefer'));
  const levels = parseLevels(params);
  const root = levels.get('') ?? { conditions: [] };
  const bound = new Params();
  const qb = new QueryBuilder(rest.cache, bound, levels);
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
    rest,
    c,
    who,
    { readOnly: false, rollback: prefer.tx === 'rollback' },
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
