// `npm run db:*`: start, stop, status, reset, migrate, types, schema and lint for the local stack.
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { adminDbUrl, dbUrl, projectRoot } from './config.ts';
import { stopCluster } from './postgres.ts';
import { schemaSnapshot } from './schema-snapshot.ts';
import {
  applyMigrations,
  isRunning,
  resetStack,
  restartGateway,
  runSupabaseCli,
  StackError,
  startStack,
  statusValues,
  stopStack,
} from './stack.ts';

const typesFile = path.join(projectRoot, 'lib', 'supabase', 'database.types.ts');
const envFile = path.join(projectRoot, '.env.local');
const schemaFile = path.join(projectRoot, 'supabase', 'schema.sql');

function printStatus(format: string | undefined) {
  const values = statusValues();
  if (format === 'env') {
    for (const [key, value] of Object.entries(values)) console.log(`${key}="${value}"`);
    return;
  }
  if (format === 'json') {
    console.log(JSON.stringify(values, null, 2));
    return;
  }
  const running = isRunning();
  console.log(running ? 'local Supabase is running.\n' : 'local Supabase is not running (npm run db:start).\n');
  for (const [key, value] of Object.entries(values)) console.log(`${key.replaceAll('_', ' ').padStart(16)}: ${value}`);
}

function writeEnvLocalIfMissing() {
  if (fs.existsSync(envFile)) return;
  const v = statusValues();
  fs.writeFileSync(
    envFile,
    [
      '# Written by `npm run dev` for the local stack; see .env.example.',
      `NEXT_PUBLIC_SUPABASE_URL=${v.API_URL}`,
      `NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=${v.PUBLISHABLE_KEY}`,
      `SUPABASE_SECRET_KEY=${v.SECRET_KEY}`,
      `SUPABASE_JWT_SECRET=${v.JWT_SECRET}`,
      '',
    ].join('\n'),
  );
  console.error('Wrote .env.local for the local stack.');
}

async function generateTypes(): Promise<string> {
  const result = await runSupabaseCli(['gen', 'types', 'typescript', `--remote=${dbUrl}`, '--schema', 'public'], {
    capture: true,
  });
  if (result.code !== 0) throw new StackError(`supabase gen types failed:\n${result.stderr}`);
  return result.stdout;
}

async function readSchema(): Promise<string> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  try {
    return await schemaSnapshot(sql);
  } finally {
    await sql.end();
  }
}

/** Writes `file`, or with --check only compares it and fails when it differs. */
function writeOrCheck(file: string, generated: string, check: boolean, regenerate: string) {
  const name = path.relative(projectRoot, file);
  if (check) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== generated) {
      console.error(`${name} is stale: run \`${regenerate}\` and commit the result.`);
      process.exitCode = 1;
    }
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, generated);
  console.log(`Wrote ${name}`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const flag = (name: string) => {
    const i = rest.findIndex((a) => a === name || a.startsWith(name + '='));
    if (i < 0) return undefined;
    return rest[i].includes('=') ? rest[i].split('=')[1] : rest[i + 1];
  };
  switch (command) {
    case 'start': {
      const started = await startStack();
      console.log(started ? 'Started local Supabase.\n' : 'local Supabase is already running.\n');
      printStatus(undefined);
      return;
    }
    case 'ensure':
      await startStack();
      // A pulled checkout may bring new migrations: push the pending ones (none is a no-op) before the app starts.
      await applyMigrations({ seed: false });
      writeEnvLocalIfMissing();
      return;
    case 'stop':
      console.log((await stopStack()) ? 'Stopped local Supabase.' : 'local Supabase is not running.');
      return;
    case 'stop-db':
      // Postgres only, the gateway keeps running: for restart drills (`start` brings the database back).
      console.log((await stopCluster()) ? 'Stopped Postgres.' : 'Postgres is not running.');
      return;
    case 'status':
      printStatus(flag('-o') ?? flag('--output'));
      return;
    case 'reset':
      await resetStack();
      console.log('Reset local Supabase: bootstrap, migrations and seed applied.');
      return;
    case 'migrate':
      await applyMigrations({ seed: false });
      return;
    case 'restart-gateway':
      await restartGateway();
      return;
    case 'types':
      writeOrCheck(typesFile, await generateTypes(), rest.includes('--check'), 'npm run db:types');
      return;
    case 'schema':
      writeOrCheck(schemaFile, await readSchema(), rest.includes('--check'), 'npm run db:schema');
      return;
    case 'lint': {
      const result = await runSupabaseCli([
        'db',
        'advisors',
        `--remote=${dbUrl}`,
        '--level',
        'warn',
        '--fail-on',
        'warn',
      ]);
      process.exitCode = result.code;
      return;
    }
    default:
      console.error(
        'usage: cli.ts start|stop|stop-db|status [-o env|json]|reset|migrate|restart-gateway|types [--check]|schema [--check]|lint|ensure',
      );
      process.exitCode = 2;
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof StackError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
