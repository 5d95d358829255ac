// A word that the newest messages of a user with many messages lack, though thousands of their older ones hold it:
// search reads on by recency instead of taking every older match from the (user, word) index to keep the newest
// few, yet still finds every hit once across its pages; a word rare for the user still comes from the index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterScope } from '../../supabase/local/core/scope.ts';
import { userClaims } from '../support/users.ts';
import { admin, api, chatWithHistory, createUser, type TestUser } from './fixtures.ts';

const older = 6000;
const newer = 1200;
let user: TestUser;

beforeAll(async () => {
  user = await createUser();
  // 6,000 older messages about the sensor (three of them about tourmaline), then 1,200 newer ones of which only
  // the first five mention it: the newest 1,000 rows hold those five, fewer than a window calls common.
  await chatWithHistory(
    user,
    'Long bench',
    older + newer,
    '1 minute',
    (sql) => sql`
      case when g in (100, 1500, 2900) then 'a tourmaline sensor, note ' || g
           when g <= ${older} then 'the sensor reads high, note ' || g
           when g > ${older + newer - 5} then 'swap the sensor, note ' || g
           else 'tighten the header pins, note ' || g end`,
  );
});

afterAll(async () => {
  await api.end();
  await admin.end();
});

/**
 * A page of search_messages as the user, with the private helpers it called and the table rows it fetched (counts
 * not yet flushed, so read before and after; counting calls needs track_functions, which only the admin may set).
 */
function searchPage(query: string, limit: number, cursor: string | null = null) {
  return admin.begin(async (sql) => {
    await sql`set local track_functions = 'all'`;
    await enterScope(sql, { role: 'authenticated', claims: userClaims(user.id) });
    const counts = async () => {
      const calls = await sql`
        select funcname, calls::int from pg_catalog.pg_stat_xact_user_functions where schemaname = 'private'`;
      const [rows] = await sql`
        select (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int as fetched
          from pg_catalog.pg_stat_xact_user_tables where schemaname = 'public' and relname = 'messages'`;
      return { calls: new Map(calls.map((r) => [r.funcname as string, r.calls as number])), fetched: rows.fetched };
    };
    const before = await counts();
    const hits = await sql`
      select message_id, sequence_number, snippet, cursor from public.search_messages(${query}, ${limit}, ${cursor})`;
    const after = await counts();
    const called = Object.fromEntries(
      [...after.calls]
        .filter(([name, n]) => n > (before.calls.get(name) ?? 0))
        .map(([name, n]) => [name, n - (before.calls.get(name) ?? 0)]),
    );
    return { hits, called, fetched: after.fetched - before.fetched };
  });
}

describe('a word the newest messages lack', () => {
  it('reads on by recency, not every older match from the index, and the newest hits come first', async () => {
    const { hits, called, fetched } = await searchPage('sensor', 20);
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => String(h.snippet).includes('<mark>sensor</mark>'))).toBe(true);
    // The first window is the newest 1,000 rows and its five matches.
    expect(
      hits
        .slice(0, 5)
        .map((h) => Number(h.sequence_number))
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5].map((k) => older + newer - 5 + k));
    expect(called).toMatchObject({ search_index_is_small: 1 });
    expect(called.search_older).toBeUndefined();
    // Reading the 6,000 older matches through the index (what the fallback did) would fetch more than this.
    expect(fetched).toBeLessThan(older);
  });

  it('finds every hit exactly once across its pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 80; i++) {
      const { hits } = await searchPage('sensor', 100, cursor);
      if (hits.length === 0) break;
      seen.push(...hits.map((h) => h.message_id as string));
      cursor = hits.at(-1)!.cursor;
    }
    expect(seen).toHaveLength(older + 5);
    expect(new Set(seen).size).toBe(older + 5);
  });

  it('reads a hand-made index cursor over the whole history by recency, not every match from the index', async () => {
    // high~high_id~low~low_id~kind~rank~id: no upper bound, the epoch as the lower one, after a rank no hit reaches.
    const cursor = `~~0~00000000-0000-0000-0000-000000000000~g~1e30~ffffffff-ffff-ffff-ffff-ffffffffffff`;
    const { hits, called, fetched } = await searchPage('sensor', 20, cursor);
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => String(h.snippet).includes('<mark>sensor</mark>'))).toBe(true);
    // The index window's one statement fetched all 6,005 matches to keep the newest 200.
    expect(fetched).toBeLessThan(older);
    expect(called).toMatchObject({ search_index_is_small: 1 });
  });

  it('still takes a word rare for the user from the index below the newest rows', async () => {
    const { hits, called } = await searchPage('tourmaline', 20);
    expect(hits.map((h) => Number(h.sequence_number)).sort((a, b) => a - b)).toEqual([100, 1500, 2900]);
    expect(called).toMatchObject({ search_index_is_small: 1, search_older: 1 });
  });
});
