// Line diff of two texts (context, MVP, PRD, code files, wiring steps) as plain data a React component renders:
// hunks with context lines, each given both inline (removed lines, then added ones) and side by side (old on the
// left, new on the right), with word-level segments inside the lines that changed. No HTML is produced here.
import { diffWordsWithSpace, structuredPatch } from 'diff';
import { OhmError } from '../../errors.ts';

export type Segment = { text: string; change: 'same' | 'added' | 'removed' };
export type LineKind = 'context' | 'added' | 'removed';
export type InlineLine = { kind: LineKind; oldNumber: number | null; newNumber: number | null; segments: Segment[] };
export type SideCell = { kind: LineKind; number: number; segments: Segment[] };
export type SideRow = { left: SideCell | null; right: SideCell | null };
export type TextHunk = {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  inline: InlineLine[];
  sideBySide: SideRow[];
};
export type TextDiff = { identical: boolean; added: number; removed: number; hunks: TextHunk[] };

export type TextDiffOptions = { context?: number };

/** Past this, one text is too big to compare in a request (the artifacts' own size limit is lower). */
export const maxDiffChars = 2_000_000;
// Word-level segments of very long lines cost more than they show: those lines are marked changed as a whole.
const maxWordDiffChars = 4_000;

// A missing final newline is not a change anyone means; CRLF from a pasted file is not either.
const normalise = (text: string) => {
  const unix = text.replace(/\r\n?/g, '\n');
  return unix === '' || unix.endsWith('\n') ? unix : unix + '\n';
};

function wordSegments(before: string, after: string): { removed: Segment[]; added: Segment[] } {
  if (before.length + after.length > maxWordDiffChars) {
    return { removed: [{ text: before, change: 'removed' }], added: [{ text: after, change: 'added' }] };
  }
  const removed: Segment[] = [];
  const added: Segment[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    if (part.added) added.push({ text: part.value, change: 'added' });
    else if (part.removed) removed.push({ text: part.value, change: 'removed' });
    else {
      removed.push({ text: part.value, change: 'same' });
      added.push({ text: part.value, change: 'same' });
    }
  }
  return { removed, added };
}

type Pending = { removed: string[]; added: string[] };

function buildHunk(hunk: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }) {
  const inline: InlineLine[] = [];
  const sideBySide: SideRow[] = [];
  let oldNumber = hunk.oldStart;
  let newNumber = hunk.newStart;
  let pending: Pending = { removed: [], added: [] };

  // A run of removed lines followed by added ones is one edit: pair them up for word-level segments.
  const flush = () => {
    const pairs = Math.min(pending.removed.length, pending.added.length);
    const removedCells: SideCell[] = [];
    const addedCells: SideCell[] = [];
    pending.removed.forEach((text, i) => {
      const segments =
        i < pairs ? wordSegments(text, pending.added[i]).removed : [{ text, change: 'removed' as const }];
      removedCells.push({ kind: 'removed', number: oldNumber++, segments });
    });
    pending.added.forEach((text, i) => {
      const segments = i < pairs ? wordSegments(pending.removed[i], text).added : [{ text, change: 'added' as const }];
      addedCells.push({ kind: 'added', number: newNumber++, segments });
    });
    for (const cell of removedCells) inline.push({ ...cell, oldNumber: cell.number, newNumber: null });
    for (const cell of addedCells) inline.push({ ...cell, oldNumber: null, newNumber: cell.number });
    for (let i = 0; i < Math.max(removedCells.length, addedCells.length); i++) {
      sideBySide.push({ left: removedCells[i] ?? null, right: addedCells[i] ?? null });
    }
    pending = { removed: [], added: [] };
  };

  for (const line of hunk.lines) {
    const marker = line[0];
    const text = line.slice(1);
    if (marker === '\\') continue; // "\ No newline at end of file"
    if (marker === '-') {
      if (pending.added.length) flush();
      pending.removed.push(text);
    } else if (marker === '+') {
      pending.added.push(text);
    } else {
      flush();
      const segments: Segment[] = [{ text, change: 'same' }];
      inline.push({ kind: 'context', oldNumber, newNumber, segments });
      sideBySide.push({
        left: { kind: 'context', number: oldNumber, segments },
        right: { kind: 'context', number: newNumber, segments },
      });
      oldNumber++;
      newNumber++;
    }
  }
  flush();
  const { oldStart, oldLines, newStart, newLines } = hunk;
  return { oldStart, oldLines, newStart, newLines, inline, sideBySide };
}

/** Diffs two texts by line (3 lines of context by default; `context: Infinity` for the whole text). */
export function diffText(before: string, after: string, { context = 3 }: TextDiffOptions = {}): TextDiff {
  if (before.length > maxDiffChars || after.length > maxDiffChars) {
    throw new OhmError(
      'bad_request:artifact',
      `This version is too large to compare (over ${maxDiffChars.toLocaleString('en-US')} characters). Download both versions instead.`,
    );
  }
  const a = normalise(before);
  const b = normalise(after);
  if (a === b) return { identical: true, added: 0, removed: 0, hunks: [] };
  const lineCount = Math.max(a.split('\n').length, b.split('\n').length);
  const patch = structuredPatch('before', 'after', a, b, '', '', { context: Math.min(context, lineCount) });
  const hunks = patch.hunks.map(buildHunk);
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const line of hunk.inline) {
      if (line.kind === 'added') added++;
      else if (line.kind === 'removed') removed++;
    }
  }
  return { identical: false, added, removed, hunks };
}

/** The text of one line as it reads (for tests, plain-text fallbacks and summaries). */
export const lineText = (segments: Segment[], side: 'old' | 'new' = 'new') =>
  segments
    .filter((s) => s.change === 'same' || s.change === (side === 'old' ? 'removed' : 'added'))
    .map((s) => s.text)
    .join('');
