// `npm run db:archive [-- --idle-days 365] [--limit 100]`: moves the messages of chats untouched for that long to
// the private `archive` bucket (scripts/archive/cold-chats.ts). Against hosted Supabase set SUPABASE_DB_URL (the
// postgres role's connection string), NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY; without them it uses the
// local stack. pg_cron can seal on a schedule (README, "Cold chats"); this job moves the bytes.
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { apiUrl, dbUrl, secretKey } from '../supabase/local/config.ts';
import { archiveColdChats, type ArchiveStorage } from './archive/cold-chats.ts';

const { values } = parseArgs({
  options: { 'idle-days': { type: 'string', default: '365' }, limit: { type: 'string', default: '100' } },
});
const idleDays = Number(values['idle-days']);
const limit = Number(values.limit);
if (!(idleDays >= 0) || !Number.isInteger(limit) || limit < 1) {
  console.error('--idle-days must be a number ≥ 0 and --limit a whole number ≥ 1');
  process.exit(2);
}

const sql = postgres(process.env.SUPABASE_DB_URL ?? dbUrl, { max: 1, onnotice: () => {} });
const bucket = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL ?? apiUrl,
  process.env.SUPABASE_SECRET_KEY ?? secretKey,
  { auth: { persistSession: false, autoRefreshToken: false } },
).storage.from('archive');
const storage: ArchiveStorage = {
  async upload(path, body) {
    const { error } = await bucket.upload(path, body, { contentType: 'application/gzip', upsert: true });
    if (error) throw new Error(`could not write ${path} to the archive bucket: ${error.message}`);
  },
  async remove(paths) {
    const { error } = await bucket.remove(paths);
    if (error) throw new Error(`could not remove ${paths.length} objects from the archive bucket: ${error.message}`);
  },
};

try {
  const run = await archiveColdChats({ sql, storage, idleDays, limit });
  console.log(
    `archive: ${run.stored} chats stored (${(run.bytes / 1024).toFixed(1)} KiB gzipped), ${run.keptHot} written to since sealing and kept hot, ${run.removedObjects} restored archives removed`,
  );
} finally {
  await sql.end({ timeout: 5 });
}
