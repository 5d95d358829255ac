// Uploads (`npm run bench -- uploads`): a 10 MB file up and down through /storage/v1 as a signed-in user into the
// datasheets bucket (the composer's path: RLS on storage.objects, the bucket's limits), and the content check with
// thumbnail of a 12-megapixel photo and with page 1 of a 40-page datasheet drawn (lib/attachments/inspect, the code
// the app's checkUpload runs), each in a process of its own (bench/uploads-check-worker.ts), p50 and p95, with that
// process's memory high-water mark (max RSS) and heap peak.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import { bucketFor } from '../../lib/attachments/rules.ts';
import { makePhoto } from '../../tests/support/files.ts';
import { makeDatasheetPdf } from '../../tests/unit/fixtures/datasheet-pdf.ts';
import type { MeasuredRow, Workload } from '../types.ts';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function row(name: string, times: number[], note: string): MeasuredRow {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    throughput: 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
    note: `n=${times.length}, ${note}`,
  };
}

/** Runs the content check on `bytes` `runs` times in a process of its own (uploads-check-worker.ts). */
async function checkInWorker(bytes: Uint8Array, ext: string, claimed: string, runs: number) {
  const file = path.join(os.tmpdir(), `ohm-bench-${randomUUID()}.${ext}`);
  fs.writeFileSync(file, bytes);
  const worker = path.join(import.meta.dirname, '..', 'uploads-check-worker.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [worker, file, String(runs), claimed], {
    maxBuffer: 1024 * 1024,
  }).finally(() => fs.rmSync(file, { force: true }));
  return JSON.parse(stdout) as { times: number[]; heapPeak: number; rssAtStart: number; maxRss: number };
}

export const workloads: Workload[] = [
  {
    name: 'uploads',
    measure: async (ctx) => {
      const client = createClient(ctx.apiUrl, ctx.publishableKey, { auth: { persistSession: false } });
      const { data: signedIn, error } = await client.auth.signInAnonymously();
      if (error || !signedIn.user) throw error ?? new Error('no guest session');
      const files = client.storage.from(bucketFor('application/pdf'));
      const folder = `${signedIn.user.id}/${randomUUID()}`;
      const tenMb = new Uint8Array(10 * 1024 * 1024).map((_, i) => i % 251);
      const uploads: number[] = [];
      const downloads: number[] = [];
      const paths: string[] = [];
      for (let i = 0; i < 12; i++) {
        const path = `${folder}/${randomUUID()}-bench-${i}.pdf`;
        let t = performance.now();
        const up = await files.upload(path, tenMb, { contentType: 'application/pdf' });
        if (up.error) throw up.error;
        if (i >= 2) uploads.push(performance.now() - t); // the first two warm up sockets and the JIT
        paths.push(path);
        t = performance.now();
        const down = await files.download(path);
        if (down.error) throw down.error;
        await down.data.arrayBuffer();
        if (i >= 2) downloads.push(performance.now() - t);
      }
      await files.remove(paths);
      const mbps = (ms: number[]) => `${(10 / (ms.reduce((a, b) => a + b, 0) / ms.length / 1000)).toFixed(0)} MB/s`;

      const photo = await makePhoto({ width: 4000, height: 3000, grain: true });
      const checked = await checkInWorker(photo, 'jpg', 'image/jpeg', 15);
      const datasheet = await makeDatasheetPdf({ pages: 40 });
      const checkedPdf = await checkInWorker(datasheet, 'pdf', 'application/pdf', 10);
      return {
        rows: [
          row('upload 10 MB (user, datasheets bucket)', uploads, mbps(uploads)),
          row('download 10 MB (user)', downloads, mbps(downloads)),
          row(
            'check + thumbnail of a 12 MP JPEG',
            checked.times,
            `${(photo.length / 1024 / 1024).toFixed(1)} MB in, 480 px WebP out, heap peak ${mb(checked.heapPeak)} MB`,
          ),
          {
            name: 'memory high-water mark (checking process)',
            note: `max RSS ${mb(checked.maxRss)} MB (${mb(checked.rssAtStart)} MB after start-up, before the first check)`,
          },
          row(
            'check + page-1 image of a 40-page datasheet PDF',
            checkedPdf.times,
            `${(datasheet.length / 1024).toFixed(0)} KB in, 480 × 680 WebP out, heap peak ${mb(checkedPdf.heapPeak)} MB`,
          ),
          {
            name: 'memory high-water mark (PDF checking process)',
            note: `max RSS ${mb(checkedPdf.maxRss)} MB (${mb(checkedPdf.rssAtStart)} MB after start-up)`,
          },
          {
            name: 'memory high-water mark (bench process)',
            note: `max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB, with the 10 MB transfers`,
          },
        ],
      };
    },
  },
];
