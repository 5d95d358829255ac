// How one relation reaches another for an embed or a related order, as PostgREST finds it in the schema cache:
// a foreign key either way (to-one, to-many), a junction table whose primary key holds both foreign keys
// (many-to-many), or a foreign-key column named directly; `!hint` picks among several (PGRST200/PGRST201).
import { RestError } from './errors.ts';
import type { ForeignKey, Relation, SchemaCache } from './schema-cache.ts';

export type Relationship =
  | { kind: 'to-one'; fk: ForeignKey; target: Relation }
  | { kind: 'to-many'; fk: ForeignKey; target: Relation }
  | { kind: 'many-to-many'; target: Relation; junction: Relation; toParent: ForeignKey; toTarget: ForeignKey };

export function resolveRelationship(
  cache: SchemaCache,
  parent: Relation,
  name: string,
  hint: string | undefined,
): Relationship {
  const fks = cache.foreignKeys;
  const candidates: Relationship[] = [];
  const target = cache.relation(parent.schema, name);
  if (target) {
    for (const fk of fks) {
      if (
        fk.schema === parent.schema &&
        fk.table === parent.name &&
        fk.refTable === target.name &&
        fk.refSchema === target.schema
      ) {
        candidates.push({ kind: 'to-one', fk, target });
      }
      if (
        fk.schema === target.schema &&
        fk.table === target.name &&
        fk.refTable === parent.name &&
        fk.refSchema === parent.schema &&
        !(target.name === parent.name && candidates.some((c) => c.kind === 'to-one' && c.fk === fk))
      ) {
        candidates.push({ kind: 'to-many', fk, target });
      }
    }
    for (const junction of cache.relations.values()) {
      if (junction.schema !== parent.schema || junction.name === parent.name || junction.name === target.name) continue;
      const toParent = fks.filter(
        (f) => f.schema === junction.schema && f.table === junction.name && f.refTable === parent.name,
      );
      const toTarget = fks.filter(
        (f) => f.schema === junction.schema && f.table === junction.name && f.refTable === target.name,
      );
      for (const p of toParent)
        for (const t of toTarget) {
          if (
            p.columns.every((c) => junction.primaryKey.includes(c)) &&
            t.columns.every((c) => junction.primaryKey.includes(c))
          ) {
            candidates.push({ kind: 'many-to-many', target, junction, toParent: p, toTarget: t });
          }
        }
    }
  } else {
    // Embedding through a foreign-key column name: `project_id(*)`.
    for (const fk of fks) {
      if (
        fk.schema === parent.schema &&
        fk.table === parent.name &&
        fk.columns.length === 1 &&
        fk.columns[0] === name
      ) {
        const ref = cache.relation(fk.refSchema, fk.refTable);
        if (ref) candidates.push({ kind: 'to-one', fk, target: ref });
      }
    }
  }
  const matches = hint
    ? candidates.filter((c) =>
        c.kind === 'many-to-many'
          ? c.junction.name === hint || c.toParent.name === hint || c.toTarget.name === hint
          : c.fk.name === hint || c.fk.columns.includes(hint) || c.fk.refColumns.includes(hint),
      )
    : candidates;
  if (matches.length === 0) {
    throw new RestError(
      400,
      'PGRST200',
      `Could not find a relationship between '${parent.name}' and '${name}' in the schema cache`,
      `Searched for a foreign key relationship between '${parent.name}' and '${name}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${parent.schema}', but no matches were found.`,
      null,
    );
  }
  if (matches.length > 1) {
    throw new RestError(
      300,
      'PGRST201',
      `Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
      null,
      `Try changing '${name}' to one of the following: ${matches.map((m) => `'${name}!${m.kind === 'many-to-many' ? m.junction.name : m.fk.name}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
    );
  }
  return matches[0];
}
