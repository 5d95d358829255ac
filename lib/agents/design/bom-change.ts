// BOM edits: the maker's operations applied to a BOM's basis (with a question when the target is ambiguous), and the
// change summary a new version carries ("Replaced DHT22 with BME280 (I2C, 3.3 V); removed …; total −$2.10").
import { getPart } from '../catalogue';
import type { Bom } from './contract';
import type { BomBasis } from './bom';
import { sharesJob } from './context';
import type { EditOp } from './edits';
import { formatDelta } from './money';
import { shortName } from './rules/types';

export type BasisChange = { basis: BomBasis; question: string | null; notes: string[]; said: string[] };

function label(key: string): string {
  const part = getPart(key);
  return part ? shortName(part) : key;
}

function describe(key: string): string {
  const part = getPart(key);
  if (!part) return key;
  const supply = part.supplyV.min <= 3.3 && part.supplyV.max >= 3.3 ? '3.3 V' : `${part.supplyV.max} V`;
  return `${label(key)} (${part.interface === 'none' ? 'passive' : part.interface}, ${supply})`;
}

export function applyBomOps(previous: BomBasis, ops: EditOp[]): BasisChange {
  const basis: BomBasis = structuredClone(previous);
  const notes: string[] = [];
  const said: string[] = [];
  for (const op of ops) {
    if (op.kind === 'power') {
      if (basis.power !== op.source) said.push(`power: ${op.source}`);
      basis.power = op.source;
      continue;
    }
    const key = op.kind === 'replace' ? op.to : op.key;
    const part = getPart(key);
    if (part?.category === 'mcu' && op.kind !== 'remove') {
      if (basis.board !== key) said.push(`Replaced ${label(basis.board)} with ${describe(key)}`);
      basis.board = key;
      continue;
    }
    if (op.kind === 'replace') {
      let from = op.from;
      if (from === null) {
        const candidates = basis.parts.filter((p) => sharesJob(p.key, op.to) && p.key !== op.to);
        if (candidates.length > 1)
          return {
            basis: previous,
            notes,
            said,
            question: `Which part should the ${label(op.to)} replace: ${candidates.map((c) => `the ${label(c.key)}`).join(' or ')}?`,
          };
        from = candidates[0]?.key ?? null;
      }
      const index = basis.parts.findIndex((p) => p.key === from);
      const existing = basis.parts.find((p) => p.key === op.to);
      if (index >= 0 && existing) {
        basis.parts.splice(index, 1);
        said.push(`Replaced ${label(from!)} with ${describe(op.to)}, already in the BOM`);
      } else if (from && index < 0) {
        notes.push(`There is no ${label(from)} in the BOM, so I added the ${label(op.to)} instead.`);
        basis.parts.push({ key: op.to, quantity: op.quantity });
        said.push(`Added ${describe(op.to)}`);
      } else if (index >= 0) {
        basis.parts.splice(index, 1, { key: op.to, quantity: Math.max(op.quantity, basis.parts[index].quantity) });
        said.push(`Replaced ${label(from!)} with ${describe(op.to)}`);
      } else {
        basis.parts.push({ key: op.to, quantity: op.quantity });
        said.push(`Added ${describe(op.to)}`);
      }
    } else if (op.kind === 'remove') {
      const before = basis.parts.length;
      basis.parts = basis.parts.filter((p) => p.key !== op.key);
      if (basis.parts.length < before) said.push(`Removed ${label(op.key)}`);
      else notes.push(`There is no ${label(op.key)} in the BOM to remove.`);
    } else {
      const existing = basis.parts.find((p) => p.key === op.key);
      const quantity = op.kind === 'add' ? (existing?.quantity ?? 0) + op.quantity : op.quantity;
      if (existing) existing.quantity = quantity;
      else basis.parts.push({ key: op.key, quantity });
      said.push(
        existing
          ? `${label(op.key)} × ${quantity}`
          : `Added ${op.quantity > 1 ? `${op.quantity} × ` : ''}${describe(op.key)}`,
      );
    }
  }
  return { basis, question: null, notes, said };
}

/** What changed between two BOM versions, in the words of the change summary. */
export function summariseBomChange(before: Bom, after: Bom, said: string[]): string {
  const pieces = [...said];
  const oldRefs = new Map(before.lines.map((line) => [line.ref, line]));
  const newRefs = new Map(after.lines.map((line) => [line.ref, line]));
  for (const [ref, line] of oldRefs)
    if (!newRefs.has(ref) && !line.requested) pieces.push(`removed the ${line.reason.replace(/^(the )/, '')}`);
  for (const [ref, line] of newRefs)
    if (!oldRefs.has(ref) && !line.requested) pieces.push(`added ${line.reason.replace(/^(the )/, '')}`);
  const saidText = said.join(' ').toLowerCase();
  for (const [ref, line] of newRefs)
    if (!oldRefs.has(ref) && line.requested && !saidText.includes(line.name.split(' ')[0].toLowerCase()))
      pieces.push(`added ${line.verified ? line.name : `${line.name} (not in the catalogue)`}`);
  for (const [ref, line] of oldRefs)
    if (!newRefs.has(ref) && line.requested && !saidText.includes(line.name.split(' ')[0].toLowerCase()))
      pieces.push(`removed ${line.name}`);
  for (const [ref, line] of newRefs) {
    const old = oldRefs.get(ref);
    if (old && old.catalogueKey !== line.catalogueKey && !line.requested)
      pieces.push(`${old.name.split(' (')[0]} → ${line.name.split(' (')[0]}`);
  }
  const delta = after.totals.subtotal.amount - before.totals.subtotal.amount;
  if (Math.abs(delta) >= 0.005) pieces.push(`total ${formatDelta(delta, after.totals.subtotal.currency)}`);
  return pieces.length ? pieces.join('; ') : 'No change';
}

export function basisFromBom(bom: Bom): BomBasis {
  if (bom.basis) return bom.basis;
  const boardLine =
    bom.lines.find((line) => line.ref === bom.boardRef) ?? bom.lines.find((line) => line.role === 'mcu');
  const parts = new Map<string, number>();
  for (const line of bom.lines) {
    const part = getPart(line.catalogueKey);
    if (!part || line === boardLine || !['sensor', 'display', 'actuator'].includes(part.category)) continue;
    parts.set(part.key, (parts.get(part.key) ?? 0) + line.quantity);
  }
  return {
    board: boardLine?.catalogueKey ?? 'esp32-devkitc',
    parts: [...parts].map(([key, quantity]) => ({ key, quantity })),
    unknownParts: bom.lines.filter((line) => !line.catalogueKey).map((line) => line.name),
    power: bom.lines.some((line) => getPart(line.catalogueKey)?.supplies?.capacityMah) ? 'battery' : 'usb',
    wifi: true,
  };
}
