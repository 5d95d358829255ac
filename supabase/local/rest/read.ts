// GET and HEAD on a table or view: the select list with embeds, filters, order, paging and an optional exact count,
// as one statement whose result Postgres serialises.
import type { Context } from 'hono';
import { Params, QueryBuilder, qualified } from './build.ts';
import { RestError } from './errors.ts';
import { parseSelect, type OrderTerm, type SelectItem } from './parse.ts';
import { maxRows, parseLevels, parsePrefer, relationOf } from './request.ts';
import { contentRange, respondRows } from './respond.ts';
import type { RestState } from './state.ts';
import { requestWho, runStatement } from './transaction.ts';

export async function read(rest: RestState, c: Context, head: boolean) {
  const who = await requestWho(rest, c, false);
  const relation = relationOf(rest, who.schema, c.req.param('relation')!);
  const params = new URL(c.req.url).searchParams;
  const levels = parseLevels(params);
  const prefer = parsePrefer(c.req.header('prefer'));
  const root = levels.get('') ?? { conditions: [] };
  const bound = new Params();
  const qb = new QueryBuilder(rest.cache, bound, levels);
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
    rest,
    c,
    who,
    { readOnly: true, rollback: false },
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
