// BOM lines from catalogue parts, and the totals every BOM carries (recomputed, never trusted from a writer).
import { getPart, type CataloguePart } from '../catalogue';
import type { Bom, BomLine, DatasheetPart, DesignWarning } from './contract';
import { money, round2 } from './money';

function voltageOf(part: CataloguePart): string | null {
  if (part.category === 'passive' || part.category === 'prototyping') return null;
  if (part.supplies) return `${part.supplies.volts} V out`;
  const { min, max } = part.supplyV;
  return min === max ? `${min} V` : `${min}–${max} V`;
}

export function lineFromPart(
  part: CataloguePart,
  ref: string,
  options: { quantity?: number; reason: string; requested?: boolean; i2cAddress?: string },
): BomLine {
  const quantity = options.quantity ?? 1;
  const line: BomLine = {
    ref,
    catalogueKey: part.key,
    name: part.name,
    mpn: part.mpn,
    manufacturer: part.manufacturer,
    quantity,
    role: part.category,
    interface: part.interface === 'none' ? null : part.interface,
    voltage: voltageOf(part),
    currentMa: part.currentMa.peak > 0 ? { ...part.currentMa } : null,
    unitPrice: { ...part.price },
    linePrice: money(part.price.amount * quantity, part.price.currency),
    supplier: part.supplier?.name ?? null,
    supplierPartNumber: part.supplier?.partNumber ?? null,
    url: part.supplier?.url ?? null,
    alternatives: part.alternatives.flatMap((key) => {
      const alternative = getPart(key);
      return alternative
        ? [
            {
              catalogueKey: key,
              name: alternative.name,
              unitPrice: { ...alternative.price },
              note: alternative.description,
            },
          ]
        : [];
    }),
    warnings: [],
    reason: options.reason,
    verified: true,
    source: 'catalogue',
  };
  if (options.requested) line.requested = true;
  if (options.i2cAddress) line.i2cAddress = options.i2cAddress;
  return line;
}

/** A part the maker named that the catalogue does not hold: listed, unpriced, unverified — never dropped. */
export function unknownLine(name: string): BomLine {
  return {
    ref: `unknown-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    catalogueKey: null,
    name,
    mpn: name,
    manufacturer: null,
    quantity: 1,
    role: 'other',
    interface: null,
    voltage: null,
    currentMa: null,
    unitPrice: null,
    linePrice: null,
    supplier: null,
    supplierPartNumber: null,
    url: null,
    alternatives: [],
    warnings: [],
    reason: 'you named it; it is not in the catalogue, so check its datasheet for supply, pins and library',
    verified: false,
    source: 'user',
    requested: true,
  };
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The attached datasheet of a part the maker named, if one names the same part number. */
export function datasheetFor(name: string, datasheets: DatasheetPart[]): DatasheetPart | null {
  const wanted = squash(name);
  return (
    datasheets.find((d) => {
      const part = squash(d.partNumber);
      return part.length >= 4 && (wanted.includes(part) || part.includes(wanted));
    }) ?? null
  );
}

/** A part the catalogue lacks whose datasheet the maker attached: built from the datasheet, and marked so. */
export function datasheetLine(name: string, datasheet: DatasheetPart): BomLine {
  const supply = datasheet.supplyV;
  const pages = [supply?.page, datasheet.logicV?.page].filter(Boolean);
  const line: BomLine = {
    ...unknownLine(name),
    mpn: datasheet.partNumber,
    interface: datasheet.i2cAddresses.length ? 'I2C' : null,
    voltage: supply ? `${supply.min}–${supply.max} V` : null,
    currentMa: datasheet.typicalMa === null ? null : { typical: datasheet.typicalMa, peak: datasheet.typicalMa },
    reason:
      'you named it; it is not in the catalogue, so its supply, logic levels and address come from the datasheet ' +
      `you attached${pages.length ? ` (p. ${[...new Set(pages)].join(', ')})` : ''}`,
    source: 'datasheet',
    datasheet,
  };
  if (datasheet.i2cAddresses[0]) line.i2cAddress = datasheet.i2cAddresses[0];
  return line;
}

export function computeTotals(lines: BomLine[]): Bom['totals'] {
  const currency = lines.find((line) => line.unitPrice)?.unitPrice?.currency ?? 'USD';
  const subtotal = lines.reduce((sum, line) => sum + (line.linePrice?.amount ?? 0), 0);
  return {
    subtotal: money(round2(subtotal), currency),
    lineCount: lines.length,
    partCount: lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/** Each line carries the warnings that name it. */
export function attachWarnings(lines: BomLine[], warnings: DesignWarning[]): BomLine[] {
  return lines.map((line) => ({ ...line, warnings: warnings.filter((warning) => warning.refs.includes(line.ref)) }));
}

export function partOf(line: Pick<BomLine, 'catalogueKey'>): CataloguePart | null {
  return getPart(line.catalogueKey);
}
