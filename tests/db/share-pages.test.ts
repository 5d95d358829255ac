// get_shared_chat's pages of a branched chat: the newest page and every page before it hold the snapshot's branch
// and nothing else, though the walk now stops at the page (numbers fall strictly along parent links).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser } from './fixtures.ts';

// Main line 1..30; a branch off message 10 numbered 31..40. The share's snapshot is the branch's leaf (40): its
// messages are 1..10 then 31..40.
const snapshot = [...Array.from({ length: 10 }, (_, i) => 40 - i), ...Array.from({ length: 10 }, (_, i) => 10 - i)];
let token: string;

beforeAll(async () => {
  const owner = await createUser();
  const [chat] = await admin`insert into public.chats (user_id, title) values (${owner.id}, 'Branched') returning id`;
  await admin.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`
      insert into public.messages (id, chat_id, user_id, parent_id, sequence_number, role, content)
      select md5(${chat.id} || g)::uuid, ${chat.id}, ${owner.id},
             case when g = 1 then null when g = 31 then md5(${chat.id} || 10)::uuid else md5(${chat.id} || (g - 1))::uuid end,
             g, 'user', 'message ' || g
        from generate_series(1, 40) g`;
    await sql`update public.chats set message_count = 40, last_sequence_number = 40,
                     active_leaf_id = md5(${chat.id} || 40)::uuid where id = ${chat.id}`;
  });
  const [share] = await as(owner, (sql) => sql`select share_token from public.create_share(${chat.id})`, {
    commit: true,
  });
  token = share.share_token;
});

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function page(before: number | null, limit: number): Promise<number[]> {
  const [row] = await as('anon', (sql) => sql`select public.get_shared_chat(${token}, ${before}, ${limit}) as page`);
  return row.page.messages.map((m: { sequence_number: number }) => Number(m.sequence_number));
}

describe('share pages', () => {
  it("reads the snapshot's branch page by page, newest first, never the other line", async () => {
    const seen: number[] = [];
    let before: number | null = null;
    for (;;) {
      const numbers = await page(before, 7);
      seen.push(...numbers);
      if (numbers.length < 7) break;
      before = numbers.at(-1)!;
    }
    expect(seen).toEqual(snapshot);
    expect(await page(null, 200)).toEqual(snapshot);
  });

  it("answers a page before a number off the branch with the branch's messages below it", async () => {
    // 25 is on the main line only: the page before it is the branch's messages numbered below 25.
    expect(await page(25, 5)).toEqual([10, 9, 8, 7, 6]);
    expect(await page(32, 3)).toEqual([31, 10, 9]);
    expect(await page(1, 5)).toEqual([]);
    expect(await page(1000, 3)).toEqual([40, 39, 38]);
  });
});
