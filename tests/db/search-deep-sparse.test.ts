// A word that a user's newest 51,000 messages lack, though 2,000 older ones hold it, is still found: the windows
// search reads where the word is rare among the newest rows grow, so a call's 50 windows reach past them (they were
// 1,000 rows each, 50,000 in all, and the page came back empty), and the next page reads its window again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, chatWithHistory, createUser, type TestUser } from './fixtures.ts';

const older = 2000;
const newer = 51000;
let user: TestUser;

beforeAll(async () => {
  user = await createUser();
  await chatWithHistory(
    user,
    'Old radio',
    older + newer,
    '1 second',
    (sql) => sql`
      case when g <= ${older} then 'the nrf24 radio drops packets, note ' || g
           else 'tighten the header pins, note ' || g end`,
  );
}, 60_000);

afterAll(async () => {
  await api.end();
  await admin.end();
});

const page = (cursor: string | null) =>
  as(user, (sql) => sql`select sequence_number, cursor from public.search_messages('nrf24', 20, ${cursor})`);

describe('a word the newest 51,000 messages lack', () => {
  it('is found in the older ones, from the newest of them, and the next page follows on without repeats', async () => {
    const first = await page(null);
    expect(first).toHaveLength(20);
    const second = await page(first.at(-1)!.cursor as string);
    expect(second).toHaveLength(20);
    const numbers = [...first, ...second].map((h) => Number(h.sequence_number));
    expect(new Set(numbers).size).toBe(40);
    // A window holds the newest 200 matches below the last; within it hits are ranked (here all alike).
    expect(numbers.every((n) => n > older - 200 && n <= older)).toBe(true);
  });
});
