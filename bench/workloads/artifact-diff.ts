// Artifact diffs (`npm run bench -- artifacts`): the BOM diff of two 500-line versions keyed by ref (target
// ≤ 50 ms), beside the naive way a text-only compare view does it (a line diff of the two versions' JSON); the
// change summary of the same pair; and the text diff of a 2,000-line code file with word-level segments.
import { diffLines } from 'diff';
import { diffBom } from '../../lib/artifacts/diff/bom.ts';
import { summariseChange } from '../../lib/artifacts/diff/summary.ts';
import { diffText } from '../../lib/artifacts/diff/text.ts';
import { makeLargeBom, reviseLargeBom } from '../../tests/unit/fixtures/large-bom.ts';
import type { Workload } from '../types.ts';

const before = makeLargeBom(500);
const after = reviseLargeBom(before);

const codeLines = (edit: boolean) =>
  Array.from({ length: 2000 }, (_, i) =>
    edit && i % 40 === 0 ? `  value_${i} = read(${i + 1}); // edited` : `  value_${i} = read(${i});`,
  ).join('\n');
const oldCode = codeLines(false);
const newCode = codeLines(true);

export const workloads: Workload[] = [
  {
    name: 'artifacts-bom-diff-500',
    iterations: 500,
    seconds: 3,
    run: async () => diffBom(before, after),
    baseline: {
      name: 'line diff of the JSON',
      run: async () => diffLines(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2)),
    },
  },
  {
    name: 'artifacts-bom-summary-500',
    iterations: 500,
    seconds: 3,
    run: async () => summariseChange('bom', before, after),
  },
  {
    name: 'artifacts-text-diff-2000-lines',
    iterations: 200,
    seconds: 3,
    run: async () => diffText(oldCode, newCode),
  },
];
