// The gateway's one database connection for events, outliving database restarts. Database broadcasts are read from
// realtime.messages itself (bootstrap/48-realtime-broadcast-xid.sql: each row names its writer's transaction), row
// changes from realtime.local_outbox (bootstrap/46-realtime-outbox.sql); writers fill both without pg_notify's
// cluster-wide commit lock. Schema changes still arrive by LISTEN. postgres.js re-LISTENs once after a drop and
// gives up if the database is still away, so this keeps its own connection and retries until the database is
// back, reporting the transitions so the gateway can tell its clients.
import postgres from 'postgres';
import { adminDbUrl } from '../config.ts';

export type ListenerEvents = {
  /** One broadcast (channel realtime_local_messages), one row change (realtime_local_changes) or a notification. */
  onNotify: (channel: string, payload: string) => void;
  /** The connection is gone; events are lost until onUp. */
  onDown: (reason: string) => void;
  /** Listening again after onDown. */
  onUp: () => void;
};

// Polling pace: quick while events flow, slower when idle (a first event after a quiet spell waits at most idleMs).
const busyMs = 5;
const idleMs = 100;

// Transaction ids travel as Postgres array text ('{752,760}'): this connection reads no type catalog (fetch_types
// off), so postgres.js neither parses nor serialises xid8 arrays itself.
const xidList = (text: string) => (text === '{}' ? [] : text.slice(1, -1).split(','));
const xidArray = (xids: string[]) => `{${xids.join(',')}}`;

export function startListener(channels: string[], events: ListenerEvents) {
  let closed = false;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let retry: NodeJS.Timeout | null = null;
  let poller: NodeJS.Timeout | null = null;
  let delay = 100;
  let pace = busyMs;
  // Delivery rule. Every transaction below `horizon` (an earlier snapshot's xmin) had ended when that snapshot was
  // taken, so all its rows were visible to that poll and were delivered then: none can appear below it later. At
  // or above it, `delivered` lists the transactions whose rows have gone out (committed after an older one that is
  // still open). Each poll delivers the visible rows of transactions at or above the horizon it has not delivered
  // yet: a transaction's rows go out as soon as it commits, whatever older transaction is still open, each once,
  // and in commit order from one poll to the next (within one poll, by transaction id). Both are kept across
  // database restarts, so what committed before the connection dropped is caught up. Null: not started yet.
  let horizon: string | null = null;
  let delivered: string[] = [];
  // `onnotify` is a postgres.js option its types leave out (it is how its own listen() receives notifications).
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    // One generic plan for the poll, planned once: a custom plan of a read of realtime.messages' partitions cost
    // 0.3 ms of planning every 5 ms while events flow (75 µs of database CPU per append at one writer, on the cores
    // the writers use); the generic plan is the same index lookups.
    // Named after its process, so a test can drop its own gateway's connection without touching the stack's.
    connection: {
      application_name: `ohm-local-realtime-listener ${process.pid}`,
      plan_cache_mode: 'force_generic_plan',
    },
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

  // The first poll delivers nothing: it notes which transactions' rows are already there, so a gateway that starts
  // (or restarts) sends its subscribers what commits from then on, not the last minutes again.
  async function start() {
    const [row] = await sql`
      with h as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
      select h.xmin::text as xmin, array(
               select distinct o.local_xid from realtime.messages o where o.local_xid >= h.xmin
               union select distinct c.xid from realtime.local_outbox c where c.xid >= h.xmin)::text as seen
        from h`;
    horizon = row.xmin as string;
    delivered = xidList(row.seen as string);
  }

  async function poll() {
    poller = null;
    if (closed || state !== 'up') return;
    try {
      if (horizon === null) await start();
      else {
        // pg_current_snapshot() is the statement's own snapshot: the rows read are exactly the ones it shows.
        const rows = await sql`
          with h as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin),
          events as (
            select m.local_xid as xid, m.local_seq as seq, 'realtime_local_messages' as channel,
                   json_build_object('id', m.id, 'topic', m.topic, 'event', m.event, 'payload', m.payload,
                                     'private', m.private, 'extension', m.extension)::text as note
              from realtime.messages m
             where m.local_xid >= ${horizon}::xid8 and m.local_xid <> all(${xidArray(delivered)}::xid8[])
            union all
            select c.xid, (c.note::jsonb ->> 'n')::bigint, c.channel, c.note
              from realtime.local_outbox c
             where c.xid >= ${horizon}::xid8 and c.xid <> all(${xidArray(delivered)}::xid8[]))
          select h.xmin::text as xmin, e.xid::text as xid, e.channel, e.note
            from h left join events e on true
           order by e.xid, e.seq`;
        const xmin = rows[0].xmin as string;
        const found = rows.filter((r) => r.channel !== null);
        for (const row of found) events.onNotify(row.channel as string, row.note as string);
        const kept = new Set([...delivered, ...found.map((r) => r.xid as string)]);
        horizon = xmin;
        delivered = [...kept].filter((xid) => BigInt(xid) >= BigInt(xmin));
        pace = found.length ? busyMs : Math.min(pace * 2, idleMs);
      }
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
