// One process that does only what the app's checkUpload does to a file (lib/attachments/inspect: a photo decoded,
// checked and thumbnailed; a PDF parsed and its page 1 drawn), so its max RSS is the memory that work needs, apart
// from the bench's own transfers and fixtures.
// Usage: node bench/uploads-check-worker.ts <file> <runs> [claimed type, default image/jpeg]; prints JSON.
import fs from 'node:fs';
import { inspectBytes } from '../lib/attachments/inspect.ts';

const [file, runs = '15', claimed = 'image/jpeg'] = process.argv.slice(2);
const photo = fs.readFileSync(file);
const rssAtStart = process.resourceUsage().maxRSS * 1024;
for (let i = 0; i < 2; i++) await inspectBytes(photo, claimed); // warm-up
const times: number[] = [];
let heapPeak = 0;
for (let i = 0; i < Number(runs); i++) {
  const t = performance.now();
  const result = await inspectBytes(photo, claimed);
  times.push(performance.now() - t);
  if (!result.thumbnail) throw new Error('no thumbnail');
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
console.log(JSON.stringify({ times, heapPeak, rssAtStart, maxRss: process.resourceUsage().maxRSS * 1024 }));
