// The chat list's plan on a skewed database: thousands of one-chat users (what a local database reused across many
// test runs collects) beside a heavy user with 2,000 chats and users with a page or so. The planner then guesses a
// couple of chats per user, and a plain query's plan turned into a bitmap scan and a sort of all the heavy user's
// chats. list_chats must walk the list's index in order from the cursor for every user, on the first call of a
// connection and the sixth (when a generic plan takes over), for the first page and a deep one.
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterScope } from '../../supabase/local/core/scope.ts';
import { adminDbUrl } from '../support/stack.ts';
import { userClaims } from '../support/users.ts';
import { admin } from './fixtures.ts';

const heavyChats = 2000;
const oneChatUsers = 4000;
const typicalUsers = 200;
const typicalChats = 60;
const heavy = '00000000-0000-4000-8000-0000000c4a75';

beforeAll(async () => {
  // Built once per database, set-based with triggers off, so repeated runs reuse it (about a second the first time).
  const [{ built }] = await admin`select exists (select 1 from public.chats where user_id = ${heavy}) as built`;
  if (built) return;
  await admin.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`
      insert into auth.users (id, aud, role, email, created_at, updated_at, is_anonymous)
      select id, 'authenticated', 'authenticated', null, now(), now(), true from (
        select ${heavy}::uuid as id
        union all select md5('list-plan-one:' || u)::uuid from generate_series(1, ${oneChatUsers}) u
        union all select md5('list-plan-typical:' || u)::uuid from generate_series(1, ${typicalUsers}) u) a`;
    await sql`
      insert into public.chats (user_id, title, last_message_at)
      select ${heavy}, 'Heavy chat ' || g, now() - (g || ' minutes')::interval from generate_series(1, ${heavyChats}) g
      union all
      select md5('list-plan-one:' || u)::uuid, 'One chat', now() - (u || ' seconds')::interval
        from generate_series(1, ${oneChatUsers}) u
      union all
      select md5('list-plan-typical:' || (1 + g % ${typicalUsers}))::uuid, 'Typical chat ' || g,
             now() - (g || ' seconds')::interval
        from generate_series(1, ${typicalUsers * typicalChats}) g`;
    // A few archived chats of the heavy user's, for the archive's own statement.
    await sql`
      update public.chats set archived_at = now()
       where user_id = ${heavy} and title in ('Heavy chat 7', 'Heavy chat 700', 'Heavy chat 1400')`;
  });
  await admin`analyze public.chats`;
}, 120_000);

/** The cursor after the `n`th of the user's listed chats (newest first), as the app holds it (the database's text). */
async function cursorAfter(userId: string, n: number): Promise<[string | null, string | null]> {
  const rows = await admin`
    select to_json(last_message_at) #>> '{}' as at, id from public.chats
     where user_id = ${userId} and deleted_at is null and archived_at is null
     order by last_message_at desc, id desc offset ${n - 1} limit 1`;
  return rows.length ? [rows[0].at as string, rows[0].id as string] : [null, null];
}

/** The id the set-based build gave the first user of a group. */
async function firstOf(group: 'one' | 'typical'): Promise<string> {
  const [row] = await admin`select md5(${`list-plan-${group}:1`})::uuid::text as id`;
  return row.id as string;
}

/**
 * The plans of list_chats' own statement on the 1st and the 6th call of one connection, from auto_explain (with
 * the rows and buffers each node read), and the rows the 6th call returned.
 */
async function plansOfCalls(userId: string, args: [string | null, string | null, number, boolean]) {
  const notices: string[] = [];
  const traced = postgres(adminDbUrl, { max: 1, onnotice: (n) => notices.push(n.message) });
  const plans: string[] = [];
  let rows: Array<{ id: string }> = [];
  const rollback = new Error('rollback');
  try {
    await traced.begin(async (sql) => {
      await sql`load 'auto_explain'`;
      await sql`select set_config('auto_explain.log_min_duration', '0', true),
                       set_config('auto_explain.log_nested_statements', 'on', true),
                       set_config('auto_explain.log_analyze', 'on', true),
                       set_config('auto_explain.log_buffers', 'on', true),
                       set_config('auto_explain.log_timing', 'off', true),
                       set_config('auto_explain.log_level', 'notice', true)`;
      await enterScope(sql, { role: 'authenticated', claims: userClaims(userId) as never });
      for (let call = 1; call <= 6; call++) {
        const before = notices.length;
        rows = await sql`select id from public.list_chats(${args[0]}, ${args[1]}, ${args[2]}, ${args[3]})`;
        // The function's own statement is the notice that reads the chats table.
        const inner = notices.slice(before).find((n) => n.includes(' on chats c'));
        if (call === 1 || call === 6) plans.push(inner ?? notices.slice(before).join('\n'));
      }
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  } finally {
    await traced.end();
  }
  return { plans, rows };
}

function expectOrderedWalk(plan: string, index: string, rows: number) {
  expect(plan).toContain(`Index Scan using ${index} on chats c`);
  expect(plan).toMatch(
    /Index Cond: \(\(user_id = \(InitPlan \d\)\.col1\) AND \(ROW\(last_message_at, id\) < ROW\(\$\d+, \$\d+\)\)\)/,
  );
  expect(plan).not.toMatch(/Sort|Bitmap|Seq Scan|Rows Removed/);
  // The walk starts at the cursor and stops at the page: it reads the rows it returns and no others.
  expect(plan).toMatch(new RegExp(`Index Scan using ${index} on chats c .*\\(actual rows=${rows} loops=1\\)`));
}

describe('the chat list plan on a skewed database', () => {
  it('is skewed: for a user it cannot name, the planner guesses fewer chats than a page', async () => {
    // The guess a generic plan (and RLS's auth.uid()) plans with: rows / n_distinct(user_id).
    const [row] = await admin.unsafe(
      `explain (format json, generic_plan) select id from public.chats
        where user_id = $1 and deleted_at is null and archived_at is null`,
    );
    const estimate = (row['QUERY PLAN'] as Array<{ Plan: { 'Plan Rows': number } }>)[0].Plan['Plan Rows'];
    expect(estimate).toBeLessThan(30);
  });

  for (const [name, user, chats] of [
    ['the heavy user', async () => heavy, heavyChats - 3],
    ['a typical user', () => firstOf('typical'), typicalChats],
    ['a one-chat user', () => firstOf('one'), 1],
  ] as const) {
    it(`walks ${name}'s list index in order for the first page, on the first call and the sixth`, async () => {
      const { plans, rows } = await plansOfCalls(await user(), [null, null, 31, false]);
      expect(rows).toHaveLength(Math.min(31, chats));
      expect(plans).toHaveLength(2);
      for (const plan of plans) expectOrderedWalk(plan, 'chats_user_id_listed_last_message_at_idx', rows.length);
    });

    it(`starts ${name}'s deep page at the cursor in the list index, on the first call and the sixth`, async () => {
      const id = await user();
      const depth = Math.max(1, chats - 40);
      const [at, after] = await cursorAfter(id, depth);
      const { plans, rows } = await plansOfCalls(id, [at, after, 31, false]);
      expect(rows).toHaveLength(Math.min(31, chats - depth));
      for (const plan of plans) expectOrderedWalk(plan, 'chats_user_id_listed_last_message_at_idx', rows.length);
    });
  }

  it("walks the heavy user's archive by its own index", async () => {
    const { plans, rows } = await plansOfCalls(heavy, [null, null, 31, true]);
    expect(rows).toHaveLength(3);
    for (const plan of plans) expectOrderedWalk(plan, 'chats_user_id_archived_last_message_at_idx', 3);
  });
});
