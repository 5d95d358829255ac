// The local stack's command line behaves like `supabase start/status`: idempotent start, env output,
// and clear errors for a busy port or a broken data folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve('supabase/local/cli.ts');

function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Ports free right now, from the kernel: a fixed one in the ephemeral range may be any client socket's. */
async function freePorts(count: number): Promise<number[]> {
  const held = await Promise.all(Array.from({ length: count }, () => occupyPort()));
  await Promise.all(held.map((h) => h.close()));
  return held.map((h) => h.port);
}

describe('npm run db:*', () => {
  it('says the stack is already running on a second start', () => {
    const { code, out } = runCli(['start']);
    expect(code).toBe(0);
    expect(out).toContain('already running');
  });

  it('prints the values of `supabase status -o env`', () => {
    const { code, out } = runCli(['status', '-o', 'env']);
    expect(code).toBe(0);
    // The ports `supabase start` uses unless SUPABASE_LOCAL_API_PORT / SUPABASE_LOCAL_DB_PORT say otherwise.
    expect(out).toContain(`API_URL="http://127.0.0.1:${process.env.SUPABASE_LOCAL_API_PORT ?? 54321}"\n`);
    expect(out).toContain(
      `DB_URL="postgresql://postgres:postgres@127.0.0.1:${process.env.SUPABASE_LOCAL_DB_PORT ?? 54322}/postgres"\n`,
    );
    expect(out).toMatch(/^ANON_KEY="eyJ[^"]+"$/m);
    expect(out).toMatch(/^SERVICE_ROLE_KEY="eyJ[^"]+"$/m);
    expect(out).toMatch(/^JWT_SECRET="super-secret-jwt-token-with-at-least-32-characters-long"$/m);
  });

  it('names the busy port and stops cleanly when Postgres cannot bind it', async () => {
    const busy = await occupyPort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohm-busy-'));
    try {
      const { code, out } = runCli(['start'], {
        SUPABASE_LOCAL_DB_PORT: String(busy.port),
        SUPABASE_LOCAL_DATA_DIR: dataDir,
      });
      expect(code).toBe(1);
      expect(out).toContain(`Port ${busy.port} (Postgres) is in use`);
      expect(out).not.toMatch(/at .*\.ts:\d+/);
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    } finally {
      await busy.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a half-initialised data folder with the command that fixes it', async () => {
    const [dbPort, apiPort] = await freePorts(2);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohm-corrupt-'));
    fs.mkdirSync(path.join(dataDir, 'pg'));
    fs.writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    try {
      const { code, out } = runCli(['start'], {
        SUPABASE_LOCAL_DB_PORT: String(dbPort),
        SUPABASE_LOCAL_API_PORT: String(apiPort),
        SUPABASE_LOCAL_DATA_DIR: dataDir,
      });
      expect(code).toBe(1);
      expect(out).toContain('corrupt or half-initialised');
      expect(out).toContain('npm run db:reset');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
