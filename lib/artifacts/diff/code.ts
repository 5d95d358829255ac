// Code artifact diff per file, keyed by filename: added, removed and changed files, each with its text diff and the
// PlatformIO libraries it gained or lost, plus changes of the board and the success units.
import type { CodeArtifact, CodeFile } from '../../agents/design/contract.ts';
import { diffText, type TextDiff } from './text.ts';

export type CodeFileDiff = {
  filename: string;
  status: 'added' | 'removed' | 'changed';
  unit: { before: number | null; after: number | null };
  text: TextDiff;
  libraries: { added: string[]; removed: string[] };
  productionReady: { before: boolean; after: boolean } | null; // null when it did not change
};
export type CodeDiff = {
  identical: boolean;
  files: CodeFileDiff[]; // changed and added files in the new version's order, then removed ones
  unchangedCount: number;
  board: { before: string; after: string } | null;
  units: { added: number[]; removed: number[]; retitled: Array<{ unit: number; before: string; after: string }> };
};

const difference = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

function compareFile(before: CodeFile | null, after: CodeFile | null): CodeFileDiff | null {
  const beforeLibs = before?.requiredLibraries ?? [];
  const afterLibs = after?.requiredLibraries ?? [];
  const libraries = { added: difference(afterLibs, beforeLibs), removed: difference(beforeLibs, afterLibs) };
  const text = diffText(before?.content ?? '', after?.content ?? '');
  const productionReady =
    before && after && before.isProductionReady !== after.isProductionReady
      ? { before: before.isProductionReady, after: after.isProductionReady }
      : null;
  const unit = { before: before?.unit ?? null, after: after?.unit ?? null };
  const status = !before ? 'added' : !after ? 'removed' : 'changed';
  if (
    status === 'changed' &&
    text.identical &&
    !libraries.added.length &&
    !libraries.removed.length &&
    !productionReady &&
    unit.before === unit.after &&
    before!.language === after!.language
  ) {
    return null;
  }
  return { filename: (after ?? before)!.filename, status, unit, text, libraries, productionReady };
}

/** Compares two code artifact versions file by file. */
export function diffCode(before: CodeArtifact, after: CodeArtifact): CodeDiff {
  const old = new Map(before.files.map((f) => [f.filename, f]));
  const current = new Set(after.files.map((f) => f.filename));
  const files: CodeFileDiff[] = [];
  let unchangedCount = 0;
  for (const file of after.files) {
    const change = compareFile(old.get(file.filename) ?? null, file);
    if (change) files.push(change);
    else unchangedCount++;
  }
  for (const file of before.files) {
    if (!current.has(file.filename)) files.push(compareFile(file, null)!);
  }
  const board = before.board === after.board ? null : { before: before.board, after: after.board };
  const beforeUnits = new Map(before.units.map((u) => [u.unit, u.title]));
  const afterUnits = new Map(after.units.map((u) => [u.unit, u.title]));
  const units = {
    added: [...afterUnits.keys()].filter((u) => !beforeUnits.has(u)),
    removed: [...beforeUnits.keys()].filter((u) => !afterUnits.has(u)),
    retitled: [...afterUnits]
      .filter(([u, title]) => beforeUnits.has(u) && beforeUnits.get(u) !== title)
      .map(([unit, title]) => ({ unit, before: beforeUnits.get(unit)!, after: title })),
  };
  const identical =
    files.length === 0 && board === null && !units.added.length && !units.removed.length && !units.retitled.length;
  return { identical, files, unchangedCount, board, units };
}
