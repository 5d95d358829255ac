// What a /rest/v1 request says besides its path: Prefer, the JSON body, and the filters, logic trees, order and
// paging of each level of the query string; and how a JSON value becomes the text of a bound parameter.
import type { Context } from 'hono';
import type { Level, Levels } from './build.ts';
import { RestError } from './errors.ts';
import { parseLogic, parseOperation, parseOrder } from './parse-filters.ts';
import { parseField } from './parse.ts';
import type { Relation } from './schema-cache.ts';
import type { RestState } from './state.ts';

export const maxRows = 1000;
const maxBodyBytes = 10 * 1024 * 1024;

export type Prefer = { return?: string; count?: string; resolution?: string; missing?: string; tx?: string };

export function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = {};
  for (const part of (header ?? '').split(',')) {
    const [key, value] = part.trim().split('=');
    if (key && value) (prefer as Record<string, string>)[key] = value;
  }
  return prefer;
}

export async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > maxBodyBytes)
    throw new RestError(413, 'PGRST413', `The request body is larger than ${maxBodyBytes} bytes`);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(400, 'PGRST102', 'Empty or invalid json', (error as Error).message);
  }
}

export function relationOf(rest: RestState, schema: string, name: string): Relation {
  const relation = rest.cache.relation(schema, name);
  if (!relation) {
    throw new RestError(
      404,
      'PGRST205',
      `Could not find the table '${schema}.${name}' in the schema cache`,
      null,
      null,
    );
  }
  return relation;
}

/** Filters, logic trees, order and paging from the query string, by embedded path ('' is the root). */
export function parseLevels(params: URLSearchParams, skip: Set<string> = new Set()): Levels {
  const levels: Levels = new Map();
  const level = (path: string): Level => {
    let l = levels.get(path);
    if (!l) levels.set(path, (l = { conditions: [] }));
    return l;
  };
  for (const [key, value] of params) {
    if (skip.has(key)) continue;
    if (key === 'select' || key === 'columns' || key === 'on_conflict') continue;
    const logic = /^(?:(.+)\.)?(not\.)?(and|or)$/.exec(key);
    if (logic) {
      level(logic[1] ?? '').conditions.push(parseLogic(logic[3] as 'and' | 'or', !!logic[2], value));
      continue;
    }
    const paging = /^(?:(.+)\.)?(order|limit|offset)$/.exec(key);
    if (paging) {
      const l = level(paging[1] ?? '');
      if (paging[2] === 'order') l.order = parseOrder(value);
      else {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) {
          throw new RestError(
            416,
            'PGRST103',
            'Requested range not satisfiable',
            `${paging[2]} must be a non-negative integer`,
          );
        }
        if (paging[2] === 'limit') l.limit = n;
        else l.offset = n;
      }
      continue;
    }
    const dot = key.lastIndexOf('.');
    const arrow = key.indexOf('->');
    const split = dot > 0 && (arrow < 0 || dot < arrow) ? dot : -1;
    const path = split > 0 ? key.slice(0, split) : '';
    const column = split > 0 ? key.slice(split + 1) : key;
    level(path).conditions.push(parseOperation(parseField(column), value));
  }
  return levels;
}

function toPgArray(values: unknown[]): string {
  return (
    '{' +
    values
      .map((v) => {
        if (v === null || v === undefined) return 'NULL';
        if (Array.isArray(v)) return toPgArray(v);
        const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
        return '"' + s.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + '"';
      })
      .join(',') +
    '}'
  );
}

/** A JSON value as the text Postgres casts to `type` (bound as `$n::text::type`). */
export function serialize(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]') && Array.isArray(value)) return toPgArray(value);
  if (typeof value === 'object') return JSON.stringify(value);
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value);
  return String(value);
}
