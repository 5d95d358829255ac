// BOM diff by line, keyed by `ref` (never by position: inserting a line must not show every line below it as
// changed). Gives added, removed and changed lines with each changed field old → new, the quantity and price deltas,
// and the total's delta in its currency; a currency change is reported as one, never subtracted across currencies.
import type { Bom, BomLine, Money } from '../../agents/design/contract.ts';
import { compareMoney, formatMoney, type MoneyChange } from './money.ts';

export type BomField = Exclude<keyof BomLine, 'ref'>;
export type BomFieldChange = {
  field: BomField;
  before: unknown;
  after: unknown;
  beforeText: string;
  afterText: string;
};
export type BomLineChange = {
  ref: string;
  name: string;
  before: BomLine;
  after: BomLine;
  fields: BomFieldChange[];
  quantityDelta: number;
  unitPrice: MoneyChange | null; // null: unpriced on both sides
  linePrice: MoneyChange | null;
};
export type BomDiff = {
  identical: boolean;
  added: BomLine[]; // in the new version's order
  removed: BomLine[]; // in the old version's order
  changed: BomLineChange[];
  unchangedCount: number;
  boardRef: { before: string | null; after: string | null } | null;
  power: { before: Bom['power']; after: Bom['power'] } | null; // the supply and current budget, when they changed
  total: { before: Money; after: Money; change: MoneyChange };
  partCountDelta: number;
};

// The order fields are listed in: what a maker looks at first.
const fieldOrder: BomField[] = [
  'name',
  'quantity',
  'unitPrice',
  'linePrice',
  'mpn',
  'manufacturer',
  'catalogueKey',
  'role',
  'interface',
  'voltage',
  'currentMa',
  'supplier',
  'supplierPartNumber',
  'url',
  'alternatives',
  'warnings',
  'reason',
  'verified',
  'source',
];

export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => isDeepEqual(item, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How a field's value reads in a diff cell. */
export function formatBomField(field: BomField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'unitPrice':
    case 'linePrice':
      return formatMoney(value as Money);
    case 'currentMa': {
      const { typical, peak } = value as { typical: number; peak: number };
      return `${typical} mA typical, ${peak} mA peak`;
    }
    case 'alternatives':
      return (value as BomLine['alternatives']).map((a) => a.name).join(', ') || 'none';
    case 'warnings': {
      const open = (value as BomLine['warnings']).filter((w) => !w.resolved).length;
      return `${plural(open, 'open warning')}`;
    }
    case 'verified':
      return value ? 'verified' : 'not verified';
    default:
      return String(value);
  }
}

/** Keys lines by ref; a ref repeated within one version (the schema allows it) keys as ref#2, ref#3, … */
function keyLines(lines: BomLine[]): Map<string, BomLine> {
  const keyed = new Map<string, BomLine>();
  const seen = new Map<string, number>();
  for (const line of lines) {
    const n = (seen.get(line.ref) ?? 0) + 1;
    seen.set(line.ref, n);
    keyed.set(n === 1 ? line.ref : `${line.ref}#${n}`, line);
  }
  return keyed;
}

function compareLines(before: BomLine, after: BomLine): BomLineChange | null {
  const fields: BomFieldChange[] = [];
  for (const field of fieldOrder) {
    const a = before[field];
    const b = after[field];
    if (isDeepEqual(a, b)) continue;
    fields.push({
      field,
      before: a,
      after: b,
      beforeText: formatBomField(field, a),
      afterText: formatBomField(field, b),
    });
  }
  if (fields.length === 0) return null;
  return {
    ref: after.ref,
    name: after.name,
    before,
    after,
    fields,
    quantityDelta: after.quantity - before.quantity,
    unitPrice: compareMoney(before.unitPrice, after.unitPrice),
    linePrice: compareMoney(before.linePrice, after.linePrice),
  };
}

/** Compares two BOM versions line by line, keyed by ref. */
export function diffBom(before: Bom, after: Bom): BomDiff {
  const old = keyLines(before.lines);
  const current = keyLines(after.lines);
  const added: BomLine[] = [];
  const changed: BomLineChange[] = [];
  let unchangedCount = 0;
  for (const [key, line] of current) {
    const previous = old.get(key);
    if (!previous) {
      added.push(line);
      continue;
    }
    const change = compareLines(previous, line);
    if (change) changed.push(change);
    else unchangedCount++;
  }
  const removed = [...old].filter(([key]) => !current.has(key)).map(([, line]) => line);
  const total = {
    before: before.totals.subtotal,
    after: after.totals.subtotal,
    // Both subtotals are required by the schema, so this is a delta or a currency change.
    change: compareMoney(before.totals.subtotal, after.totals.subtotal)!,
  };
  const boardRef = before.boardRef === after.boardRef ? null : { before: before.boardRef, after: after.boardRef };
  const power = isDeepEqual(before.power, after.power) ? null : { before: before.power, after: after.power };
  const partCountDelta = after.totals.partCount - before.totals.partCount;
  const identical =
    added.length === 0 &&
    removed.length === 0 &&
    changed.length === 0 &&
    boardRef === null &&
    power === null &&
    total.change.kind === 'delta' &&
    total.change.delta === 0;
  return { identical, added, removed, changed, unchangedCount, boardRef, power, total, partCountDelta };
}

/** The lines of the BOM whose prices are in another currency than its subtotal (never summed silently). */
export function foreignCurrencyLines(bom: Bom): BomLine[] {
  const currency = bom.totals.subtotal.currency;
  return bom.lines.filter(
    (l) => (l.unitPrice && l.unitPrice.currency !== currency) || (l.linePrice && l.linePrice.currency !== currency),
  );
}
