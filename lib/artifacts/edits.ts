// The maker's own edits, as operations applied to a version: a document's markdown, BOM lines (quantity, a part
// from the catalogue, a price) or one code file. An edit is kept as what the maker did, not as the result, so
// "apply mine on top" after a conflict replays it onto the version someone else saved first.
import { z } from 'zod';
import { getPart } from '../agents/catalogue';
import { computeTotals, lineFromPart } from '../agents/design/bom-lines';
import { renderBomMarkdown } from '../agents/design/bom';
import { bomSchema, codeSchema, type Bom, type BomLine, type CodeArtifact } from '../agents/design/contract';
import { money } from '../agents/design/money';
import { codeFileRowsFromCode, partRowsFromBom } from '../agents/design/rows';

/** Limits the database enforces too (public.save_artifact_version); checked here first to answer before a trip. */
export const artifactLimits = { documentChars: 200_000, summaryChars: 300, bomLines: 1000, codeFiles: 50 } as const;

const bomLineEditSchema = z.object({
  ref: z.string().min(1).max(200),
  quantity: z.number().int().min(1, 'A quantity is at least 1.').max(10_000, 'A quantity is at most 10,000.'),
  catalogueKey: z.string().min(1).max(100).nullable(),
  unitPrice: z.number().min(0, 'A price cannot be negative.').max(100_000).nullable(),
});
export type BomLineEdit = z.infer<typeof bomLineEditSchema>;

export const artifactEditSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    content: z
      .string()
      .max(
        artifactLimits.documentChars,
        `A document holds at most ${artifactLimits.documentChars.toLocaleString('en-US')} characters.`,
      ),
  }),
  z.object({ kind: z.literal('bom'), lines: z.array(bomLineEditSchema).min(1).max(artifactLimits.bomLines) }),
  z.object({
    kind: z.literal('code'),
    filename: z.string().min(1).max(255),
    content: z.string().max(artifactLimits.documentChars, 'A code file holds at most 200,000 characters.'),
  }),
]);
export type ArtifactEdit = z.infer<typeof artifactEditSchema>;

export type EditedVersion = {
  content: string | null;
  contentJson: unknown;
  rows: { parts?: unknown[]; codeFiles?: unknown[] };
};

/** Why an edit cannot apply to this version, in words the maker can act on. */
export class EditRefused extends Error {}

const documentTypes = new Set(['context', 'mvp', 'prd', 'overview', 'datasheet_analysis']);

export function editKindOf(type: string): ArtifactEdit['kind'] | null {
  if (type === 'bom') return 'bom';
  if (type === 'code') return 'code';
  return documentTypes.has(type) ? 'document' : null;
}

/** mvp/prd keep their sections beside the markdown: `## heading` splits them. */
export function sectionsFromMarkdown(markdown: string): Array<{ heading: string; body: string }> {
  const sections: Array<{ heading: string; body: string }> = [];
  for (const block of markdown.split(/^## /m).slice(1)) {
    const [heading, ...body] = block.split('\n');
    sections.push({ heading: heading.trim(), body: body.join('\n').trim() });
  }
  return sections;
}

function editLine(line: BomLine, edit: BomLineEdit): BomLine {
  let next = line;
  if (edit.catalogueKey && edit.catalogueKey !== line.catalogueKey) {
    const part = getPart(edit.catalogueKey);
    if (!part) throw new EditRefused(`The catalogue has no part "${edit.catalogueKey}".`);
    next = { ...lineFromPart(part, line.ref, { quantity: edit.quantity, reason: 'chosen by you' }), source: 'user' };
  }
  const currency = next.unitPrice?.currency ?? 'USD';
  const unitPrice = edit.unitPrice === null ? next.unitPrice : money(edit.unitPrice, currency);
  const changed = next !== line || edit.quantity !== line.quantity || unitPrice?.amount !== line.unitPrice?.amount;
  if (!changed) return line;
  return {
    ...next,
    quantity: edit.quantity,
    unitPrice,
    linePrice: unitPrice ? money(unitPrice.amount * edit.quantity, unitPrice.currency) : null,
    source: 'user',
  };
}

/** The BOM with the maker's line edits applied by ref; a ref the version no longer lists is refused, not dropped. */
export function applyBomEdit(bom: Bom, edits: BomLineEdit[]): Bom {
  const byRef = new Map(edits.map((edit) => [edit.ref, edit]));
  const known = new Set(bom.lines.map((line) => line.ref));
  const missing = edits.find((edit) => !known.has(edit.ref));
  if (missing) throw new EditRefused(`This version no longer lists the line "${missing.ref}".`);
  const lines = bom.lines.map((line) => (byRef.has(line.ref) ? editLine(line, byRef.get(line.ref)!) : line));
  return { ...bom, lines, totals: computeTotals(lines) };
}

export function applyCodeEdit(code: CodeArtifact, filename: string, content: string): CodeArtifact {
  if (!code.files.some((file) => file.filename === filename))
    throw new EditRefused(`This version has no file ${filename}.`);
  return {
    ...code,
    files: code.files.map((file) =>
      file.filename === filename ? { ...file, content, isProductionReady: false } : file,
    ),
  };
}

/** The new version's content, JSON and rows: the edit applied to `base` (a version of an artifact of `type`). */
export function applyArtifactEdit(
  artifact: { type: string; title: string },
  base: { content: string | null; contentJson: unknown },
  edit: ArtifactEdit,
): EditedVersion {
  if (editKindOf(artifact.type) !== edit.kind)
    throw new EditRefused(`A ${artifact.type} artifact cannot take this edit.`);
  if (edit.kind === 'document') {
    const contentJson =
      artifact.type === 'mvp' || artifact.type === 'prd'
        ? { sections: sectionsFromMarkdown(edit.content) }
        : base.contentJson;
    return { content: edit.content, contentJson: contentJson ?? null, rows: {} };
  }
  if (edit.kind === 'bom') {
    const bom = bomSchema.safeParse(base.contentJson);
    if (!bom.success) throw new EditRefused('This BOM version cannot be edited line by line.');
    const next = applyBomEdit(bom.data, edit.lines);
    return {
      content: renderBomMarkdown(next, artifact.title),
      contentJson: next,
      rows: { parts: partRowsFromBom(next) },
    };
  }
  const code = codeSchema.safeParse(base.contentJson);
  if (!code.success) throw new EditRefused('This code version cannot be edited file by file.');
  const next = applyCodeEdit(code.data, edit.filename, edit.content);
  return { content: base.content, contentJson: next, rows: { codeFiles: codeFileRowsFromCode(next) } };
}
