// What the BOM CSV profiles share: reference designators (R1, C2, U3 …) generated from the lines, since a BOM line's
// `ref` is a stable key ('r-pullup-sda'), not a designator; the package read from the name or MPN; the value of a
// passive; and which supplier numbers are LCSC's or DigiKey's.
import type { Bom, BomLine } from '../agents/design/contract.ts';
import { partLabel } from '../artifacts/diff/summary-bom.ts';

export type DesignatedLine = { line: BomLine; designators: string[]; lineNumber: number };

function designatorPrefix(line: BomLine): string | null {
  const text = `${line.name} ${line.mpn ?? ''}`;
  switch (line.role) {
    case 'prototyping':
      return null; // breadboards and jumper wires are bought, not placed: no designator
    case 'passive':
      if (/resist|Ω|ohm/i.test(text)) return 'R';
      if (/capacit|\d\s*[µunp]F\b/i.test(text)) return 'C';
      if (/induct|\d\s*[µun]H\b|ferrite/i.test(text)) return 'L';
      if (/diode/i.test(text)) return 'D';
      return 'X';
    case 'actuator':
      if (/\bLED\b/i.test(text)) return 'D';
      if (/buzzer|speaker/i.test(text)) return 'BZ';
      if (/relay/i.test(text)) return 'K';
      if (/motor|servo/i.test(text)) return 'M';
      return 'U';
    case 'other':
      if (/connector|header|terminal|JST|socket/i.test(text)) return 'J';
      if (/switch|button/i.test(text)) return 'SW';
      if (/crystal|oscillator/i.test(text)) return 'Y';
      if (/battery|cell holder/i.test(text)) return 'BT';
      if (/fuse/i.test(text)) return 'F';
      return 'U';
    default:
      return 'U'; // mcu, sensor, display, power, level-shifter: ICs and modules
  }
}

/** Numbers designators per prefix in BOM order; a line of quantity 3 gets three (R2, R3, R4). */
export function designateLines(bom: Bom): DesignatedLine[] {
  const next = new Map<string, number>();
  return bom.lines.map((line, index) => {
    const prefix = designatorPrefix(line);
    const designators: string[] = [];
    if (prefix) {
      for (let i = 0; i < line.quantity; i++) {
        const n = (next.get(prefix) ?? 0) + 1;
        next.set(prefix, n);
        designators.push(`${prefix}${n}`);
      }
    }
    return { line, designators, lineNumber: index + 1 };
  });
}

const metric: Record<string, string> = {
  '0201': '0603Metric',
  '0402': '1005Metric',
  '0603': '1608Metric',
  '0805': '2012Metric',
  '1206': '3216Metric',
  '1210': '3225Metric',
  '2512': '6332Metric',
};
const packagePattern =
  /\b(0201|0402|0603|0805|1206|1210|2512|SOT-?23(?:-\d)?|SOT-?223|TO-?92|TO-?220|SOIC-?\d+|TSSOP-?\d+|QFN-?\d+|DIP-?\d+|LGA-?\d+)\b/i;

/** The package named in the line ('0805', 'TO-92'), or '' when the name and MPN do not say. */
export function packageOf(line: BomLine): string {
  const match = `${line.name} ${line.mpn ?? ''}`.match(packagePattern);
  if (!match) return '';
  const found = match[1].toUpperCase();
  return /^[A-Z]+\d/.test(found) ? found.replace(/^([A-Z]+)(\d)/, '$1-$2') : found;
}

/** A KiCad library footprint id where the package maps to one ('Resistor_SMD:R_0805_2012Metric'), else the package. */
export function kicadFootprint(line: BomLine, prefix: string | undefined): string {
  const pkg = packageOf(line);
  if (metric[pkg] && (prefix === 'R' || prefix === 'C' || prefix === 'L')) {
    const library = { R: 'Resistor_SMD', C: 'Capacitor_SMD', L: 'Inductor_SMD' }[prefix];
    return `${library}:${prefix}_${pkg}_${metric[pkg]}`;
  }
  if (pkg === 'TO-92') return 'Package_TO_SOT_THT:TO-92_Inline';
  if (pkg === 'SOT-23') return 'Package_TO_SOT_SMD:SOT-23';
  return pkg;
}

/** The value column: '4.7 kΩ', '1 µF' for passives; the part number or short name for the rest. */
export function valueOf(line: BomLine): string {
  const value = line.name.match(/\d+(?:\.\d+)?\s?[kMmµunp]?(?:Ω|F|H)(?![a-z])/);
  return value && line.role === 'passive' ? value[0] : (line.mpn ?? partLabel(line));
}

export const lcscNumber = (line: BomLine) =>
  line.supplierPartNumber && (/lcsc|jlc/i.test(line.supplier ?? '') || /^C\d{3,}$/.test(line.supplierPartNumber))
    ? line.supplierPartNumber
    : '';

export const digikeyNumber = (line: BomLine) =>
  line.supplierPartNumber && /digi-?key/i.test(line.supplier ?? '') ? line.supplierPartNumber : '';

/** The line total as a number: the line price, or unit × quantity when only the unit price is known. */
export function lineTotal(line: BomLine): number | null {
  if (line.linePrice) return line.linePrice.amount;
  if (line.unitPrice) return Math.round(line.unitPrice.amount * line.quantity * 1e6) / 1e6;
  return null;
}
