// A search does not pay for other users' recent writes: the (user, word) index takes each message's keys into its
// tree, so a search reads the same pages before and after another user writes a thousand messages. With GIN's
// default pending list every search scanned those messages' keys first (20261202010000).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, chatWithHistory, createUser, newChat, type TestUser } from './fixtures.ts';

let searcher: TestUser;

/** Shared buffers the searcher's search reads, function and all (EXPLAIN counts what the call's statements read). */
async function buffersOfSearch(): Promise<number> {
  const [row] = await as(
    searcher,
    (sql) => sql`explain (analyze, buffers, format json) select * from public.search_messages('tourmaline', 20)`,
  );
  const plan = (row['QUERY PLAN'] as Array<{ Plan: Record<string, number> }>)[0].Plan;
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}

beforeAll(async () => {
  searcher = await createUser();
  const chat = await newChat(searcher);
  await as(searcher, (sql) => sql`select public.append_message(${chat}, 'Is a tourmaline crystal piezoelectric?')`, {
    commit: true,
  });
});

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('the search index after other users write', () => {
  it('is read the same way before and after a thousand new messages', async () => {
    await buffersOfSearch();
    const before = await buffersOfSearch();

    await chatWithHistory(
      await createUser(),
      'Busy bench',
      1000,
      '1 second',
      (sql) =>
        sql`'wire sensor ' || g || ' to the esp32 board, relay ' || (g * 7) || ', check solder joint ' || (g * 13)`,
    );

    const results = await as(searcher, (sql) => sql`select snippet from public.search_messages('tourmaline', 20)`);
    expect(results.map((r) => r.snippet)).toEqual(['<mark>tourmaline</mark> crystal piezoelectric']);
    // With a pending list, those messages' keys wait in it unsorted, and the search reads every page of it.
    expect((await buffersOfSearch()) - before).toBeLessThan(8);
  });
});
