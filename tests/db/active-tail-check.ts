// What tests/db/active-tail.test.ts holds the stored branch position to: the active branch walked in TypeScript
// from the chat's rows (parent links, the way the page used to walk), against chats.active_tail and
// get_chat_page. One chat's tree, its operations and its checks.
import { expect } from 'vitest';
import { admin, as, type TestUser } from './fixtures.ts';

type Row = { id: string; parent_id: string | null; seq: number; role: string };

/** A seeded pseudo-random source (mulberry32), so a failing tree can be grown again from its seed. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)] };
}

export async function rowsOf(chatId: string): Promise<Row[]> {
  return (await admin`
    select id, parent_id, sequence_number::int as seq, role::text from public.messages
     where chat_id = ${chatId} order by sequence_number`) as unknown as Row[];
}

/** The active branch newest first, by walking parent links from the leaf (the reference). */
export async function walkedBranch(chatId: string): Promise<Row[]> {
  const rows = await rowsOf(chatId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const [chat] = await admin`select active_leaf_id from public.chats where id = ${chatId}`;
  const branch: Row[] = [];
  for (let at = byId.get(chat.active_leaf_id); at; at = at.parent_id ? byId.get(at.parent_id) : undefined)
    branch.push(at);
  return branch;
}

/** The stored tail (and the one a walk from the leaf would place) must name exactly the branch's newest messages. */
async function expectTailOf(chatId: string, branch: Row[], source: 'stored' | 'walked') {
  const [tail] = await admin`
    select t.tail::text as tail, lower(t.tail)::int as lo, upper(t.tail)::int as hi, t.tail_parent_id,
           (select count(*)::int from unnest(t.tail)) as ranges,
           (select array_agg(m.id order by m.sequence_number desc) from public.messages m
             where m.chat_id = c.id and m.sequence_number <@ t.tail) as ids
      from public.chats c
      cross join lateral (
        select c.active_tail as tail, c.active_tail_parent_id as tail_parent_id where ${source} = 'stored'
        union all
        select w.tail, w.tail_parent_id from private.active_tail_of(c.active_leaf_id) w where ${source} = 'walked'
      ) t
     where c.id = ${chatId}`;
  if (tail.tail === null) return;
  const label = `${source} tail ${tail.tail}`;
  const covered = branch.filter((m) => m.seq >= tail.lo);
  expect(tail.ids, label).toEqual(covered.map((m) => m.id));
  expect(tail.hi - 1, label).toBe(branch[0].seq);
  expect(tail.tail_parent_id, label).toBe(covered.at(-1)!.parent_id);
  expect(tail.ranges, label).toBeLessThanOrEqual(8);
}

const pageOf = async (user: TestUser, chatId: string, before: number | null, limit: number) =>
  (await as(user, (sql) => sql`select id from public.get_chat_page(${chatId}, ${before}, ${limit})`)).map(
    (m) => m.id as string,
  );

/**
 * get_chat_page against the walk: the newest page, and `pages` older pages of `limit` each (every page when
 * `pages` is Infinity, which must end with the branch's first message).
 */
export async function expectPagesMatchTheWalk(user: TestUser, chatId: string, limit: number, pages = 3) {
  const branch = await walkedBranch(chatId);
  if (branch.length === 0) {
    expect(await pageOf(user, chatId, null, 50)).toEqual([]);
    return;
  }
  await expectTailOf(chatId, branch, 'stored');
  await expectTailOf(chatId, branch, 'walked');
  expect(await pageOf(user, chatId, null, 50)).toEqual(branch.slice(0, 50).map((m) => m.id));
  const seen: string[] = [];
  let before: number | null = null;
  for (let page = 0; page < pages; page++) {
    const ids = await pageOf(user, chatId, before, limit);
    seen.push(...ids);
    if (ids.length < limit) break;
    before = branch[seen.length - 1].seq;
  }
  expect(seen).toEqual(branch.slice(0, seen.length).map((m) => m.id));
  if (pages === Infinity) expect(seen).toHaveLength(branch.length);
}

/** One chat grown at random: appends, regenerations, edits at any depth, replies anywhere, branch switches. */
export async function growAtRandom(user: TestUser, chatId: string, seed: number, steps: number) {
  const random = randomFrom(seed);
  const service = (fn: Parameters<typeof as>[1]) => as('service_role', fn, { commit: true });
  const mine = (fn: Parameters<typeof as>[1]) => as(user, fn, { commit: true });
  const append = (content: string, parent: string | null, role: 'user' | 'assistant') =>
    service((sql) => sql`select public.append_message(${chatId}, ${content}, null, ${parent}, ${role})`);
  await append('first', null, 'user');
  for (let step = 0; step < steps; step++) {
    const rows = await rowsOf(chatId);
    // After a leaf cleared by hand the branch is empty: a regeneration then replies anywhere.
    const walked = await walkedBranch(chatId);
    const branch = walked.length > 0 ? walked : rows;
    const roll = random.next();
    const text = `step ${step} of ${seed}`;
    if (roll < 0.4) await append(text, null, random.pick(['user', 'assistant']));
    else if (roll < 0.55) await append(text, random.pick(branch).id, 'assistant');
    else if (roll < 0.65) {
      const users = rows.filter((r) => r.role === 'user');
      const original = random.pick(users);
      const who = random.next() < 0.2 ? mine : service;
      await who((sql) => sql`select public.edit_message(${chatId}, ${original.id}, ${text})`);
    } else if (roll < 0.75) await append(text, random.pick(rows).id, random.pick(['user', 'assistant']));
    else if (roll < 0.85) await mine((sql) => sql`select public.switch_branch(${chatId}, ${random.pick(rows).id})`);
    else if (roll < 0.9) {
      const step_ = random.next() < 0.5 ? -1 : 1;
      const from = random.pick(rows);
      await mine((sql) => sql`select public.switch_to_sibling(${chatId}, ${from.id}, ${step_})`).catch((error) => {
        if ((error as { code?: string }).code !== 'PT404') throw error;
      });
    } else if (roll < 0.98) {
      await mine((sql) => sql`update public.chats set active_leaf_id = ${random.pick(rows).id} where id = ${chatId}`);
    } else {
      // A leaf cleared by hand: the next plain append starts a new root.
      await mine((sql) => sql`update public.chats set active_leaf_id = null where id = ${chatId}`);
    }
    await expectPagesMatchTheWalk(user, chatId, 1 + (step % 7));
  }
}
