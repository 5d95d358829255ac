// `npm test`: every check a change must pass, against a local stack it starts when needed and stops again when it
// started it, so no process is left behind. The static checks run side by side, and the production build the
// browser tests need is made beside them and Vitest: each of those is mostly one thread or waiting on the
// database, so together they fill the machine's cores instead of queueing. Output stays one block per step, in
// order: a step run beside others keeps its output until it ends.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { applyMigrations, isRunning, startStack, stopStack } from '../supabase/local/stack.ts';
import { appServerEnv, e2ePort } from '../tests/e2e/app-server-env.ts';
import { digestLine, newDigest, printDigest, type Digest } from './test-digest.ts';

type Step = { name: string; command: string[]; env?: Record<string, string> };
type Result = { name: string; ok: boolean; seconds: number; output: string[] };

// ESLint and Prettier keep a cache of the files they found clean, keyed on their content and the config (a fresh
// checkout has none and checks every file); tsc has its own (tsconfig's incremental).
const checks: Step[] = [
  { name: 'typecheck', command: ['tsc', '--noEmit'] },
  {
    name: 'lint',
    command: [
      'eslint',
      '.',
      '--max-warnings=0',
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      'node_modules/.cache/eslint/',
    ],
  },
  { name: 'format', command: ['prettier', '--check', '.', '--cache'] },
  { name: 'database types are fresh', command: ['node', 'supabase/local/cli.ts', 'types', '--check'] },
  { name: 'schema snapshot is fresh', command: ['node', 'supabase/local/cli.ts', 'schema', '--check'] },
  { name: 'database advisors', command: ['node', 'supabase/local/cli.ts', 'lint'] },
];
const build: Step = { name: 'next build (for playwright)', command: ['next', 'build'], env: appServerEnv };
const vitest: Step = { name: 'vitest (unit, db, local)', command: ['vitest', 'run'] };
// The build is made above; without it (a server already on the port, which Playwright reuses) Playwright's own web
// server command builds as before.
const playwright = (prebuilt: boolean): Step => ({
  name: 'playwright (e2e)',
  command: ['playwright', 'test'],
  env: prebuilt ? { OHM_E2E_PREBUILT: '1' } : {},
});

/** Runs `step`; `live` streams (and digests) its output as it comes, otherwise it is kept for `show`. */
function run(step: Step, digest: Digest, live: boolean): Promise<Result> {
  const start = performance.now();
  const output: string[] = [];
  if (live) console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  return new Promise((resolve) => {
    const [bin, ...args] = step.command;
    const child = spawn(bin, args, {
      stdio: [live ? 'inherit' : 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...step.env },
    });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let partial = '';
      from.on('data', (chunk: Buffer) => {
        if (!live) return void output.push(chunk.toString('utf8'));
        to.write(chunk);
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) digestLine(digest, line);
      });
    }
    const done = (code: number) =>
      resolve({ name: step.name, ok: code === 0, seconds: (performance.now() - start) / 1000, output });
    child.on('error', () => done(127));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** Prints a step that ran beside others, whole, and digests it then, so no other step's lines come between. */
function show(step: Step, result: Result, digest: Digest) {
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const text = result.output.join('');
  process.stdout.write(text);
  for (const line of text.split('\n')) digestLine(digest, line);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

// Suites and benchmarks sign in hundreds of guests from 127.0.0.1: Auth's per-IP limits would refuse them (the
// limits have their own test, tests/local/auth-rate-limit.test.ts). Only a gateway started here gets this.
process.env.SUPABASE_LOCAL_AUTH_RATE_LIMITS ??= 'off';
const startedHere = !isRunning();
const results: Result[] = [];
const digest = newDigest();
let exitCode = 0;
let expected = checks.length + 3;
try {
  const t0 = performance.now();
  await startStack();
  // A data folder from an earlier checkout (running or not) has not seen this checkout's new migrations: push them
  // (a no-op when none is pending; a fresh folder already got them with the seed).
  await applyMigrations({ seed: false });
  console.log(
    `\n▶ local stack ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${startedHere ? 'started' : 'already running'})`,
  );
  const serverRunning = await portAnswers(e2ePort);
  if (serverRunning) expected -= 1;
  const checking = checks.map((step) => run(step, digest, false));
  // next build rewrites .next/types, which tsc reads (tsconfig includes it): it starts once tsc has ended.
  const building = serverRunning ? undefined : checking[0].then(() => run(build, digest, false));
  for (const [i, step] of checks.entries()) {
    const result = await checking[i];
    show(step, result, digest);
    results.push(result);
  }
  results.push(await run(vitest, digest, true));
  const built = await building;
  if (built) {
    show(build, built, digest);
    results.push(built);
  }
  if (!built || built.ok) results.push(await run(playwright(!!built), digest, true));
  exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  if (startedHere) await stopStack();
}

printDigest(digest, 'details');
console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
// A step that did not run (after an error, or Playwright after a failed build) counts as failed.
const failed = results.filter((r) => !r.ok).length + expected - results.length;
printDigest(digest, 'names');
console.log(`checks: ${results.filter((r) => r.ok).length} passed, ${failed} failed`);
process.exit(exitCode);
