// BOM CSV in three header profiles: 'universal' (auto-maps in Octopart- and Cofactr-style BOM tools and opens in a
// spreadsheet), 'kicad' (the `kicad-cli sch export bom` shape with OHM's extra fields) and 'jlcpcb' (the assembly
// BOM, exactly `Comment,Designator,Footprint,LCSC Part #`). Written with csv-stringify; every text cell is
// neutralised against formula injection and numbers stay numbers (a quantity of -5 is not a formula).
import { stringify } from 'csv-stringify/sync';
import { guardFormulaStart } from '../csv/formula-safe.ts';
import type { Bom } from '../agents/design/contract.ts';
import {
  designateLines,
  digikeyNumber,
  kicadFootprint,
  lcscNumber,
  lineTotal,
  packageOf,
  valueOf,
  type DesignatedLine,
} from './bom-rows.ts';
import { exportFilename, requireArtifact, utf8, type ExportFile, type Versioned } from './file.ts';

export const bomCsvProfiles = ['universal', 'kicad', 'jlcpcb'] as const;
export type BomCsvProfile = (typeof bomCsvProfiles)[number];

export const bomCsvHeaders: Record<BomCsvProfile, readonly string[]> = {
  universal: [
    'Line',
    'Quantity',
    'Reference Designators',
    'Value',
    'Description',
    'Manufacturer',
    'MPN',
    'Package',
    'Supplier',
    'Supplier Part Number',
    'LCSC Part #',
    'DigiKey Part Number',
    'Unit Price',
    'Currency',
    'Line Total',
    'Alternatives',
    'DNP',
    'Notes',
    'OHM Ref',
  ],
  kicad: ['Refs', 'Value', 'Footprint', 'Qty', 'DNP', 'Description', 'Manufacturer', 'MPN', 'LCSC', 'Datasheet'],
  jlcpcb: ['Comment', 'Designator', 'Footprint', 'LCSC Part #'],
};

type Cell = string | number;

// JLCPCB refuses a BOM line with more than 200 designators: longer lines are split into several rows.
const maxJlcDesignators = 200;

// Tabs and line breaks inside a cell break KiCad- and JLC-style importers that read line by line.
const flatten = (text: string) => text.replace(/[\t\r\n]+/g, ' ').trim();

function universalRows(lines: DesignatedLine[]): Cell[][] {
  return lines.map(({ line, designators, lineNumber }) => [
    lineNumber,
    line.quantity,
    designators.join(','),
    valueOf(line),
    line.name,
    line.manufacturer ?? '',
    line.mpn ?? '',
    packageOf(line),
    line.supplier ?? '',
    line.supplierPartNumber ?? '',
    lcscNumber(line),
    digikeyNumber(line),
    line.unitPrice?.amount ?? '',
    line.unitPrice?.currency ?? line.linePrice?.currency ?? '',
    lineTotal(line) ?? '',
    line.alternatives.map((a) => `${a.name} (${a.catalogueKey})`).join('; '),
    '',
    line.reason,
    line.ref,
  ]);
}

// KiCad's schematic BOM and JLC's assembly BOM list placed parts: breadboards and jumper wires are left out.
const placed = (lines: DesignatedLine[]) => lines.filter((l) => l.designators.length > 0);

function kicadRows(lines: DesignatedLine[]): Cell[][] {
  return placed(lines).map(({ line, designators }) => [
    designators.join(','),
    valueOf(line),
    kicadFootprint(line, designators[0]?.replace(/\d+$/, '')),
    line.quantity,
    '',
    line.name,
    line.manufacturer ?? '',
    line.mpn ?? '',
    lcscNumber(line),
    line.url ?? '',
  ]);
}

function jlcpcbRows(lines: DesignatedLine[]): Cell[][] {
  return placed(lines).flatMap(({ line, designators }) => {
    const rows: Cell[][] = [];
    for (let i = 0; i < designators.length; i += maxJlcDesignators) {
      const chunk = designators.slice(i, i + maxJlcDesignators);
      rows.push([valueOf(line), chunk.join(','), packageOf(line), lcscNumber(line)]);
    }
    return rows;
  });
}

/** The CSV text of a BOM in one profile (a UTF-8 byte order mark only for the universal, spreadsheet one). */
export function bomToCsv(bom: Bom, profile: BomCsvProfile): string {
  const lines = designateLines(bom);
  const rows =
    profile === 'universal' ? universalRows(lines) : profile === 'kicad' ? kicadRows(lines) : jlcpcbRows(lines);
  const text = stringify([[...bomCsvHeaders[profile]], ...rows], {
    escape_formulas: true,
    quoted_match: profile === 'kicad' ? /./ : undefined, // kicad-cli quotes every text cell
    record_delimiter: 'windows',
    cast: {
      string: (value) => {
        return guardFormulaStart(profile === 'universal' ? value : flatten(value));
      },
    },
  });
  return profile === 'universal' ? `\uFEFF${text}` : text;
}

/** The BOM CSV export: `bom-v3-jlcpcb.csv`. A project with no BOM gets a 400 saying so. */
export function exportBomCsv({
  bom,
  profile,
}: {
  bom: Versioned<Bom> | null | undefined;
  profile: BomCsvProfile;
}): ExportFile {
  const artifact = requireArtifact(bom, 'bom', 'BOM CSV');
  return {
    filename: exportFilename('bom', artifact.version, 'csv', profile),
    contentType: 'text/csv; charset=utf-8',
    bytes: utf8(bomToCsv(artifact.json, profile)),
  };
}
