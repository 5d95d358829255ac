// The payload of one postgres_changes event, as walrus builds it: the columns and record values the subscriber's role
// may select, the old record's key (or whole row under REPLICA IDENTITY FULL), or walrus's error when the role may
// not select the table's key.
import type { ChangeType } from './filters.ts';

export type Change = {
  schema: string;
  table: string;
  type: ChangeType;
  commit_timestamp: string;
  record: Record<string, unknown> | null;
  old_record: Record<string, unknown> | null;
};

export type Column = { name: string; type: string };
export type Access = { pkSelectable: boolean; selectable: Set<string> };
export type TableMeta = {
  oid: number;
  columns: Column[];
  types: Map<string, string>;
  pk: string[];
  replicaIdentity: 'd' | 'f' | 'n' | 'i';
  rls: boolean;
  published: boolean;
  access: Map<string, Promise<Access>>;
};

/** The columns of `row` that `keep` accepts. */
export function pick(row: Record<string, unknown> | null, keep: (column: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (row) for (const column in row) if (keep(column)) out[column] = row[column];
  return out;
}

export function changeData(change: Change, meta: TableMeta, access: Access, oldRow: Record<string, unknown> | null) {
  const can = (column: string) => access.selectable.has(column);
  const data: Record<string, unknown> = {
    schema: change.schema,
    table: change.table,
    commit_timestamp: change.commit_timestamp,
    type: change.type,
    columns: meta.columns.filter((c) => can(c.name)),
    errors: null,
  };
  if (change.type !== 'DELETE') data.record = pick(change.record, can);
  if (change.type !== 'INSERT') data.old_record = pick(oldRow, can);
  return data;
}

/** What walrus sends a subscriber whose role may not select the table's key (or when there is no key). */
export function errorData(change: Change, meta: TableMeta) {
  const error = meta.pk.length === 0 ? 'Error 400: Bad Request, no primary key' : 'Error 401: Unauthorized';
  return {
    schema: change.schema,
    table: change.table,
    commit_timestamp: null,
    type: change.type,
    columns: null,
    record: null,
    old_record: null,
    errors: [error],
  };
}
