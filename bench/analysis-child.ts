// Runs in its own Node process for `npm run bench -- analysis`, so the memory figures are the analysis's alone (the
// bench process also holds the local stack's gateway): makes the datasheets with PDFKit, then times the analysis of
// each and reports times, the JS heap peak and the process's max RSS before and after, as one JSON line on stdout.
import { analyseDatasheet } from '../lib/analysis/datasheet/analyse.ts';
import { makeDatasheetPdf } from '../tests/unit/fixtures/datasheet-pdf.ts';

const attachmentId = '00000000-0000-4000-8000-0000000000be';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const cases: Array<{ name: string; pages: number; iterations: number }> = [
  { name: 'datasheet 40 pages', pages: 40, iterations: Number(process.env.BENCH_ANALYSIS_COUNT ?? 30) },
  { name: 'datasheet 200 pages (reads the first 80)', pages: 200, iterations: 8 },
];

const results = [];
for (const c of cases) {
  const bytes = await makeDatasheetPdf({ pages: c.pages });
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  for (let i = 0; i < 2; i++) await analyseDatasheet({ bytes, filename: 'bench.pdf', attachmentId });
  const times: number[] = [];
  let heapPeak = 0;
  let pagesRead = 0;
  for (let i = 0; i < c.iterations; i++) {
    const t = performance.now();
    const analysis = await analyseDatasheet({ bytes, filename: 'bench.pdf', attachmentId });
    times.push(performance.now() - t);
    pagesRead = analysis.pagesRead;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  results.push({
    ...c,
    kb: Math.round(bytes.length / 1024),
    pagesRead,
    times,
    heapPeakMb: mb(heapPeak),
    rssBeforeMb: mb(rssBefore),
    rssAfterMb: mb(process.resourceUsage().maxRSS * 1024),
  });
}
process.stdout.write(JSON.stringify(results) + '\n');
