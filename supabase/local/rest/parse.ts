// The request grammar PostgREST accepts and postgrest-js sends: select lists with embeds, filters (with not., and/or
// trees and embedded paths), order and the reserved query parameters. Produces plain data; SQL is built elsewhere.
import { parseError } from './errors.ts';

export type Field = { name: string; path: Array<{ arrow: '->' | '->>'; key: string }> };
export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; alias?: string; cast?: string; aggregate?: string }
  | {
      kind: 'embed';
      relation: string;
      alias?: string;
      hint?: string;
      joinType?: 'inner' | 'left';
      spread: boolean;
      select: SelectItem[];
    };

export type Operator =
  | 'eq'
  | 'neq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'like'
  | 'ilike'
  | 'match'
  | 'imatch'
  | 'is'
  | 'isdistinct'
  | 'in'
  | 'cs'
  | 'cd'
  | 'ov'
  | 'sl'
  | 'sr'
  | 'nxl'
  | 'nxr'
  | 'adj'
  | 'fts'
  | 'plfts'
  | 'phfts'
  | 'wfts';
const quantifiable = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
export const operators = new Set<string>([
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

export type Condition = {
  kind: 'condition';
  field: Field;
  negated: boolean;
  op: Operator;
  config?: string;
  quantifier?: 'any' | 'all';
  value: string | string[];
};
export type Logic = { kind: 'logic'; op: 'and' | 'or'; negated: boolean; children: Array<Condition | Logic> };
/** `relation` is set for PostgREST's related order, `order=author(name).desc`, on a to-one embedded resource. */
export type OrderTerm = {
  field: Field;
  direction: 'asc' | 'desc';
  nulls?: 'first' | 'last';
  relation?: string;
  hint?: string;
};

const identChar = /[^,.:()!>\-"\s]/;

class Scanner {
  pos = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  peek(n = 0) {
    return this.text[this.pos + n];
  }
  eof() {
    return this.pos >= this.text.length;
  }
  startsWith(s: string) {
    return this.text.startsWith(s, this.pos);
  }
  expect(s: string) {
    if (!this.startsWith(s))
      throw parseError(
        `"failed to parse select parameter (${this.text})"`,
        `unexpected "${this.peek() ?? 'end of input'}" at ${this.pos}, expecting "${s}"`,
      );
    this.pos += s.length;
  }
  identifier(): string {
    if (this.peek() === '"') {
      let out = '';
      this.pos++;
      while (!this.eof() && this.peek() !== '"') {
        if (this.peek() === '\\' && this.peek(1) === '"') this.pos++;
        out += this.text[this.pos++];
      }
      this.expect('"');
      return out;
    }
    const start = this.pos;
    while (!this.eof() && (identChar.test(this.peek()!) || (this.peek() === '-' && this.peek(1) !== '>'))) this.pos++;
    if (start === this.pos)
      throw parseError(
        `"failed to parse select parameter (${this.text})"`,
        `unexpected "${this.peek() ?? 'end of input'}" at ${this.pos}, expecting an identifier`,
      );
    return this.text.slice(start, this.pos);
  }
}

function parseFieldFrom(s: Scanner): Field {
  const name = s.identifier();
  const path: Field['path'] = [];
  while (s.startsWith('->')) {
    const arrow = s.startsWith('->>') ? '->>' : '->';
    s.pos += arrow.length;
    path.push({ arrow, key: s.identifier() });
  }
  return { name, path };
}

export function parseField(text: string): Field {
  const s = new Scanner(text);
  const field = parseFieldFrom(s);
  if (!s.eof()) throw parseError(`"failed to parse filter (${text})"`, `unexpected "${s.peek()}"`);
  return field;
}

const aggregates = new Set(['count', 'sum', 'avg', 'max', 'min']);

function parseItems(s: Scanner, nested: boolean): SelectItem[] {
  const items: SelectItem[] = [];
  for (;;) {
    while (s.peek() === ' ') s.pos++;
    if (s.peek() === '*') {
      s.pos++;
      items.push({ kind: 'star' });
    } else {
      const spread = s.startsWith('...');
      if (spread) s.pos += 3;
      let alias: string | undefined;
      let name = s.identifier();
      if (s.peek() === ':' && s.peek(1) !== ':') {
        s.pos++;
        alias = name;
        name = s.identifier();
      }
      if (name === 'count' && s.startsWith('()') && !spread) {
        // PostgREST reads a bare `count()` as the row-count aggregate, not as an embed named count.
        s.pos += 2;
        items.push({ kind: 'column', field: { name: '*', path: [] }, alias, aggregate: 'count' });
      } else if (s.peek() === '!' || s.peek() === '(') {
        let hint: string | undefined;
        let joinType: 'inner' | 'left' | undefined;
        while (s.peek() === '!') {
          s.pos++;
          const word = s.identifier();
          if (word === 'inner' || word === 'left') joinType = word;
          else hint = word;
        }
        s.expect('(');
        const select = s.peek() === ')' ? [] : parseItems(s, true);
        s.expect(')');
        items.push({ kind: 'embed', relation: name, alias, hint, joinType, spread, select });
      } else {
        if (spread)
          throw parseError(`"failed to parse select parameter (${s.text})"`, 'a spread needs an embedded resource');
        const field: Field = { name, path: [] };
        while (s.startsWith('->')) {
          const arrow = s.startsWith('->>') ? '->>' : '->';
          s.pos += arrow.length;
          field.path.push({ arrow, key: s.identifier() });
        }
        let aggregate: string | undefined;
        if (s.startsWith('.') && aggregates.has(s.text.slice(s.pos + 1).split(/[(),:]/)[0])) {
          s.pos++;
          aggregate = s.identifier();
          s.expect('()');
        }
        let cast: string | undefined;
        if (s.startsWith('::')) {
          s.pos += 2;
          cast = s.identifier();
        }
        items.push({ kind: 'column', field, alias, cast, aggregate });
      }
    }
    while (s.peek() === ' ') s.pos++;
    if (s.peek() === ',') {
      s.pos++;
      continue;
    }
    if (nested ? s.peek() === ')' : s.eof()) return items;
    throw parseError(`"failed to parse select parameter (${s.text})"`, `unexpected "${s.peek()}" at ${s.pos}`);
  }
}

export function parseSelect(text: string | undefined): SelectItem[] {
  if (text === undefined || text.trim() === '') return [{ kind: 'star' }];
  return parseItems(new Scanner(text.replace(/\s+(?=[^"]*(?:"[^"]*"[^"]*)*$)/g, '')), false);
}

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
