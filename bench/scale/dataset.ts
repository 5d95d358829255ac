// Builds the scale dataset once through bulk SQL (never the API), resumably: every step and every time window of
// messages commits on its own and is recorded in scale.progress, so an interrupted build continues where it
// stopped. Triggers are off while it writes (session_replication_role = replica); the counters, active leaves,
// sibling counts and active tails the triggers would keep are written directly. The non-unique message indexes are
// dropped for the load and rebuilt at the end, as a bulk load should.
import fs from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';

const sqlDir = path.join(import.meta.dirname, 'sql');
const windowSize = 100_000;
const twoYears = 2 * 365 * 24 * 3600;

export type DatasetInfo = {
  messages: number;
  chats: number;
  users: number;
  heavyUserMessages: number;
  artifacts: number;
  artifactVersions: number;
  shares: number;
  buildSeconds: number;
  databaseBytes: number;
  messagesBytes: number;
};

function log(message: string) {
  process.stderr.write(`scale: ${message}\n`);
}

const fill = (file: string, values: Record<string, number>) =>
  fs
    .readFileSync(path.join(sqlDir, file), 'utf8')
    .replaceAll(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? `{{${key}}}`));

/** Runs `body` as one committed step unless scale.progress says it is done; records how long it took. */
async function step(admin: postgres.Sql, name: string, body: (tx: postgres.TransactionSql) => Promise<unknown>) {
  const [done] = await admin`select 1 from scale.progress where step = ${name}`;
  if (done) return;
  const started = performance.now();
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`set local maintenance_work_mem = '1GB'`;
    await tx`set local work_mem = '256MB'`;
    // Memoize would cache the random sentence picks of one message for every message of the same length.
    await tx`set local enable_memoize = off`;
    await body(tx);
    await tx`insert into scale.progress (step, seconds) values (${name}, ${(performance.now() - started) / 1000})`;
  });
  log(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function ensureDataset(admin: postgres.Sql, messages: number): Promise<DatasetInfo> {
  await admin`create schema if not exists scale`;
  await admin`create table if not exists scale.progress (step text primary key, seconds double precision not null, at timestamptz not null default now())`;
  await admin`create table if not exists scale.meta (messages bigint not null, t0 double precision not null, t1 double precision not null)`;
  let [meta] = await admin`select messages::float8 as messages, t0, t1 from scale.meta`;
  if (!meta) {
    const t1 = Math.floor(Date.now() / 1000);
    [meta] =
      await admin`insert into scale.meta values (${messages}, ${t1 - twoYears}, ${t1}) returning messages::float8 as messages, t0, t1`;
  }
  if (meta.messages !== messages) throw new Error(`this data folder holds a ${meta.messages}-message dataset`);
  const t0 = meta.t0 as number;
  const t1 = meta.t1 as number;

  await step(admin, 'drop indexes', async (tx) => {
    await tx`create table scale.dropped_indexes (name text primary key, definition text not null)`;
    await tx`
      insert into scale.dropped_indexes
      select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
       where i.indrelid = 'public.messages'::regclass and not i.indisunique`;
    for (const { name } of await tx`select name from scale.dropped_indexes`) await tx.unsafe(`drop index ${name}`);
  });
  await step(admin, 'plan', (tx) => tx.unsafe(fill('1-plan.sql', { messages, t0, t1 })));
  const windows = Math.ceil(messages / windowSize);
  for (let w = 0; w < windows; w++) {
    const from = t0 + ((t1 - t0) * w) / windows;
    const to = w === windows - 1 ? t1 + 1 : t0 + ((t1 - t0) * (w + 1)) / windows;
    await step(admin, `messages ${w + 1}/${windows}`, (tx) => tx.unsafe(fill('2-window.sql', { t0: from, t1: to })));
  }
  await step(admin, 'extras', (tx) => tx.unsafe(fill('3-extras.sql', {})));
  await step(admin, 'sibling counts', (tx) => writeSiblingCounts(tx));
  await step(admin, 'active tails', (tx) => writeActiveTails(tx));
  await step(admin, 'share branches', (tx) => writeShareBranches(tx));
  await step(admin, 'usage rollup', (tx) => writeUsageRollup(tx));
  await step(admin, 'indexes', async (tx) => {
    for (const { definition } of await tx`select definition from scale.dropped_indexes`) {
      // A migration applied since the load may have created the index already.
      await tx.unsafe(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    }
  });
  // Again after migrations that reached the dataset since: a backfill leaves every page it touched without its
  // visibility bit (index-only scans read the heap again) and the statistics stale.
  const [{ latest }] =
    await admin`select coalesce(max(version), '') as latest from supabase_migrations.schema_migrations`;
  const vacuumStep = `vacuum after ${latest}`;
  const [{ analysed }] = await admin`select count(*)::int as analysed from scale.progress where step = ${vacuumStep}`;
  if (!analysed) {
    const started = performance.now();
    // Outside a transaction: VACUUM cannot run in one. Sets the visibility map, so index-only scans work.
    await admin`vacuum (analyze) public.messages`;
    await admin`vacuum (analyze) public.chats`;
    await admin`analyze`;
    await admin`checkpoint`;
    await admin`insert into scale.progress (step, seconds) values (${vacuumStep}, ${(performance.now() - started) / 1000})`;
    log(`${vacuumStep} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const [info] = await admin`
    select (select count(*) from public.messages)::int as messages,
           (select count(*) from public.chats)::int as chats,
           (select count(*) from scale.users)::int as users,
           (select sum(n) from scale.chats where user_idx = 1)::int as "heavyUserMessages",
           (select count(*) from public.artifacts)::int as artifacts,
           (select count(*) from public.artifact_versions)::int as "artifactVersions",
           (select count(*) from public.shared_chats)::int as shares,
           -- The build and its first vacuum; vacuums after later migrations are upkeep, not build time.
           ((select sum(seconds) from scale.progress where step not like 'vacuum after %')
             + (select coalesce((array_agg(seconds order by at))[1], 0) from scale.progress
                 where step like 'vacuum after %' and not exists (select 1 from scale.progress where step = 'vacuum')))::float8 as "buildSeconds",
           pg_database_size(current_database())::float8 as "databaseBytes",
           pg_total_relation_size('public.messages')::float8 as "messagesBytes"`;
  return info as unknown as DatasetInfo;
}

/** Whether the dataset's schema has this column of public.<table> yet (a dataset is kept across migrations). */
async function hasColumn(tx: postgres.TransactionSql, table: string, column: string): Promise<boolean> {
  const [has] = await tx`
    select 1 from information_schema.columns
     where table_schema = 'public' and table_name = ${table} and column_name = ${column}`;
  return !!has;
}

/** The sibling counts on each message (when the schema keeps them there): only branched rows differ from 1. */
async function writeSiblingCounts(tx: postgres.TransactionSql) {
  if (!(await hasColumn(tx, 'messages', 'sibling_count'))) return;
  await tx`
    update public.messages m set sibling_count = s.count, sibling_index = s.index
      from (select id, count(*) over (partition by parent_id)::integer as count,
                   row_number() over (partition by parent_id order by sequence_number)::integer as index
              from public.messages where parent_id in (
                select parent_id from public.messages where parent_id is not null group by parent_id having count(*) > 1)) s
     where m.id = s.id`;
}

/**
 * Each chat's active tail (when the schema keeps one), as the numbering trigger would have kept it: placed by a walk
 * from the leaf. A dataset older than the column got it from the migration's backfill; those chats are skipped.
 */
async function writeActiveTails(tx: postgres.TransactionSql) {
  if (!(await hasColumn(tx, 'chats', 'active_tail'))) return;
  await tx`
    update public.chats c
       set (active_tail, active_tail_parent_id) = (select t.tail, t.tail_parent_id from private.active_tail_of(c.active_leaf_id) t)
     where c.active_leaf_id is not null and c.active_tail is null`;
}

/** Each share's message numbers (when the schema keeps them), as its trigger would have: after the active tails,
 *  which they are read from. A dataset older than the column got them from the migration's backfill. */
async function writeShareBranches(tx: postgres.TransactionSql) {
  if (!(await hasColumn(tx, 'shared_chats', 'snapshot_branch'))) return;
  await tx`
    update public.shared_chats s set snapshot_branch = private.snapshot_branch_of(s.chat_id, s.snapshot_leaf_id)
     where s.snapshot_branch is null`;
}

/**
 * What the price and rollup triggers would have written, for a dataset built on a schema that has them: each
 * settled reply's cost at the price in force then, and public.usage_daily recounted (private.usage_recount). A
 * dataset built before those migrations got both from the migrations' own backfills; then the rollup has rows.
 */
async function writeUsageRollup(tx: postgres.TransactionSql) {
  const [schema] = await tx`select to_regclass('public.usage_daily') is not null as has`;
  if (!schema.has) return;
  // Runs once per dataset (its step is recorded). It replaces whatever the rollup held: the seed's replies are
  // already rolled up on a fresh stack, and skipping the recount for them left the dataset's millions out.
  await tx`update public.messages m set cost = private.reply_cost(m) where m.role = 'assistant' and m.cost is null`;
  await tx`delete from public.usage_daily`;
  await tx`
    insert into public.usage_daily (chat_id, day, agent_name, agent_model, user_id, project_id, messages,
      unpriced_messages, input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
    select chat_id, day, agent_name, agent_model, user_id, project_id, messages, unpriced_messages,
           input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost
      from private.usage_recount`;
}
