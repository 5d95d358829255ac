// The filter grammar of a /rest/v1 query string: `[not.]op[(modifier)].value` after a column, `and`/`or` trees and
// `order`. Produces plain data (types in parse.ts); SQL is built in build.ts.
import { parseError } from './errors.ts';
import {
  Scanner,
  parseFieldFrom,
  type Condition,
  type Logic,
  type Operator,
  type OrderTerm,
  type Field,
} from './parse.ts';

const quantifiable = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const operators = new Set<string>([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
  'is',
  'isdistinct',
  'in',
  'cs',
  'cd',
  'ov',
  'sl',
  'sr',
  'nxl',
  'nxr',
  'adj',
  'fts',
  'plfts',
  'phfts',
  'wfts',
]);

/** Splits on commas at nesting depth 0, honouring double quotes and parentheses/braces. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted) {
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      if (ch === ')' || ch === '}' || ch === ']') depth--;
      if (ch === ',' && depth === 0) {
        parts.push(current);
        current = '';
        continue;
      }
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value;
}

/** `[not.]op[(config)].value` as it appears after `col=` in a query string. */
export function parseOperation(field: Field, text: string): Condition {
  let rest = text;
  let negated = false;
  if (rest.startsWith('not.')) {
    negated = true;
    rest = rest.slice(4);
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\.([\s\S]*)$/.exec(rest);
  if (!m || !operators.has(m[1])) {
    throw parseError(`"failed to parse filter (${text})"`, `unknown or missing operator in "${text}"`);
  }
  const [, op, modifier, raw] = m;
  const fts = ['fts', 'plfts', 'phfts', 'wfts'].includes(op);
  if (modifier && !fts) {
    // `like(any).{a*,b*}`: PostgREST's quantifiers, on the operators that compare one value.
    if (!['any', 'all'].includes(modifier) || !quantifiable.has(op))
      throw parseError(`"failed to parse filter (${text})"`, `"${op}" takes no modifier "${modifier}"`);
    const list = /^\{([\s\S]*)\}$/.exec(raw);
    if (!list) throw parseError(`"failed to parse filter (${text})"`, `${op}(${modifier}) needs a list written {a,b}`);
    const values = list[1] === '' ? [] : splitTopLevel(list[1]).map((v) => unquote(v.trim()));
    return {
      kind: 'condition',
      field,
      negated,
      op: op as Operator,
      quantifier: modifier as 'any' | 'all',
      value: values,
    };
  }
  if (op === 'in') {
    const inner = /^\(([\s\S]*)\)$/.exec(raw);
    if (!inner) throw parseError(`"failed to parse filter (${text})"`, 'in. needs a parenthesised list');
    const values = inner[1] === '' ? [] : splitTopLevel(inner[1]).map((v) => unquote(v.trim()));
    return { kind: 'condition', field, negated, op: 'in', value: values };
  }
  return { kind: 'condition', field, negated, op: op as Operator, config: modifier, value: raw };
}

/** The body of `or=(...)`/`and=(...)`: conditions written `field.op.value`, and nested `and(...)`/`or(...)`. */
export function parseLogic(op: 'and' | 'or', negated: boolean, text: string): Logic {
  const inner = /^\(([\s\S]*)\)$/.exec(text);
  if (!inner) throw parseError(`"failed to parse logic tree (${text})"`, 'expecting "(" … ")"');
  const children = splitTopLevel(inner[1]).map((part): Condition | Logic => {
    const nested = /^(not\.)?(and|or)(\([\s\S]*\))$/.exec(part);
    if (nested) return parseLogic(nested[2] as 'and' | 'or', !!nested[1], nested[3]);
    const s = new Scanner(part);
    const field = parseFieldFrom(s);
    s.expect('.');
    return parseOperation(field, part.slice(s.pos));
  });
  return { kind: 'logic', op, negated, children };
}

export function parseOrder(text: string): OrderTerm[] {
  return splitTopLevel(text).map((term) => {
    const s = new Scanner(term);
    let field = parseFieldFrom(s);
    let relation: string | undefined;
    if (s.peek() === '(') {
      s.pos++;
      relation = field.name;
      field = parseFieldFrom(s);
      if (s.peek() !== ')')
        throw parseError(`"failed to parse order (${text})"`, `expected ")" after the related column`);
      s.pos++;
    }
    const modifiers = term.slice(s.pos).split('.').filter(Boolean);
    let direction: 'asc' | 'desc' = 'asc';
    let nulls: 'first' | 'last' | undefined;
    for (const mod of modifiers) {
      if (mod === 'asc' || mod === 'desc') direction = mod;
      else if (mod === 'nullsfirst') nulls = 'first';
      else if (mod === 'nullslast') nulls = 'last';
      else throw parseError(`"failed to parse order (${text})"`, `unknown order modifier "${mod}"`);
    }
    return { field, direction, nulls, relation };
  });
}
