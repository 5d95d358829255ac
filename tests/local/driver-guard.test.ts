// The gateway survives the postgres driver's write-after-close (supabase/local/core/driver-guard.ts), and only that:
// a process with the guard carries on after the driver's TypeError from a timer, and still dies of anything else.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDriverWriteAfterClose } from '../../supabase/local/core/driver-guard.ts';

const guard = path.resolve(import.meta.dirname, '../../supabase/local/core/driver-guard.ts');

/** Runs a Node process with the guard installed that throws `thrown` from a setImmediate, as the driver does. */
function survives(thrown: string): { status: number | null; stderr: string } {
  const script = `
    import { guardAgainstDriverWriteAfterClose } from ${JSON.stringify(guard)};
    guardAgainstDriverWriteAfterClose();
    setImmediate(() => { ${thrown} });
    setTimeout(() => { console.log('still here'); process.exit(0); }, 50);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

const driverError = `
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = "TypeError: Cannot read properties of null (reading 'write')\\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)";
  throw error;`;

describe('the driver guard', () => {
  it("recognises the driver's write-after-close and nothing else", () => {
    const error = new TypeError("Cannot read properties of null (reading 'write')");
    error.stack = `${error.message}\n    at Immediate.nextWrite (node_modules/postgres/src/connection.js:255:22)`;
    expect(isDriverWriteAfterClose(error)).toBe(true);
    expect(isDriverWriteAfterClose(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDriverWriteAfterClose(new Error('boom'))).toBe(false);
  });

  it('keeps the process alive after it, and lets any other uncaught error end the process', () => {
    const driver = survives(driverError);
    expect(driver.status).toBe(0);
    expect(driver.stderr).toMatch(/died mid-write/);
    expect(survives(`throw new Error('a real bug')`).status).toBe(1);
  });
});
