// The project rows an artifact version owns, from its content_json: parts rows from BOM lines, connections rows from
// wiring connections (keyed by BOM line ref: the runner resolves refs to the parts rows it inserted for the same
// BOM version), code_files rows from code files. Column names and limits follow
// supabase/migrations/20261125041500_project_rows.sql; the runner adds project_id, artifact_id and artifact_version_id.
import type { TablesInsert } from '@/lib/supabase/database.types';
import type { ArtifactWrite, Bom, CodeArtifact, DesignWarning, Wiring } from './contract.ts';
import { bomSchema, codeSchema, wiringSchema } from './contract.ts';

type Owned = 'id' | 'created_at' | 'project_id' | 'user_id' | 'artifact_id' | 'artifact_version_id';
export type PartRow = Omit<TablesInsert<'parts'>, Owned> & { ref: string };
export type ConnectionRow = Omit<TablesInsert<'connections'>, Owned | 'from_part_id' | 'to_part_id'> & {
  from_ref: string;
  to_ref: string;
};
export type CodeFileRow = Omit<TablesInsert<'code_files'>, Owned>;

function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function warningTexts(warnings: DesignWarning[]): string[] {
  return warnings
    .filter((w) => w.severity !== 'info')
    .map((w) => `${w.message}: ${w.fix}${w.resolved ? ' (handled)' : ''}`);
}

export function partRowsFromBom(bom: Bom): PartRow[] {
  return bom.lines.map((line) => ({
    ref: line.ref,
    name: clip(line.name, 200)!,
    part_number: clip(line.mpn, 100),
    manufacturer: clip(line.manufacturer, 200),
    quantity: line.quantity,
    voltage: clip(line.voltage, 50),
    current: line.currentMa ? clip(`${line.currentMa.typical} mA typ, ${line.currentMa.peak} mA peak`, 50) : null,
    interface_type: clip(line.interface, 50),
    price: line.unitPrice?.amount ?? null,
    supplier: clip(line.supplierPartNumber ? `${line.supplier} ${line.supplierPartNumber}` : line.supplier, 200),
    supplier_url: clip(line.url, 2048),
    specs: {
      ref: line.ref,
      catalogueKey: line.catalogueKey,
      role: line.role,
      currency: line.unitPrice?.currency ?? null,
      linePrice: line.linePrice?.amount ?? null,
      currentMa: line.currentMa,
      i2cAddress: line.i2cAddress ?? null,
      reason: line.reason,
      verified: line.verified,
      source: line.source,
    },
    alternatives: line.alternatives,
    compatibility_warnings: warningTexts(line.warnings),
  }));
}

export function connectionRowsFromWiring(wiring: Wiring): ConnectionRow[] {
  return wiring.connections.map((c) => ({
    sequence_number: c.sequence,
    from_ref: c.from.ref,
    from_pin: clip(c.from.pin, 50)!,
    from_pin_type: c.from.pinType,
    to_ref: c.to.ref,
    to_pin: clip(c.to.pin, 50)!,
    to_pin_type: c.to.pinType,
    voltage: clip(c.voltage, 50),
    signal_type: clip(c.signalType, 50),
    wire_color: clip(c.wireColor, 30),
    warnings: [...warningTexts(c.warnings), ...(c.note ? [`note: ${c.note}`] : [])],
  }));
}

export function codeFileRowsFromCode(code: CodeArtifact): CodeFileRow[] {
  return code.files.map((file) => ({
    filename: clip(file.filename, 255)!,
    language: clip(file.language, 50),
    platform: clip(file.platform, 50),
    content: file.content,
    unit_number: file.unit,
    required_libraries: file.requiredLibraries,
    is_production_ready: file.isProductionReady,
  }));
}

export type VersionRows = { parts: PartRow[]; connections: ConnectionRow[]; codeFiles: CodeFileRow[] };

/** The rows a write's version owns (empty for documents, diagrams and budgets). */
export function rowsForWrite(write: Pick<ArtifactWrite, 'type' | 'contentJson'>): VersionRows {
  const rows: VersionRows = { parts: [], connections: [], codeFiles: [] };
  if (write.type === 'bom') rows.parts = partRowsFromBom(bomSchema.parse(write.contentJson));
  if (write.type === 'wiring') rows.connections = connectionRowsFromWiring(wiringSchema.parse(write.contentJson));
  if (write.type === 'code') rows.codeFiles = codeFileRowsFromCode(codeSchema.parse(write.contentJson));
  return rows;
}
