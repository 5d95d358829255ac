// Attachment analysis (`npm run bench -- analysis`): the offline analysis of a 40-page datasheet PDF (text per page
// with unpdf, then the facts), p50 and p95, with the memory high-water mark, measured in a child process of its own
// (bench/analysis-child.ts) so the gateway's memory is not counted; plus a 200-page PDF to show the page cap holds.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeasuredRow, Workload } from '../types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

type ChildResult = {
  name: string;
  iterations: number;
  kb: number;
  pagesRead: number;
  times: number[];
  heapPeakMb: number;
  rssBeforeMb: number;
  rssAfterMb: number;
};

export const workloads: Workload[] = [
  {
    name: 'analysis-datasheet',
    measure: async () => {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [path.join(here, '..', 'analysis-child.ts')],
          { maxBuffer: 1 << 24 },
          (error, out) => (error ? reject(error) : resolve(out)),
        ),
      );
      const results = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult[];
      const rows: MeasuredRow[] = results.map((r) => {
        const times = [...r.times].sort((a, b) => a - b);
        return {
          name: r.name,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          throughput: 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
          note:
            `n=${r.iterations}, ${r.kb} KB, ${r.pagesRead} pages read, heap peak ${r.heapPeakMb} MB, ` +
            `max RSS ${r.rssAfterMb} MB (${r.rssBeforeMb} MB before the first analysis)`,
        };
      });
      return { rows };
    },
  },
];
