// Each export of a 200-part project through the app's route, as a browser asks for it: a production build
// (bench/app-server.ts), a guest's session cookies, GET /projects/<id>/exports/<kind> until its 303 to the signed
// URL. "made" times a request that generates, stores and signs the file (the stored object is removed, untimed,
// before each one); "stored" times one that finds the file and only signs it. The memory high-water mark is the
// app process's own (VmHWM of `next start`), read before and after.
import fs from 'node:fs';
import http from 'node:http';
import { createServerClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../lib/supabase/database.types.ts';
import { exportKinds } from '../lib/projects/schemas.ts';
import { saveDesignTurn, serviceClient } from '../tests/support/designs.ts';
import { makeLargeProject } from '../tests/unit/fixtures/large-bom.ts';
import { weatherStationCode } from '../tests/unit/fixtures/weather-station-code.ts';
import { appUrl, startApp } from './app-server.ts';
import type { BenchContext, MeasuredRow } from './types.ts';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** kB of a /proc/<pid>/status field (VmHWM: the resident high-water mark; VmRSS: now). */
function procKb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (!pid) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
}
const mb = (kb: number) => (kb / 1024).toFixed(0);

async function guestWithCookies(ctx: BenchContext) {
  const jar = new Map<string, string>();
  const client = createServerClient<Database>(ctx.apiUrl, ctx.publishableKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const c of cookies) {
          if (c.value) jar.set(c.name, c.value);
          else jar.delete(c.name);
        }
      },
    },
  });
  const { error } = await client.auth.signInAnonymously();
  if (error) throw new Error(`bench guest sign-in failed: ${error.message}`);
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return { client: client as unknown as SupabaseClient<Database>, cookie };
}

function get(path: string, cookie: string): Promise<{ status: number; location: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${appUrl}${path}`, { headers: { cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      })
      .on('error', reject);
  });
}

const iterationsByKind: Record<(typeof exportKinds)[number], number> = {
  'bom-universal': 30,
  'bom-kicad': 30,
  'bom-jlcpcb': 30,
  'wokwi-diagram': 30,
  'firmware-zip': 20,
  'wiring-pdf': 12,
};

export async function measureExportRoutes(ctx: BenchContext): Promise<MeasuredRow[]> {
  const { client, cookie } = await guestWithCookies(ctx);
  const { bom, wiring } = makeLargeProject(200);
  const chat = await client.from('chats').insert({ title: 'Bench exports' }).select('id').single();
  if (chat.error) throw new Error(chat.error.message);
  const { projectId } = await saveDesignTurn(client, chat.data.id, {
    bom,
    wiring,
    code: weatherStationCode,
    diagram: true,
  });
  const storage = serviceClient().storage.from('exports');

  const stop = await startApp(ctx);
  const rows: MeasuredRow[] = [];
  try {
    const before = procKb(stop.pid, 'VmHWM');
    for (const kind of exportKinds) {
      const path = `/projects/${projectId}/exports/${kind}`;
      const first = await get(path, cookie); // warm-up: the route's code, fonts, the first sign
      if (first.status !== 303 || !first.location) throw new Error(`${path} answered ${first.status}: ${first.body}`);
      const file = await fetch(first.location);
      if (!file.ok) throw new Error(`the signed URL of ${kind} answered ${file.status}`);
      const size = (await file.arrayBuffer()).byteLength;
      const objectPath = decodeURIComponent(new URL(first.location).pathname.split('/object/sign/exports/')[1]);
      const made: number[] = [];
      const stored: number[] = [];
      for (let i = 0; i < iterationsByKind[kind]; i++) {
        await storage.remove([objectPath]);
        let t = performance.now();
        if ((await get(path, cookie)).status !== 303) throw new Error(`${path} failed while timing`);
        made.push(performance.now() - t);
        t = performance.now();
        if ((await get(path, cookie)).status !== 303) throw new Error(`${path} failed while timing`);
        stored.push(performance.now() - t);
      }
      for (const [label, times] of [
        ['made', made],
        ['stored', stored],
      ] as const) {
        times.sort((a, b) => a - b);
        rows.push({
          name: `route ${kind} (${label})`,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          throughput: 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
          note: `n=${times.length}, ${(size / 1024).toFixed(0)} KB, app VmHWM ${mb(procKb(stop.pid, 'VmHWM'))} MB`,
        });
      }
    }
    rows.push({
      name: 'app memory high-water mark',
      note: `next start VmHWM ${mb(procKb(stop.pid, 'VmHWM'))} MB (was ${mb(before)} MB before the exports; VmRSS now ${mb(procKb(stop.pid, 'VmRSS'))} MB)`,
    });
  } finally {
    await stop();
  }
  return rows;
}
