import postgres from 'postgres';
import { adminDbUrl } from '/work/wt/insights/supabase/local/config.ts';
const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
const file = process.argv[2];
const text = (await import('node:fs')).readFileSync(file, 'utf8');
await sql.begin(async (tx) => {
  await tx`select set_config('request.jwt.claims', '{"sub":"1a5c0000-0000-4000-8000-000000000001","role":"authenticated"}', true), set_config('role','authenticated',true)`;
  for (const q of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const rows = await tx.unsafe(q);
    console.log(rows.map((r: any) => Object.values(r).join(' ')).join('\n'));
    console.log('---');
  }
});
await sql.end();
