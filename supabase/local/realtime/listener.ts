// The gateway's one database connection for events, outliving database restarts. Broadcasts and row changes are
// read from realtime.local_outbox (bootstrap/46-realtime-outbox.sql), which writers fill without pg_notify's
// cluster-wide commit lock; schema changes still arrive by LISTEN. postgres.js re-LISTENs once after a drop and
// gives up if the database is still away, so this keeps its own connection and retries until the database is
// back, reporting the transitions so the gateway can tell its clients.
import postgres from 'postgres';
import { adminDbUrl } from '../config.ts';

export type ListenerEvents = {
  /** One outbox row (channel realtime_local_messages or realtime_local_changes) or a notification. */
  onNotify: (channel: string, payload: string) => void;
  /** The connection is gone; events are lost until onUp. */
  onDown: (reason: string) => void;
  /** Listening again after onDown. */
  onUp: () => void;
};

// Polling pace: quick while events flow, slower when idle (a first event after a quiet spell waits at most idleMs).
const busyMs = 5;
const idleMs = 100;

export function startListener(channels: string[], events: ListenerEvents) {
  let closed = false;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let retry: NodeJS.Timeout | null = null;
  let poller: NodeJS.Timeout | null = null;
  let delay = 100;
  let pace = busyMs;
  // Every outbox row of a transaction id below this was delivered (null: start from the present).
  let horizon: string | null = null;

  // `onnotify` is a postgres.js option its types leave out (it is how its own listen() receives notifications).
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    // One generic plan for the poll, planned once: a custom plan of its join into realtime.messages' partitions cost
    // 0.3 ms of planning every 5 ms while events flow (75 µs of database CPU per append at one writer, on the cores
    // the writers use); the generic plan is the same index lookups.
    connection: { application_name: 'ohm-local-realtime-listener', plan_cache_mode: 'force_generic_plan' },
    onnotify: (channel: string, payload: string) => events.onNotify(channel, payload),
    onclose: () => {
      if (closed || state !== 'up') return;
      goDown('the database connection closed');
      schedule();
    },
  };
  const sql = postgres(adminDbUrl, options as postgres.Options<Record<string, never>>);

  function goDown(reason: string) {
    if (poller) clearTimeout(poller);
    poller = null;
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

  // The rows of every transaction below the snapshot's xmin are settled (committed, or rolled back and invisible),
  // so none can appear there later: read from the last horizon up to this one, in transaction order.
  async function poll() {
    poller = null;
    if (closed || state !== 'up') return;
    try {
      // A broadcast's payload is read here from its realtime.messages row (gone if it was deleted since: skipped).
      const rows = await sql`
        with h as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
        select h.xmin::text as xmin, o.channel,
               coalesce(o.note, case when r.id is not null then json_build_object(
                 'id', r.id, 'topic', r.topic, 'event', r.event, 'payload', r.payload, 'private', r.private,
                 'extension', r.extension)::text end) as note
          from h left join realtime.local_outbox o
            on o.xid >= coalesce(${horizon}::xid8, h.xmin) and o.xid < h.xmin
          left join realtime.messages r on r.id = o.message_id and r.inserted_at = o.message_at
         order by o.xid, o.id`;
      horizon = rows[0].xmin as string;
      const found = rows.filter((r) => r.channel !== null && r.note !== null);
      for (const row of found) events.onNotify(row.channel as string, row.note as string);
      pace = found.length ? busyMs : Math.min(pace * 2, idleMs);
    } catch (error) {
      if (closed) return;
      goDown((error as Error).message);
      schedule();
      return;
    }
    if (!closed && state === 'up') poller = setTimeout(() => void poll(), pace);
  }

  async function connect() {
    try {
      for (const channel of channels) await sql.unsafe(`listen ${channel}`);
      const wasDown = state === 'down';
      state = 'up';
      delay = 100;
      pace = busyMs;
      if (wasDown) events.onUp();
      void poll();
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
      if (poller) clearTimeout(poller);
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}
