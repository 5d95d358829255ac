// PostgREST's schema cache: relations, columns, keys and functions of the exposed schemas, read from the catalog
// at start and again on `notify pgrst, 'reload schema'`. Every identifier in a URL is checked against it.
import type { Sql } from '../core/db.ts';

export type Column = { name: string; type: string; nullable: boolean; hasDefault: boolean };
export type ForeignKey = {
  name: string;
  schema: string;
  table: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
};
export type Relation = {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Map<string, Column>;
  primaryKey: string[];
  insertable: boolean;
};
export type FunctionArg = { name: string; type: string; hasDefault: boolean };
export type RoutineDef = {
  schema: string;
  name: string;
  args: FunctionArg[];
  returnType: string;
  returnsSet: boolean;
  returnsComposite: boolean;
  returnsVoid: boolean;
  volatility: 'i' | 's' | 'v';
};

export class SchemaCache {
  schemas: string[];
  relations = new Map<string, Relation>();
  foreignKeys: ForeignKey[] = [];
  functions = new Map<string, RoutineDef[]>();

  constructor(schemas: string[]) {
    this.schemas = schemas;
  }

  relation(schema: string, name: string): Relation | undefined {
    return this.relations.get(`${schema}.${name}`);
  }

  routines(schema: string, name: string): RoutineDef[] {
    return this.functions.get(`${schema}.${name}`) ?? [];
  }

  async load(sql: Sql) {
    const relations = await sql<
      { schema: string; name: string; kind: string; columns: Column[] | null; pk: string[] | null }[]
    >`
      select n.nspname as schema, c.relname as name, c.relkind as kind,
        (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                 'nullable', not a.attnotnull, 'hasDefault', a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') order by a.attnum)
           from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
        (select array_agg(a.attname order by array_position(i.indkey, a.attnum))
           from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
          where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any (${this.schemas}) and c.relkind in ('r', 'v', 'm', 'p', 'f')`;
    const fks = await sql<
      {
        name: string;
        schema: string;
        table: string;
        columns: string[];
        ref_schema: string;
        ref_table: string;
        ref_columns: string[];
      }[]
    >`
      select con.conname as name, n.nspname as schema, c.relname as table,
             (select array_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(num, ord)
                join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num) as columns,
             rn.nspname as ref_schema, rc.relname as ref_table,
             (select array_agg(a.attname order by k.ord) from unnest(con.confkey) with ordinality k(num, ord)
                join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num) as ref_columns
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
      where con.contype = 'f' and n.nspname = any (${this.schemas}) and rn.nspname = any (${this.schemas})`;
    const funcs = await sql<
      {
        schema: string;
        name: string;
        arg_names: string[] | null;
        arg_types: string[] | null;
        arg_modes: string[] | null;
        n_defaults: number;
        return_type: string;
        returns_set: boolean;
        returns_composite: boolean;
        volatility: 'i' | 's' | 'v';
      }[]
    >`
      select n.nspname as schema, p.proname as name, p.proargnames as arg_names,
             array(select format_type(t, null) from unnest(p.proargtypes) t) as arg_types,
             p.proargmodes::text[] as arg_modes, p.pronargdefaults as n_defaults,
             format_type(p.prorettype, null) as return_type, p.proretset as returns_set,
             (rt.typtype = 'c' or (rt.typtype = 'p' and rt.typname = 'record')) as returns_composite, p.provolatile as volatility
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
      where n.nspname = any (${this.schemas}) and p.prokind = 'f'`;

    this.relations.clear();
    for (const r of relations) {
      this.relations.set(`${r.schema}.${r.name}`, {
        schema: r.schema,
        name: r.name,
        kind: r.kind === 'r' || r.kind === 'p' ? 'table' : 'view',
        columns: new Map((r.columns ?? []).map((col) => [col.name, col])),
        primaryKey: r.pk ?? [],
        insertable: r.kind === 'r' || r.kind === 'p' || r.kind === 'v',
      });
    }
    this.foreignKeys = fks.map((f) => ({
      name: f.name,
      schema: f.schema,
      table: f.table,
      columns: f.columns,
      refSchema: f.ref_schema,
      refTable: f.ref_table,
      refColumns: f.ref_columns,
    }));
    this.functions.clear();
    for (const f of funcs) {
      const inputs = (f.arg_types ?? []).map((type, i) => ({
        type,
        name: f.arg_names?.[i] ?? '',
        mode: f.arg_modes?.[i] ?? 'i',
      }));
      // proargnames covers OUT arguments too; only IN/INOUT/VARIADIC ones are call arguments (proargtypes).
      const names = f.arg_modes
        ? (f.arg_names ?? []).filter((_, i) => ['i', 'b', 'v'].includes(f.arg_modes![i]))
        : (f.arg_names ?? []);
      const args = inputs.map((a, i) => ({
        name: names[i] ?? '',
        type: a.type,
        hasDefault: i >= inputs.length - f.n_defaults,
      }));
      const def: RoutineDef = {
        schema: f.schema,
        name: f.name,
        args,
        returnType: f.return_type,
        returnsSet: f.returns_set,
        returnsComposite: f.returns_composite,
        returnsVoid: f.return_type === 'void',
        volatility: f.volatility,
      };
      const key = `${f.schema}.${f.name}`;
      this.functions.set(key, [...(this.functions.get(key) ?? []), def]);
    }
  }
}
