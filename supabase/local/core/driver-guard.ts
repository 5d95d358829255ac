// The `postgres` driver (3.4.9, the latest) can throw from a timer after a connection died mid-write: a write
// queued with setImmediate fires after the socket was closed and nulled, `socket.write` of null, an uncaught
// TypeError that would end the gateway process (porsager/postgres#1154, #1208; fixes proposed, none released).
// The query whose write that was is then never settled: the connection already closed, so the driver neither
// rejects nor retries it, and whoever awaits it waits forever. The gateway logs it, carries on, and tells the
// listeners below, so the requests in flight at that moment answer 503 instead of hanging (db-unavailable.ts).
// Every other uncaught error still ends the process.

/** True only for the driver's write-after-close: a TypeError about `write` of null thrown in its nextWrite. */
export function isDriverWriteAfterClose(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'|evaluating 'socket\.write'/.test(error.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '') &&
    /nextWrite/.test(error.stack ?? '')
  );
}

const lostQueryListeners = new Set<() => void>();

/** Calls `listener` each time the driver drops a query this way; returns the function that stops it. */
export function onDriverLostQuery(listener: () => void): () => void {
  lostQueryListeners.add(listener);
  return () => lostQueryListeners.delete(listener);
}

/** What the guard does on a write-after-close, apart from logging: exported for the middleware's tests. */
export function announceLostQuery() {
  for (const listener of [...lostQueryListeners]) listener();
}

export function guardAgainstDriverWriteAfterClose(log: (line: string) => void = console.error) {
  process.on('uncaughtException', (error) => {
    if (isDriverWriteAfterClose(error)) {
      log('gateway: a database connection died mid-write (postgres driver write-after-close); carrying on');
      announceLostQuery();
      return;
    }
    // What Node would have done without a handler: report and exit.
    console.error(error);
    process.exit(1);
  });
}
