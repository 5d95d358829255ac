// Storage: upload and download throughput of a 10 MB file through /storage/v1 with the service key.
import { createClient } from '@supabase/supabase-js';
import type { MeasuredRow, Workload } from '../types.ts';

export const workloads: Workload[] = [
  {
    name: 'storage-10mb',
    measure: async (ctx) => {
      const client = createClient(ctx.apiUrl, ctx.secretKey);
      const bucket = `bench-${crypto.randomUUID().slice(0, 8)}`;
      await client.storage.createBucket(bucket, { public: false });
      const data = new Uint8Array(10 * 1024 * 1024).map((_, i) => i % 251);
      const rows: MeasuredRow[] = [];
      const uploads: number[] = [];
      const downloads: number[] = [];
      for (let i = 0; i < 5; i++) {
        let t = performance.now();
        const up = await client.storage
          .from(bucket)
          .upload(`f${i}.bin`, data, { contentType: 'application/octet-stream' });
        if (up.error) throw up.error;
        uploads.push(performance.now() - t);
        t = performance.now();
        const down = await client.storage.from(bucket).download(`f${i}.bin`);
        if (down.error) throw down.error;
        await down.data.arrayBuffer();
        downloads.push(performance.now() - t);
      }
      const mbps = (ms: number[]) => (10 / (ms.reduce((a, b) => a + b, 0) / ms.length / 1000)).toFixed(0);
      uploads.sort((a, b) => a - b);
      downloads.sort((a, b) => a - b);
      rows.push({ name: 'upload 10 MB', p50: uploads[2], note: `${mbps(uploads)} MB/s` });
      rows.push({ name: 'download 10 MB', p50: downloads[2], note: `${mbps(downloads)} MB/s` });
      await client.storage.emptyBucket(bucket);
      await client.storage.deleteBucket(bucket);
      return { rows };
    },
  },
];
