// postgres_changes: bindings made at join, and the delivery of each captured row change (bootstrap
// 45-realtime-changes.sql) to the subscribers whose bindings, filters, grants and RLS let them see it, in the shape
// walrus and the Realtime server produce: {ids, data: {schema, table, commit_timestamp, type, columns, record,
// old_record, errors}}.
import type postgres from 'postgres';
import type { GatewayContext } from '../core/context.ts';
import { parseBinding, rowMatches, type Binding } from './filters.ts';
import {
  changeData,
  errorData,
  pick,
  type Access,
  type Change,
  type Column,
  type TableMeta,
} from './change-payload.ts';
import { SharedFrame, sendShared, type Channel, type Client } from './protocol.ts';

export type { Change };

type Subscription = { client: Client; channel: Channel; binding: Binding };

const index = new Map<string, Set<Subscription>>();
let tables = new Map<string, Promise<TableMeta | null>>();
const key = (schema: string, table: string) => `${schema}\u0000${table}`;

/** Grants, policies, replica identity or the publication changed: read the catalogs again on next use. */
export function forgetTables() {
  tables = new Map();
}

export function hasSubscriptions() {
  return index.size > 0;
}

function tableMeta(ctx: GatewayContext, schema: string, table: string): Promise<TableMeta | null> {
  const k = key(schema, table);
  let meta = tables.get(k);
  if (!meta) {
    meta = loadTable(ctx, schema, table);
    tables.set(k, meta);
    meta.catch(() => tables.delete(k));
  }
  return meta;
}

async function loadTable(ctx: GatewayContext, schema: string, table: string): Promise<TableMeta | null> {
  const [row] = await ctx.admin`
    select c.oid::int as oid, c.relrowsecurity as rls, c.relreplident as replica_identity,
           exists (select 1 from pg_publication_tables p
                    where p.pubname = 'supabase_realtime' and p.schemaname = n.nspname and p.tablename = c.relname) as published,
           (select json_agg(json_build_object('name', a.attname, 'type', t.typname) order by a.attnum)
              from pg_attribute a join pg_type t on t.oid = a.atttypid
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
           (select coalesce(json_agg(a.attname), '[]') from pg_index i
              join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
             where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and c.relname = ${table} and c.relkind in ('r', 'p')`;
  if (!row) return null;
  const columns = row.columns as Column[];
  return {
    oid: row.oid,
    columns,
    types: new Map(columns.map((c) => [c.name, c.type])),
    pk: row.pk as string[],
    replicaIdentity: row.replica_identity,
    rls: row.rls,
    published: row.published,
    access: new Map(),
  };
}

/** The columns `role` may select (walrus sends only those), and whether that includes the whole primary key. */
function roleAccess(ctx: GatewayContext, meta: TableMeta, role: string): Promise<Access> {
  let access = meta.access.get(role);
  if (!access) {
    access = (async () => {
      const rows = await ctx.admin`
        select a.attname as name from pg_attribute a
         where a.attrelid = ${meta.oid} and a.attnum > 0 and not a.attisdropped
           and exists (select 1 from pg_roles where rolname = ${role})
           and has_column_privilege(${role}, ${meta.oid}::oid, a.attnum, 'SELECT')`;
      const selectable = new Set(rows.map((r) => r.name as string));
      return { selectable, pkSelectable: meta.pk.length > 0 && meta.pk.every((c) => selectable.has(c)) };
    })();
    meta.access.set(role, access);
    access.catch(() => meta.access.delete(role));
  }
  return access;
}

function describe(binding: Binding) {
  const filters = binding.filters.map((f) => `{${f.column}, ${f.op}, ${f.value}}`).join(', ');
  return `[event: ${binding.event}, schema: ${binding.schema}, table: ${binding.table}, filters: [${filters}]]`;
}

/**
 * Parses and checks the channel's bindings against the catalogs. Every binding is echoed with its id (the client
 * matches them by position); `error` says which one cannot be subscribed, as the server's system message does.
 */
export async function subscribe(
  ctx: GatewayContext,
  client: Client,
  channel: Channel,
  raw: Array<Record<string, unknown>>,
): Promise<{ reply: unknown[]; error: string | null }> {
  const reply: unknown[] = [];
  const bindings: Binding[] = [];
  let error: string | null = null;
  for (const params of raw) {
    const parsed = parseBinding(params);
    if (!parsed.ok) {
      error ??= parsed.message;
      reply.push({ ...params, id: 0 });
      continue;
    }
    const binding = parsed.binding;
    reply.push({ ...params, id: binding.id });
    if (params.select !== undefined)
      error ??=
        'Column lists (`select`) on postgres_changes bindings are not supported by the local stand-in: whole rows are sent';
    if (binding.table !== '*' && binding.schema !== '*') {
      const meta = await tableMeta(ctx, binding.schema, binding.table);
      const unknownColumn = binding.filters.find((f) => !meta?.types.has(f.column));
      if (!meta || !meta.published) {
        error ??= `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${describe(binding)}`;
        continue;
      }
      if (unknownColumn) {
        error ??= `Unable to subscribe to changes with given parameters. invalid column for filter ${unknownColumn.column}: ${describe(binding)}`;
        continue;
      }
    }
    bindings.push(binding);
  }
  channel.bindings = bindings;
  for (const binding of bindings) {
    const k = key(binding.schema, binding.table);
    let subs = index.get(k);
    if (!subs) index.set(k, (subs = new Set()));
    subs.add({ client, channel, binding });
  }
  return { reply, error };
}

export function unsubscribe(channel: Channel) {
  for (const binding of channel.bindings) {
    const k = key(binding.schema, binding.table);
    const subs = index.get(k);
    if (!subs) continue;
    for (const sub of subs) if (sub.channel === channel) subs.delete(sub);
    if (subs.size === 0) index.delete(k);
  }
  channel.bindings = [];
}

const claimsKeys = new WeakMap<object, string>();
function claimsKey(channel: Channel): string {
  let k = claimsKeys.get(channel.claims);
  if (k === undefined) claimsKeys.set(channel.claims, (k = JSON.stringify({ ...channel.claims, role: channel.role })));
  return k;
}

export async function dispatch(ctx: GatewayContext, change: Change) {
  const candidates = [
    index.get(key(change.schema, change.table)),
    index.get(key(change.schema, '*')),
    index.get(key('*', '*')),
  ];
  if (candidates.every((c) => !c)) return;
  const meta = await tableMeta(ctx, change.schema, change.table);
  if (!meta) return;
  const isDelete = change.type === 'DELETE';
  // What the WAL carries of the old row: all of it under REPLICA IDENTITY FULL, else the key; with RLS on, deletes
  // carry the key only, since no policy can be checked on a row that is gone.
  const fullOld = meta.replicaIdentity === 'f' && !(isDelete && meta.rls);
  const oldRow =
    change.old_record &&
    (fullOld
      ? change.old_record
      : meta.replicaIdentity === 'n'
        ? {}
        : pick(change.old_record, (c) => meta.pk.includes(c)));

  const matched: Subscription[] = [];
  for (const subs of candidates) {
    for (const sub of subs ?? []) {
      const { binding } = sub;
      if (binding.event !== '*' && binding.event !== change.type) continue;
      const visible =
        rowMatches(binding.filters, isDelete ? null : change.record, meta.types) ||
        (isDelete && rowMatches(binding.filters, oldRow, meta.types));
      if (visible) matched.push(sub);
    }
  }
  if (matched.length === 0) return;

  const roles = new Map<string, Access>();
  for (const sub of matched)
    if (!roles.has(sub.channel.role)) roles.set(sub.channel.role, await roleAccess(ctx, meta, sub.channel.role));
  const denied = (sub: Subscription) => !isDelete && !roles.get(sub.channel.role)!.pkSelectable;

  // RLS, checked once per distinct role and claims among the subscribers, in one round trip.
  let allowed: (sub: Subscription) => boolean = () => true;
  if (meta.rls && !isDelete && meta.pk.length > 0) {
    const positions = new Map<string, number>();
    const claims: unknown[] = [];
    for (const sub of matched) {
      if (denied(sub)) continue;
      const k = claimsKey(sub.channel);
      if (!positions.has(k)) {
        claims.push(JSON.parse(k));
        positions.set(k, claims.length);
      }
    }
    const visible = new Set<number>();
    if (claims.length) {
      const pk = pick(change.record, (c) => meta.pk.includes(c));
      const [row] =
        await ctx.admin`select realtime.local_visible_to(${meta.oid}::oid::regclass, ${ctx.admin.json(pk as postgres.JSONValue)}, ${ctx.admin.json(claims as postgres.JSONValue)}) as visible`;
      for (const p of row.visible as number[]) visible.add(p);
    }
    allowed = (sub) => visible.has(positions.get(claimsKey(sub.channel)) ?? -1);
  }

  // One data object per role (the columns it may see), one frame per topic and id list, shared by every socket.
  const data = new Map<string, unknown>();
  const dataFor = (sub: Subscription) => {
    const role = sub.channel.role;
    const variant = denied(sub) ? `\u0000${role}` : role;
    if (!data.has(variant))
      data.set(variant, denied(sub) ? errorData(change, meta) : changeData(change, meta, roles.get(role)!, oldRow));
    return variant;
  };
  const perChannel = new Map<Channel, { client: Client; ids: number[]; variant: string }>();
  for (const sub of matched) {
    if (!denied(sub) && !allowed(sub)) continue;
    const entry = perChannel.get(sub.channel);
    if (entry) entry.ids.push(sub.binding.id);
    else perChannel.set(sub.channel, { client: sub.client, ids: [sub.binding.id], variant: dataFor(sub) });
  }
  const frames = new Map<string, SharedFrame>();
  for (const [channel, { client, ids, variant }] of perChannel) {
    const k = `${channel.fullTopic}\u0000${ids.join(',')}\u0000${variant}`;
    let frame = frames.get(k);
    if (!frame)
      frames.set(
        k,
        (frame = new SharedFrame({
          joinRef: null,
          ref: null,
          topic: channel.fullTopic,
          event: 'postgres_changes',
          payload: { ids, data: data.get(variant) },
        })),
      );
    sendShared(client, frame);
  }
}
