// `npm test`: every check a change must pass, in order, against a local stack it starts when needed and stops
// again when it started it, so no process is left behind.
import { spawn } from 'node:child_process';
import { applyMigrations, isRunning, startStack, stopStack } from '../supabase/local/stack.ts';
import { digestLine, newDigest, printDigest, type Digest } from './test-digest.ts';

type Step = { name: string; command: string[] };

const steps: Step[] = [
  { name: 'typecheck', command: ['tsc', '--noEmit'] },
  { name: 'lint', command: ['eslint', '.', '--max-warnings=0'] },
  { name: 'format', command: ['prettier', '--check', '.'] },
  { name: 'database types are fresh', command: ['node', 'supabase/local/cli.ts', 'types', '--check'] },
  { name: 'schema snapshot is fresh', command: ['node', 'supabase/local/cli.ts', 'schema', '--check'] },
  { name: 'database advisors', command: ['node', 'supabase/local/cli.ts', 'lint'] },
  { name: 'vitest (unit, db, local)', command: ['vitest', 'run'] },
  { name: 'playwright (e2e)', command: ['playwright', 'test'] },
];

function run(command: string[], digest: Digest): Promise<number> {
  return new Promise((resolve) => {
    const [bin, ...args] = command;
    const child = spawn(bin, args, { stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let partial = '';
      from.on('data', (chunk: Buffer) => {
        to.write(chunk);
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) digestLine(digest, line);
      });
    }
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Suites and benchmarks sign in hundreds of guests from 127.0.0.1: Auth's per-IP limits would refuse them (the
// limits have their own test, tests/local/auth-rate-limit.test.ts). Only a gateway started here gets this.
process.env.SUPABASE_LOCAL_AUTH_RATE_LIMITS ??= 'off';
const startedHere = !isRunning();
const results: Array<{ name: string; ok: boolean; seconds: number }> = [];
const digest = newDigest();
let exitCode = 0;
try {
  const t0 = performance.now();
  await startStack();
  // A data folder from an earlier checkout (running or not) has not seen this checkout's new migrations: push them
  // (a no-op when none is pending; a fresh folder already got them with the seed).
  await applyMigrations({ seed: false });
  console.log(
    `\n▶ local stack ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${startedHere ? 'started' : 'already running'})`,
  );
  for (const step of steps) {
    console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
    const start = performance.now();
    const code = await run(step.command, digest);
    const seconds = (performance.now() - start) / 1000;
    results.push({ name: step.name, ok: code === 0, seconds });
    if (code !== 0) exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  if (startedHere) await stopStack();
}

printDigest(digest, 'details');
console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const failed =
  results.filter((r) => !r.ok).length + (results.length < steps.length ? steps.length - results.length : 0);
printDigest(digest, 'names');
console.log(`checks: ${steps.length - failed} passed, ${failed} failed`);
process.exit(exitCode);
