import { describe, expect, it } from 'vitest';
import { diffText, lineText, maxDiffChars } from '@/lib/artifacts/diff/text';
import { OhmError } from '@/lib/errors';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n');

describe('diffText', () => {
  it('reports identical texts as identical, ignoring CRLF and a missing final newline', () => {
    const diff = diffText('a\nb\n', 'a\r\nb');
    expect(diff).toEqual({ identical: true, added: 0, removed: 0, hunks: [] });
  });

  it('gives one hunk with three lines of context either side of a change', () => {
    const before = lines(20);
    const after = before.replace('line 10', 'line ten');
    const { hunks, added, removed } = diffText(before, after);
    expect([added, removed]).toEqual([1, 1]);
    expect(hunks).toHaveLength(1);
    const kinds = hunks[0].inline.map((l) => l.kind);
    expect(kinds).toEqual(['context', 'context', 'context', 'removed', 'added', 'context', 'context', 'context']);
    expect(hunks[0].inline[0]).toMatchObject({ oldNumber: 7, newNumber: 7 });
  });

  it('splits distant changes into separate hunks and keeps line numbers on both sides', () => {
    const before = lines(40);
    const after = before.replace('line 2\n', 'line 2\ninserted\n').replace('line 35', 'line 35!');
    const { hunks } = diffText(before, after);
    expect(hunks).toHaveLength(2);
    const inserted = hunks[0].inline.find((l) => l.kind === 'added')!;
    expect(inserted).toMatchObject({ oldNumber: null, newNumber: 3 });
    const changed = hunks[1].inline.find((l) => l.kind === 'removed')!;
    expect(changed.oldNumber).toBe(35);
    expect(hunks[1].inline.find((l) => l.kind === 'added')!.newNumber).toBe(36);
  });

  it('marks the changed words inside a changed line, not the whole line', () => {
    const { hunks } = diffText('Wire SDA to GPIO21 now.\n', 'Wire SDA to GPIO4 now.\n');
    const [removed, added] = hunks[0].inline;
    expect(removed.segments.filter((s) => s.change === 'removed').map((s) => s.text)).toEqual(['GPIO21']);
    expect(added.segments.filter((s) => s.change === 'added').map((s) => s.text)).toEqual(['GPIO4']);
    expect(lineText(removed.segments, 'old')).toBe('Wire SDA to GPIO21 now.');
    expect(lineText(added.segments)).toBe('Wire SDA to GPIO4 now.');
  });

  it('pairs removed and added lines side by side, with blanks where one side has more', () => {
    const { hunks } = diffText('keep\nold a\nold b\nkeep 2\n', 'keep\nnew a\nkeep 2\n');
    const rows = hunks[0].sideBySide;
    expect(rows.map((r) => [r.left?.kind ?? null, r.right?.kind ?? null])).toEqual([
      ['context', 'context'],
      ['removed', 'added'],
      ['removed', null],
      ['context', 'context'],
    ]);
    expect(rows[1].left!.number).toBe(2);
    expect(rows[1].right!.number).toBe(2);
    expect(rows[3]).toMatchObject({ left: { number: 4 }, right: { number: 3 } });
  });

  it('shows the whole text with context: Infinity', () => {
    const { hunks } = diffText(lines(30), lines(30).replace('line 30', 'last'), { context: Infinity });
    expect(hunks).toHaveLength(1);
    expect(hunks[0].inline).toHaveLength(31);
  });

  it('diffs from and to an empty text (a new or a deleted file)', () => {
    expect(diffText('', 'a\nb\n')).toMatchObject({ added: 2, removed: 0 });
    expect(diffText('a\nb\n', '')).toMatchObject({ added: 0, removed: 2 });
  });

  it('returns plain data a component can render: strings and numbers only, no markup', () => {
    const diff = diffText('<b>x</b>\n', '<script>alert(1)</script>\n');
    const json = JSON.parse(JSON.stringify(diff));
    expect(json).toEqual(diff);
    expect(diff.hunks[0].inline[1].segments.map((s) => s.text).join('')).toBe('<script>alert(1)</script>');
  });

  it('refuses a text too large to compare with a clear 400', () => {
    const huge = 'x'.repeat(maxDiffChars + 1);
    expect(() => diffText(huge, 'y')).toThrow(OhmError);
    try {
      diffText('y', huge);
    } catch (error) {
      expect((error as OhmError).code).toBe('bad_request:artifact');
      expect((error as OhmError).status).toBe(400);
      expect((error as OhmError).message).toMatch(/too large to compare/);
    }
  });
});
