// Turns a parsed request into one SQL statement. Identifiers are checked against the schema cache and quoted;
// every value from the URL or body is a bound parameter.
import { RestError, aggregatesDisabled, parseError, unsupported } from './errors.ts';
import type { Condition, Field, Logic, OrderTerm, SelectItem } from './parse.ts';
import { resolveRelationship, type Relationship } from './relationships.ts';
import type { Relation, SchemaCache } from './schema-cache.ts';

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;

export class Params {
  values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Filters, order and paging for one level of the request (the root or one embedded path). */
export type Level = { conditions: Array<Condition | Logic>; order?: OrderTerm[]; limit?: number; offset?: number };
export type Levels = Map<string, Level>;

const typeName = /^[a-z_][a-z0-9_ ]*(\[\])?$/i;

/** The operators that compare a column with one value cast to the column's type. */
const comparisons: Partial<Record<string, string>> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  isdistinct: 'is distinct from',
  cs: '@>',
  cd: '<@',
  sl: '<<',
  sr: '>>',
  nxl: '&<',
  nxr: '&>',
  adj: '-|-',
};

export class QueryBuilder {
  private aliasCounter = 0;
  readonly cache: SchemaCache;
  readonly params: Params;
  readonly levels: Levels;
  constructor(cache: SchemaCache, params: Params, levels: Levels) {
    this.cache = cache;
    this.params = params;
    this.levels = levels;
  }

  private nextAlias() {
    return `pgrst_${++this.aliasCounter}`;
  }

  column(relation: Relation, name: string): string {
    if (!relation.columns.has(name)) {
      throw new RestError(400, '42703', `column ${relation.name}.${name} does not exist`, null, null);
    }
    return quoteIdent(name);
  }

  fieldSql(relation: Relation, alias: string, field: Field): string {
    let sql = `${alias}.${this.column(relation, field.name)}`;
    for (const step of field.path) {
      const key = /^-?\d+$/.test(step.key) ? `${Number(step.key)}` : `${this.params.add(step.key)}::text`;
      sql = `(${sql}${step.arrow}${key})`;
    }
    return sql;
  }

  private columnType(relation: Relation, field: Field): string {
    if (field.path.length === 0) return relation.columns.get(field.name)!.type;
    return field.path[field.path.length - 1].arrow === '->>' ? 'text' : 'jsonb';
  }

  conditionSql(relation: Relation, alias: string, node: Condition | Logic): string {
    if (node.kind === 'logic') {
      const parts = node.children.map((child) => this.conditionSql(relation, alias, child));
      const joined = parts.length
        ? `(${parts.join(node.op === 'and' ? ' and ' : ' or ')})`
        : node.op === 'and'
          ? 'true'
          : 'false';
      return node.negated ? `not ${joined}` : joined;
    }
    const lhs = this.fieldSql(relation, alias, node.field);
    const type = this.columnType(relation, node.field);
    const value = node.value;
    // Values travel as text and are cast by Postgres: the driver would otherwise serialise them by the inferred
    // type (a string 'true' sent as a boolean parameter becomes false).
    const typed = (v: string) => `${this.params.add(v)}::text::${type}`;
    if (node.quantifier) {
      const sql = this.quantifiedSql(lhs, type, node.op, node.quantifier, node.value as string[]);
      return node.negated ? `not (${sql})` : sql;
    }
    const comparison = comparisons[node.op];
    if (comparison) {
      const sql = `${lhs} ${comparison} ${typed(value as string)}`;
      return node.negated ? `not (${sql})` : sql;
    }
    let sql: string;
    switch (node.op) {
      case 'like':
        sql = `${lhs}::text like ${this.params.add((value as string).replaceAll('*', '%'))}::text`;
        break;
      case 'ilike':
        sql = `${lhs}::text ilike ${this.params.add((value as string).replaceAll('*', '%'))}::text`;
        break;
      case 'match':
        sql = `${lhs}::text ~ ${this.params.add(value)}::text`;
        break;
      case 'imatch':
        sql = `${lhs}::text ~* ${this.params.add(value)}::text`;
        break;
      case 'is': {
        const literal = { null: 'null', not_null: 'not null', true: 'true', false: 'false', unknown: 'unknown' }[
          (value as string).toLowerCase()
        ];
        if (!literal)
          throw parseError(
            `"failed to parse filter (is.${value})"`,
            'is. accepts null, not_null, true, false or unknown',
          );
        sql = `${lhs} is ${literal}`;
        break;
      }
      case 'in':
        sql = `${lhs} = any(${this.params.add(value)}::text[]::${type.endsWith('[]') ? 'text' : type}[])`;
        break;
      case 'ov':
        sql = `${lhs} && ${typed((value as string).replace(/^\((.*)\)$/, '{$1}'))}`;
        break;
      case 'fts':
      case 'plfts':
      case 'phfts':
      case 'wfts': {
        const fn = {
          fts: 'to_tsquery',
          plfts: 'plainto_tsquery',
          phfts: 'phraseto_tsquery',
          wfts: 'websearch_to_tsquery',
        }[node.op];
        const vector =
          type === 'tsvector'
            ? lhs
            : node.config
              ? `to_tsvector(${this.params.add(node.config)}::regconfig, ${lhs}::text)`
              : `to_tsvector(${lhs}::text)`;
        const query = node.config
          ? `${fn}(${this.params.add(node.config)}::regconfig, ${this.params.add(value)}::text)`
          : `${fn}(${this.params.add(value)}::text)`;
        sql = `${vector} @@ ${query}`;
        break;
      }
      default:
        throw unsupported(`the filter operator ${node.op}`);
    }
    return node.negated ? `not (${sql})` : sql;
  }

  /** `col op any|all(array)`, PostgREST's `op(any).{…}` / `op(all).{…}`; like patterns take `*` for `%`. */
  private quantifiedSql(lhs: string, type: string, op: string, quantifier: 'any' | 'all', values: string[]): string {
    const textual = ['like', 'ilike', 'match', 'imatch'].includes(op);
    const operator = comparisons[op] ?? { like: 'like', ilike: 'ilike', match: '~', imatch: '~*' }[op]!;
    const list = textual && op.endsWith('like') ? values.map((v) => v.replaceAll('*', '%')) : values;
    const array = textual ? `${this.params.add(list)}::text[]` : `${this.params.add(list)}::text[]::${type}[]`;
    return `${textual ? `${lhs}::text` : lhs} ${operator} ${quantifier}(${array})`;
  }

  orderSql(relation: Relation, alias: string, order: OrderTerm[] | undefined): string {
    if (!order?.length) return '';
    return (
      ' order by ' +
      order
        .map((o) => `${this.orderTermSql(relation, alias, o)} ${o.direction}${o.nulls ? ` nulls ${o.nulls}` : ''}`)
        .join(', ')
    );
  }

  private orderTermSql(relation: Relation, alias: string, term: OrderTerm): string {
    if (!term.relation) return this.fieldSql(relation, alias, term.field);
    const rel = resolveRelationship(this.cache, relation, term.relation, term.hint);
    if (rel.kind !== 'to-one') {
      throw new RestError(
        400,
        'PGRST118',
        `A related order on '${term.relation}' is not possible`,
        `'${relation.name}' and '${term.relation}' do not form a many-to-one or one-to-one relationship`,
        null,
      );
    }
    const child = this.nextAlias();
    const { from, on } = this.fromWithJoin(rel, alias, child);
    return `(select ${this.fieldSql(rel.target, child, term.field)} from ${from} where ${on} limit 1)`;
  }

  pagingSql(level: Level | undefined): string {
    let sql = '';
    if (level?.limit !== undefined) sql += ` limit ${this.params.add(level.limit)}::bigint`;
    if (level?.offset) sql += ` offset ${this.params.add(level.offset)}::bigint`;
    return sql;
  }

  whereSql(relation: Relation, alias: string, level: Level | undefined, extra: string[] = []): string {
    const parts = [...extra, ...(level?.conditions ?? []).map((c) => this.conditionSql(relation, alias, c))];
    return parts.length ? ` where ${parts.join(' and ')}` : '';
  }

  private joinCondition(rel: Relationship, parentAlias: string, childAlias: string, junctionAlias?: string): string {
    const pairs = (a: string[], b: string[], left: string, right: string) =>
      a.map((col, i) => `${left}.${quoteIdent(col)} = ${right}.${quoteIdent(b[i])}`);
    if (rel.kind === 'to-one') return pairs(rel.fk.columns, rel.fk.refColumns, parentAlias, childAlias).join(' and ');
    if (rel.kind === 'to-many') return pairs(rel.fk.columns, rel.fk.refColumns, childAlias, parentAlias).join(' and ');
    return [
      ...pairs(rel.toParent.columns, rel.toParent.refColumns, junctionAlias!, parentAlias),
      ...pairs(rel.toTarget.columns, rel.toTarget.refColumns, junctionAlias!, childAlias),
    ].join(' and ');
  }

  private fromWithJoin(rel: Relationship, parentAlias: string, childAlias: string): { from: string; on: string } {
    if (rel.kind === 'many-to-many') {
      const j = this.nextAlias();
      return {
        from: `${qualified(rel.target.schema, rel.target.name)} ${childAlias} join ${qualified(rel.junction.schema, rel.junction.name)} ${j} on true`,
        on: this.joinCondition(rel, parentAlias, childAlias, j),
      };
    }
    return {
      from: `${qualified(rel.target.schema, rel.target.name)} ${childAlias}`,
      on: this.joinCondition(rel, parentAlias, childAlias),
    };
  }

  /** The select list of one level: columns, casts, JSON paths and embedded resources as correlated subqueries. */
  selectList(
    relation: Relation,
    alias: string,
    items: SelectItem[],
    path: string,
  ): { list: string[]; innerFilters: string[] } {
    const list: string[] = [];
    const innerFilters: string[] = [];
    for (const item of items) {
      if (item.kind === 'star') {
        list.push(`${alias}.*`);
      } else if (item.kind === 'column') {
        if (item.aggregate) throw aggregatesDisabled();
        let sql = this.fieldSql(relation, alias, item.field);
        if (item.cast) {
          if (!typeName.test(item.cast))
            throw parseError(`"failed to parse select parameter"`, `invalid cast type "${item.cast}"`);
          sql = `${sql}::${item.cast}`;
        }
        const name =
          item.alias ?? (item.field.path.length ? item.field.path[item.field.path.length - 1].key : item.field.name);
        list.push(`${sql} as ${quoteIdent(name)}`);
      } else {
        const rel = resolveRelationship(this.cache, relation, item.relation, item.hint);
        const childPath = path ? `${path}.${item.alias ?? item.relation}` : (item.alias ?? item.relation);
        const level = this.levels.get(childPath) ?? this.levels.get(path ? `${path}.${item.relation}` : item.relation);
        const child = this.nextAlias();
        const { from, on } = this.fromWithJoin(rel, alias, child);
        const inner = this.selectList(rel.target, child, item.select.length ? item.select : [], childPath);
        const where = this.whereSql(rel.target, child, level, [on, ...inner.innerFilters]);
        const name = item.alias ?? item.relation;
        if (item.joinType === 'inner') innerFilters.push(`exists (select 1 from ${from}${where})`);
        if (item.select.length === 0) continue;
        if (item.spread) {
          if (rel.kind !== 'to-one') throw unsupported('spreading a to-many embedded resource');
          for (const entry of inner.list) {
            const m = / as ("(?:[^"]|"")+")$/.exec(entry);
            if (!m) throw unsupported('`*` inside a spread');
            list.push(`(select ${entry.slice(0, m.index)} from ${from}${where} limit 1) as ${m[1]}`);
          }
          continue;
        }
        const row = this.nextAlias();
        if (rel.kind === 'to-one') {
          list.push(
            `(select row_to_json(${row}) from (select ${inner.list.join(', ')} from ${from}${where} limit 1) ${row}) as ${quoteIdent(name)}`,
          );
        } else {
          list.push(
            `(select coalesce(json_agg(${row}), '[]'::json) from (select ${inner.list.join(', ')} from ${from}${where}${this.orderSql(rel.target, child, level?.order)}${this.pagingSql(level)}) ${row}) as ${quoteIdent(name)}`,
          );
        }
      }
    }
    return { list, innerFilters };
  }
}
