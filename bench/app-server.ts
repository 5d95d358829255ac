// The app as the chat-page bench measures it: a production build (skipped with BENCH_SKIP_BUILD=1 when .next is
// current) served by `next start` on 127.0.0.1:BENCH_APP_PORT against the local stack, stopped with the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { jwtSecret } from '../supabase/local/config.ts';
import type { BenchContext } from './types.ts';

const root = path.resolve(import.meta.dirname, '..');
const appPort = Number(process.env.BENCH_APP_PORT ?? 3300);
export const appUrl = `http://127.0.0.1:${appPort}`;
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

function portAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: appPort }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitForApp(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('next start exited before it answered');
    const ok = await new Promise<boolean>((resolve) => {
      http
        .get(`${appUrl}/login`, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not answer on ${appUrl}`);
}

/** A production build (skipped with BENCH_SKIP_BUILD=1 when .next is current) served on 127.0.0.1. */
/** Ends the server; `pid` is the `next start` process, for workloads that read its memory. */
export type StopApp = (() => Promise<void>) & { pid: number | undefined };

export async function startApp(ctx: BenchContext, options: { reuseBuild?: boolean } = {}): Promise<StopApp> {
  const env = {
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: ctx.apiUrl,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: ctx.publishableKey,
    SUPABASE_SECRET_KEY: ctx.secretKey,
    SUPABASE_JWT_SECRET: jwtSecret,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // A server left on the port (say, by an interrupted run) would answer with another build's pages.
  if (await portAnswers()) throw new Error(`port ${appPort} is in use: stop what listens there or set BENCH_APP_PORT`);
  const skip = options.reuseBuild || process.env.BENCH_SKIP_BUILD === '1';
  if (!skip || !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) await run(nextBin, ['build'], env);
  const child = spawn(nextBin, ['start', '-p', String(appPort), '-H', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** Ends the server and resolves once it has exited (and its port is free for the next start). */
  const stop: StopApp = Object.assign(
    () => {
      child.kill('SIGTERM');
      return stopped;
    },
    { pid: child.pid },
  );
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  await waitForApp(child).catch((error) => {
    stop();
    throw error;
  });
  return stop;
}
