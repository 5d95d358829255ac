// How /rest/v1 answers with rows: a JSON array, one object (application/vnd.pgrst.object+json, 406 PGRST116 unless
// exactly one row) or CSV, with PostgREST's Content-Range.
import type { Context } from 'hono';

export function contentRange(offset: number, count: number, total: number | null): string {
  const totalText = total === null ? '*' : String(total);
  return count === 0 ? `*/${totalText}` : `${offset}-${offset + count - 1}/${totalText}`;
}

export function responseShape(c: Context): 'csv' | 'single' | 'array' {
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('text/csv')) return 'csv';
  return accept.includes('application/vnd.pgrst.object+json') ? 'single' : 'array';
}

/** `body` is the rows as a JSON array, already serialised by Postgres. */
export function respondRows(c: Context, body: string, count: number, status: number, range: string) {
  const shape = responseShape(c);
  c.header('Content-Range', range);
  if (shape === 'single') {
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
  if (shape === 'csv') {
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
