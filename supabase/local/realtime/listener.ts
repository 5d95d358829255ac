// One LISTEN connection that outlives database restarts. postgres.js re-LISTENs once after a drop and gives up if the
// database is still away, so this keeps its own connection and retries until the database is back, reporting
// the transitions so the gateway can tell its clients.
import postgres from 'postgres';
import { adminDbUrl } from '../config.ts';

export type ListenerEvents = {
  onNotify: (channel: string, payload: string) => void;
  /** The connection is gone; notifications are lost until onUp. */
  onDown: (reason: string) => void;
  /** Listening again after onDown. */
  onUp: () => void;
};

export function startListener(channels: string[], events: ListenerEvents) {
  let closed = false;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let retry: NodeJS.Timeout | null = null;
  let delay = 100;

  // `onnotify` is a postgres.js option its types leave out (it is how its own listen() receives notifications).
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'ohm-local-realtime-listener' },
    onnotify: (channel: string, payload: string) => events.onNotify(channel, payload),
    onclose: () => {
      if (closed || state !== 'up') return;
      goDown('the database connection closed');
      schedule();
    },
  };
  const sql = postgres(adminDbUrl, options as postgres.Options<Record<string, never>>);

  function goDown(reason: string) {
    if (state === 'down') return;
    state = 'down';
    events.onDown(reason);
  }

  function schedule() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, 1000);
  }

  async function connect() {
    try {
      for (const channel of channels) await sql.unsafe(`listen ${channel}`);
      const wasDown = state === 'down';
      state = 'up';
      delay = 100;
      if (wasDown) events.onUp();
    } catch (error) {
      if (closed) return;
      goDown((error as Error).message);
      schedule();
    }
  }

  const ready = connect();
  return {
    ready,
    isUp: () => state === 'up',
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}
