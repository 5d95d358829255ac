// The `postgres` driver (3.4.9, the latest) can throw from a timer after a connection died mid-write: a write
// queued with setImmediate fires after the socket was closed and nulled, `socket.write` of null, an uncaught
// TypeError that would end the gateway process (porsager/postgres#1154, #1208; fixes proposed, none released).
// By then the driver has already failed the query on that connection (CONNECTION_CLOSED), and the pool opens a new
// one for the next, so the gateway logs it and carries on. Every other uncaught error still ends the process.

/** True only for the driver's write-after-close: a TypeError about `write` of null thrown in its nextWrite. */
export function isDriverWriteAfterClose(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'|evaluating 'socket\.write'/.test(error.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '') &&
    /nextWrite/.test(error.stack ?? '')
  );
}

export function guardAgainstDriverWriteAfterClose(log: (line: string) => void = console.error) {
  process.on('uncaughtException', (error) => {
    if (isDriverWriteAfterClose(error)) {
      log('gateway: a database connection died mid-write (postgres driver write-after-close); carrying on');
      return;
    }
    // What Node would have done without a handler: report and exit.
    console.error(error);
    process.exit(1);
  });
}
