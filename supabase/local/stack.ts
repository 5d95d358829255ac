// The local stack as one unit: Postgres, the platform bootstrap, migrations and seed through the Supabase CLI,
// and the gateway process. cli.ts (npm run db:*) and the test and bench runners drive it through these functions.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import {
  adminDbUrl,
  anonKey,
  apiPort,
  apiUrl,
  dataDir,
  dbPort,
  dbUrl,
  jwtSecret,
  logFiles,
  pidFiles,
  projectRoot,
  publishableKey,
  secretKey,
  serviceRoleKey,
} from './config.ts';
import { clusterState, initCluster, portInUse, postmasterPid, startCluster, stopCluster } from './postgres.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const readyMarker = path.join(dataDir, 'ready.json');
const supabaseBin = path.join(projectRoot, 'node_modules', '.bin', 'supabase');

export class StackError extends Error {}

function log(message: string) {
  process.stderr.write(message + '\n');
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const bootstrapDir = path.join(here, 'bootstrap');
const bootstrapFiles = () =>
  fs
    .readdirSync(bootstrapDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

/** A fingerprint of the platform bootstrap, kept in the ready marker to notice a database built from an older one. */
function bootstrapHash(): string {
  const hash = createHash('sha256');
  for (const file of bootstrapFiles()) hash.update(file).update(fs.readFileSync(path.join(bootstrapDir, file)));
  return hash.digest('hex').slice(0, 16);
}

async function applyBootstrap() {
  await withAdmin(async (sql) => {
    for (const file of bootstrapFiles()) {
      try {
        await sql.begin((tx) => tx.unsafe(fs.readFileSync(path.join(bootstrapDir, file), 'utf8')));
      } catch (error) {
        throw new StackError(`bootstrap ${file} failed: ${(error as Error).message}`);
      }
    }
  });
}

// Bootstrap files added after clusters already existed, with a probe that says whether a cluster has them: applied
// once when missing, so an existing local cluster need not be reset to get them.
const lateBootstrap = [
  {
    file: '45-realtime-changes.sql',
    present: "select to_regproc('realtime.capture_local_change') is not null as present",
  },
  {
    file: '46-realtime-outbox.sql',
    present:
      "select exists (select 1 from pg_catalog.pg_attribute where attrelid = to_regclass('realtime.local_outbox') and attname = 'message_id') as present",
  },
  {
    file: '47-privileged-configs.sql',
    present: "select has_parameter_privilege('postgres', 'session_replication_role', 'set') as present",
  },
  {
    file: '48-realtime-broadcast-xid.sql',
    present:
      "select exists (select 1 from pg_catalog.pg_attribute where attrelid = to_regclass('realtime.messages') and attname = 'local_xid') as present",
  },
];

async function applyLateBootstrap(): Promise<boolean> {
  let applied = false;
  await withAdmin(async (sql) => {
    for (const { file, present } of lateBootstrap) {
      await sql
        .begin(async (tx) => {
          // Two processes starting the stack at once must not both apply it.
          await tx`select pg_advisory_xact_lock(hashtext(${file}))`;
          const [probe] = await tx.unsafe(present);
          if (probe.present) return;
          log(`Applying ${file} to the existing cluster…`);
          await tx.unsafe(fs.readFileSync(path.join(bootstrapDir, file), 'utf8'));
          applied = true;
        })
        .catch((error) => {
          throw new StackError(`bootstrap ${file} failed: ${(error as Error).message}`);
        });
    }
  });
  return applied;
}

export function runSupabaseCli(
  args: string[],
  opts: { capture?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(supabaseBin, args, {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The local Postgres has no TLS: without this the CLI prints a TLS warning on stdout, into generated types.
      env: { PGSSLMODE: 'disable', ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!opts.capture) process.stderr.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!opts.capture) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Applies pending migrations (and the seed when asked) as `postgres`, then tells the REST layer to reload its schema cache. */
export async function applyMigrations(options: { seed: boolean }) {
  const args = ['db', 'push', `--remote=${dbUrl}`, '--include-all', '--yes'];
  if (options.seed) args.push('--include-seed');
  const result = await runSupabaseCli(args, { capture: true });
  if (result.code !== 0) {
    throw new StackError(`supabase db push failed:\n${result.stdout}${result.stderr}`);
  }
  await withAdmin((sql) => sql`notify pgrst, 'reload schema'`);
}

function gatewayPid(): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFiles.gateway, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function gatewayHealthy(): Promise<boolean> {
  try {
    const res = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startGatewayProcess() {
  if (gatewayPid() && (await gatewayHealthy())) return;
  if (await portInUse(apiPort)) {
    throw new StackError(
      `Port ${apiPort} (the API gateway) is in use by another process. Stop it, or set SUPABASE_LOCAL_API_PORT.`,
    );
  }
  const out = fs.openSync(logFiles.gateway, 'a');
  const child = spawn(process.execPath, [path.join(here, 'gateway.ts')], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', out, out],
    env: process.env,
  });
  child.unref();
  fs.writeFileSync(pidFiles.gateway, String(child.pid));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await gatewayHealthy()) return;
    if (!gatewayPid()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = fs.readFileSync(logFiles.gateway, 'utf8').split('\n').slice(-20).join('\n');
  throw new StackError(`The gateway did not become healthy on ${apiUrl}. Its log (${logFiles.gateway}):\n${tail}`);
}

async function stopGatewayProcess() {
  const pid = gatewayPid();
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  fs.rmSync(pidFiles.gateway, { force: true });
  return true;
}

export function isRunning(): boolean {
  return postmasterPid() !== null;
}

/** Starts everything; returns false when it was already running. */
export async function startStack(): Promise<boolean> {
  fs.mkdirSync(dataDir, { recursive: true });
  if (postmasterPid()) {
    // A gateway started before a late piece (the realtime outbox, broadcasts read from realtime.messages) would keep
    // reading the old way: restart it.
    if (await applyLateBootstrap()) await stopGatewayProcess();
    await startGatewayProcess();
    return false;
  }
  if (await portInUse(dbPort)) {
    throw new StackError(
      `Port ${dbPort} (Postgres) is in use by another process. Stop it, or set SUPABASE_LOCAL_DB_PORT.`,
    );
  }
  const state = clusterState();
  if (state === 'corrupt' || (state === 'initialised' && !fs.existsSync(readyMarker))) {
    throw new StackError(
      `The local data folder ${dataDir} is corrupt or half-initialised. Run \`npm run db:reset\` to rebuild it (this deletes local data).`,
    );
  }
  const fresh = state === 'missing';
  if (fresh) {
    log('Initialising Postgres 17…');
    await initCluster();
  }
  await startCluster();
  if (fresh) {
    log('Applying the platform bootstrap…');
    await applyBootstrap();
    log('Applying migrations and seed with the Supabase CLI…');
    await applyMigrations({ seed: true });
    fs.writeFileSync(readyMarker, JSON.stringify({ createdAt: new Date().toISOString(), bootstrap: bootstrapHash() }));
  } else {
    warnWhenBootstrapChanged(await applyLateBootstrap());
  }
  await startGatewayProcess();
  return true;
}

// The bootstrap runs once, when the database is created; pieces added later are applied by applyLateBootstrap. Any
// other change to it needs a rebuilt database: say so (migrations, by contrast, are pushed by `ensure` in cli.ts).
function warnWhenBootstrapChanged(caughtUp: boolean) {
  let marker: { createdAt?: string; bootstrap?: string };
  try {
    marker = JSON.parse(fs.readFileSync(readyMarker, 'utf8')) as typeof marker;
  } catch {
    return;
  }
  const current = bootstrapHash();
  if (marker.bootstrap === undefined || caughtUp) {
    // A cluster from before fingerprints were kept, or one the late pieces just brought up to date.
    fs.writeFileSync(readyMarker, JSON.stringify({ ...marker, bootstrap: current }));
  } else if (marker.bootstrap !== current) {
    log(
      `The platform bootstrap (supabase/local/bootstrap) changed since this local database was created. Run \`npm run db:reset\` to rebuild it (this deletes local data).`,
    );
  }
}

export async function stopStack(): Promise<boolean> {
  const gateway = await stopGatewayProcess();
  const db = await stopCluster();
  return gateway || db;
}

export async function resetStack() {
  await stopStack();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await startStack();
}

export async function restartGateway() {
  await stopGatewayProcess();
  await startGatewayProcess();
}

export function statusValues() {
  return {
    API_URL: apiUrl,
    REST_URL: `${apiUrl}/rest/v1`,
    DB_URL: dbUrl,
    PUBLISHABLE_KEY: publishableKey,
    SECRET_KEY: secretKey,
    ANON_KEY: anonKey,
    SERVICE_ROLE_KEY: serviceRoleKey,
    JWT_SECRET: jwtSecret,
  };
}
