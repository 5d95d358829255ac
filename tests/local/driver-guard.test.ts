// The gateway survives the postgres driver's write-after-close (supabase/local/core/driver-guard.ts), and only that:
// a process with the guard carries on after the driver's TypeError from a timer, and still dies of anything else;
// the requests in flight then, one of which waits on the query the driver dropped, answer 503 instead of hanging.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { databaseUnavailable } from '../../supabase/local/core/db-unavailable.ts';
import { announceLostQuery, isDriverWriteAfterClose } from '../../supabase/local/core/driver-guard.ts';

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

describe('a query the driver dropped', () => {
  function gateway() {
    const app = new Hono();
    app.use('*', databaseUnavailable);
    let entered = () => {};
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    // As a request whose query was dropped: it never settles.
    app.get('/rest/v1/hangs', async () => {
      entered();
      return new Promise<Response>(() => {});
    });
    app.get('/rest/v1/answers', (c) => c.json({ ok: true }));
    app.get('/rest/v1/fails', () => {
      throw new Error('a real bug');
    });
    app.onError((error, c) => c.json({ message: (error as Error).message }, 500));
    return { app, inFlight };
  }

  it('answers the requests in flight with 503 and Retry-After, and leaves later ones alone', async () => {
    const { app, inFlight } = gateway();
    const hanging = app.request('/rest/v1/hangs');
    await inFlight;
    announceLostQuery();
    const answer = await hanging;
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answer.json()).toMatchObject({ code: 'PGRST000' });

    const later = await app.request('/rest/v1/answers');
    expect(later.status).toBe(200);
    expect(await later.json()).toEqual({ ok: true });
    const failing = await app.request('/rest/v1/fails');
    expect(failing.status).toBe(500);
    expect(await failing.json()).toEqual({ message: 'a real bug' });
  });
});
