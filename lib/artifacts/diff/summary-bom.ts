// The one-line summary of a BOM change, from its keyed diff: "Replaced DHT22 with BME280 (I2C, 3.3 V); removed its
// 10 kΩ pull-up; total −$2.10". Replacements are a removed and an added line of the same role; the helpers of a
// replaced part (lines whose ref or reason names it, like its pull-up) are said to go with it.
import type { BomLine } from '../../agents/design/contract.ts';
import type { BomDiff, BomLineChange } from './bom.ts';
import { describeMoneyChange, formatMoney } from './money.ts';

/** A short name for a line: its part number when the name starts with one ('DHT22', 'BME280'), else the name up
 * to its first parenthesis or comma ('10 kΩ pull-up'). */
export function partLabel(line: Pick<BomLine, 'name'>): string {
  const head = line.name.split(/\s*[(,]/)[0].trim() || line.name;
  const first = head.split(/\s+/)[0];
  const looksLikePartNumber = first.length >= 3 && /\d/.test(first) && /[A-Za-z]/.test(first) && !/^\d/.test(first);
  return looksLikePartNumber ? first : head;
}

const roleReplaceable = (line: BomLine) => line.role !== 'passive' && line.role !== 'prototyping';
const withQuantity = (line: BomLine) => (line.quantity > 1 ? `${line.quantity}× ${partLabel(line)}` : partLabel(line));

/** Lines that exist for another one (its pull-up, its decoupling capacitor): the ref or the reason names it. */
function belongsTo(helper: BomLine, owner: BomLine): boolean {
  if (helper === owner || roleReplaceable(helper)) return false;
  const needles = [owner.ref.toLowerCase(), partLabel(owner).toLowerCase()];
  const hay = `${helper.ref} ${helper.reason} ${helper.name}`.toLowerCase();
  return needles.some((n) => n.length >= 3 && hay.includes(n));
}

function listNames(lines: BomLine[], max = 2): string {
  const names = lines.slice(0, max).map(withQuantity);
  const rest = lines.length - names.length;
  if (rest > 0) return `${names.join(', ')} and ${rest} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

function describeLineChange(change: BomLineChange): string {
  const label = partLabel(change.after);
  const fields = change.fields.map((f) => f.field);
  if (fields.includes('name') && partLabel(change.before) !== label) {
    return `changed ${partLabel(change.before)} to ${label}`;
  }
  if (change.quantityDelta !== 0) return `${label} ×${change.before.quantity} → ×${change.after.quantity}`;
  if (change.unitPrice && change.unitPrice.kind !== 'delta')
    return `${label} price ${describeMoneyChange(change.unitPrice)}`;
  if (change.unitPrice?.kind === 'delta' && change.unitPrice.delta !== 0) {
    return `${label} ${formatMoney({ amount: change.unitPrice.before, currency: change.unitPrice.currency })} → ${formatMoney(
      { amount: change.unitPrice.after, currency: change.unitPrice.currency },
    )}`;
  }
  const shown = fields.filter((f) => f !== 'linePrice' && f !== 'name').slice(0, 3);
  return `updated ${label} (${shown.join(', ') || 'name'})`;
}

/** Joins clauses, keeping the line readable: after `max` clauses the rest are counted. */
export function joinClauses(clauses: string[], max = 4): string {
  if (clauses.length === 0) return 'No changes';
  const shown = clauses.slice(0, max);
  const rest = clauses.length - shown.length;
  const text = shown.join('; ') + (rest > 0 ? `; and ${rest} more change${rest === 1 ? '' : 's'}` : '');
  return text[0].toUpperCase() + text.slice(1);
}

export function summariseBomDiff(diff: BomDiff): string {
  const removed = [...diff.removed];
  const added = [...diff.added];
  const clauses: string[] = [];

  for (const oldLine of diff.removed.filter(roleReplaceable)) {
    const index = added.findIndex((a) => roleReplaceable(a) && a.role === oldLine.role);
    if (index === -1) continue;
    const [newLine] = added.splice(index, 1);
    removed.splice(removed.indexOf(oldLine), 1);
    const details = [newLine.interface, newLine.voltage].filter(Boolean).join(', ');
    clauses.push(`replaced ${partLabel(oldLine)} with ${partLabel(newLine)}${details ? ` (${details})` : ''}`);
    const helpersGone = removed.filter((l) => belongsTo(l, oldLine));
    if (helpersGone.length) {
      clauses.push(`removed its ${listNames(helpersGone)}`);
      for (const h of helpersGone) removed.splice(removed.indexOf(h), 1);
    }
    const helpersNew = added.filter((l) => belongsTo(l, newLine));
    if (helpersNew.length) {
      clauses.push(`added its ${listNames(helpersNew)}`);
      for (const h of helpersNew) added.splice(added.indexOf(h), 1);
    }
  }
  if (added.length) clauses.push(`added ${listNames(added)}`);
  if (removed.length) clauses.push(`removed ${listNames(removed)}`);
  for (const change of diff.changed) clauses.push(describeLineChange(change));
  if (diff.boardRef) clauses.push(`board is now ${diff.boardRef.after ?? 'unset'}`);

  const { change } = diff.total;
  const totalClause =
    change.kind === 'delta'
      ? change.delta !== 0
        ? `total ${describeMoneyChange(change)}`
        : null
      : `total ${describeMoneyChange(change)}`;
  if (clauses.length === 0) return totalClause ? joinClauses([totalClause]) : 'No changes';
  // The total always closes the line, even when the clauses before it are cut short.
  const body = joinClauses(clauses, 3);
  return totalClause ? `${body}; ${totalClause}` : body;
}
