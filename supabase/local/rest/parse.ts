// The request grammar PostgREST accepts and postgrest-js sends: select lists with embeds, fields with JSON paths, and
// the shapes of filters and order (parse-filters.ts reads those). Produces plain data; SQL is built in build.ts.
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

export class Scanner {
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

export function parseFieldFrom(s: Scanner): Field {
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
