// `npm test`: every check a change must pass, in order, against a local stack it starts when needed and stops
// again when it started it, so no process is left behind.
import { spawn } from 'node:child_process';
import { applyMigrations, isRunning, startStack, stopStack } from '../supabase/local/stack.ts';

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

// The lines that name a failed test (Vitest's "FAIL file > test", Playwright's "✘ … › file › test"), repeated under
// the summary: CI keeps only the end of the output, and that must say what failed.
const failureLine = /^\s*(FAIL\s+(\S+\s+)?\S+\.test\.ts\s+>|✘\s+\d+\s)/;
const ansi = /\x1b\[[0-9;]*m/g;

function run(command: string[], failures: string[]): Promise<number> {
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
        for (const line of lines.map((l) => l.replace(ansi, '').trimEnd()))
          if (failureLine.test(line) && !failures.includes(line.trim())) failures.push(line.trim());
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
const failures: string[] = [];
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
    const code = await run(step.command, failures);
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

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const failed =
  results.filter((r) => !r.ok).length + (results.length < steps.length ? steps.length - results.length : 0);
if (failures.length) console.log(`failed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`checks: ${steps.length - failed} passed, ${failed} failed`);
process.exit(exitCode);
