// postgres_changes bindings as realtime-js sends them in the join ({event, schema, table?, filter?}), their server
// ids, and the row filters (`column=op.value`, joined by commas as AND), evaluated against the changed row with the
// column's type as the real server does with casts.
export type ChangeType = 'INSERT' | 'UPDATE' | 'DELETE';
export type Operator = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'is';
export type Filter = { column: string; op: Operator; negate: boolean; value: string; list: string[] };

export type Binding = {
  id: number;
  /** What the join reply echoes: the client matches it field by field. */
  params: Record<string, unknown>;
  event: '*' | ChangeType;
  schema: string;
  table: string; // '*' for every table of the schema
  filters: Filter[];
};

const operators = new Set<string>(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'is']);
const unsupported = new Set<string>(['like', 'ilike', 'match', 'imatch', 'isdistinct']);

/** A stable id per distinct binding, as the real server derives one from the binding's parameters. */
function bindingId(params: Record<string, unknown>): number {
  const text = JSON.stringify([params.event, params.schema, params.table ?? null, params.filter ?? null]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 100_000_000 || 1;
}

/** Splits on commas outside double quotes and parentheses, as the server reads a filter. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (ch === ',' && !quoted && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

export function parseFilter(filter: string): { ok: true; filters: Filter[] } | { ok: false; message: string } {
  if (!filter.trim()) return { ok: true, filters: [] };
  const filters: Filter[] = [];
  for (const part of splitTopLevel(filter)) {
    const match = /^([^=]+)=(not\.)?([a-z]+)\.([\s\S]*)$/.exec(part.trim());
    if (!match) return { ok: false, message: `Error parsing \`filter\` params: ${part}` };
    const [, column, not, op, raw] = match;
    if (unsupported.has(op))
      return {
        ok: false,
        message: `The ${op} filter operator is not supported by the local stand-in (supported: eq, neq, lt, lte, gt, gte, in, is)`,
      };
    if (!operators.has(op)) return { ok: false, message: `Error parsing \`filter\` params: unknown operator ${op}` };
    let list: string[] = [];
    if (op === 'in') {
      const inner = /^\(([\s\S]*)\)$/.exec(raw.trim());
      if (!inner) return { ok: false, message: `Error parsing \`filter\` params: ${part}` };
      list = splitTopLevel(inner[1]).map(unquote);
    }
    filters.push({ column: column.trim(), op: op as Operator, negate: !!not, value: unquote(raw), list });
  }
  return { ok: true, filters };
}

export function parseBinding(
  raw: Record<string, unknown>,
): { ok: true; binding: Binding } | { ok: false; message: string } {
  const event = String(raw.event ?? '*').toUpperCase();
  if (!['*', 'INSERT', 'UPDATE', 'DELETE'].includes(event))
    return { ok: false, message: `Error parsing \`event\` params: ${raw.event}` };
  if (typeof raw.schema !== 'string' || !raw.schema)
    return { ok: false, message: 'Error parsing `schema` params: missing' };
  // Every table of every schema, or of one schema; a table name under `schema: '*'` is not a binding the server knows.
  const table = raw.schema !== '*' && typeof raw.table === 'string' && raw.table ? raw.table : '*';
  const parsed = parseFilter(typeof raw.filter === 'string' ? raw.filter : '');
  if (!parsed.ok) return parsed;
  const params = { ...raw };
  return {
    ok: true,
    binding: {
      id: bindingId(params),
      params,
      event: event as Binding['event'],
      schema: raw.schema,
      table,
      filters: parsed.filters,
    },
  };
}

const numeric = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'money']);
const temporal = new Set(['timestamptz', 'timestamp', 'date']);

/** Postgres' text forms (`2026-01-02 00:00:00+00`) as well as ISO 8601, in milliseconds. */
function instant(text: string): number {
  return Date.parse(
    text
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}

/** -1, 0 or 1, or null when the two cannot be compared (the server's cast would fail: the filter does not match). */
function compare(type: string, value: unknown, text: string): number | null {
  if (numeric.has(type)) {
    const a = Number(value);
    const b = Number(text);
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (type === 'bool') {
    const b = /^(t|true|y|yes|on|1)$/i.test(text) ? true : /^(f|false|n|no|off|0)$/i.test(text) ? false : null;
    if (b === null) return null;
    return value === b ? 0 : value ? 1 : -1;
  }
  if (temporal.has(type)) {
    const a = instant(String(value));
    const b = instant(text);
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  const a = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const b = type === 'uuid' ? text.toLowerCase() : text;
  return a === b ? 0 : a < b ? -1 : 1;
}

function test(filter: Filter, type: string, value: unknown): boolean {
  if (filter.op === 'is') {
    const v = filter.value.toLowerCase();
    if (v === 'null') return value === null;
    if (v === 'true' || v === 'false') return value === (v === 'true');
    return false;
  }
  if (value === null || value === undefined) return false;
  if (filter.op === 'in') return filter.list.some((item) => compare(type, value, item) === 0);
  const order = compare(type, value, filter.value);
  if (order === null) return false;
  switch (filter.op) {
    case 'eq':
      return order === 0;
    case 'neq':
      return order !== 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
  }
}

/** Every filter holds for `row`; a filter on a column the row does not carry (a DELETE's key-only old row) fails. */
export function rowMatches(
  filters: Filter[],
  row: Record<string, unknown> | null,
  types: Map<string, string>,
): boolean {
  if (filters.length === 0) return true;
  if (!row) return false;
  return filters.every((filter) => {
    if (!(filter.column in row)) return false;
    // SQL's three-valued logic: a comparison with null is neither true nor false, negated or not.
    if (filter.op !== 'is' && (row[filter.column] === null || row[filter.column] === undefined)) return false;
    const result = test(filter, types.get(filter.column) ?? 'text', row[filter.column]);
    return filter.negate ? !result : result;
  });
}
