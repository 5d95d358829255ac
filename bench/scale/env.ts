// Imported first by bench/run.ts: `npm run bench -- scale` works on its own local stack, so the scale dataset
// (gigabytes, kept between runs) never meets the database `npm test` and the other benches use, and both can run
// at once. It must run before supabase/local/config.ts is evaluated, which reads these variables once.
import path from 'node:path';

export const scaleRequested = process.argv.slice(2).includes('scale');

/** `--messages 10000000` or `--messages=10000000`; the default dataset has one million messages. */
export function requestedMessages(argv = process.argv.slice(2)): number {
  const at = argv.findIndex((a) => a === '--messages' || a.startsWith('--messages='));
  if (at < 0) return 1_000_000;
  const raw = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  const value = Number(raw?.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 300_000)
    throw new Error(`--messages needs a whole number ≥ 300000, got ${raw}`);
  return value;
}

if (scaleRequested) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const messages = requestedMessages();
  const offset = (name: string, fallback: number) => String(Number(process.env[name] ?? fallback) + 10);
  // One data folder per dataset size, so the 1M dataset survives while a 10M one is built beside it.
  process.env.SUPABASE_LOCAL_DATA_DIR =
    process.env.BENCH_SCALE_DATA_DIR ?? path.join(root, 'supabase', '.scale-data', String(messages));
  process.env.SUPABASE_LOCAL_API_PORT = process.env.BENCH_SCALE_API_PORT ?? offset('SUPABASE_LOCAL_API_PORT', 54321);
  process.env.SUPABASE_LOCAL_DB_PORT = process.env.BENCH_SCALE_DB_PORT ?? offset('SUPABASE_LOCAL_DB_PORT', 54322);
}
