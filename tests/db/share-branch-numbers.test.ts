// A share keeps its snapshot's message numbers (shared_chats.snapshot_branch, 20261202040000): the same numbers a walk
// up from its leaf finds, on a branch off an edit and on one switched back to; and a long share's oldest page and its
// files read what they show, not the whole branch. A share without the numbers (made before them, its chat in the
// cold archive then) is walked as before and shows the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, newChat, type TestUser } from './fixtures.ts';

let owner: TestUser;

beforeAll(async () => {
  owner = await createUser();
});

afterAll(async () => {
  await api.end();
  await admin.end();
});

/** Sends a message as the owner (a reply to `parentId`, or to the active leaf) and returns its id. */
const send = async (chatId: string, content: string, parentId: string | null = null): Promise<string> => {
  const [row] = await as(
    owner,
    (sql) => sql`select (public.append_message(${chatId}, ${content}, null, ${parentId})).id`,
    { commit: true },
  );
  return row.id as string;
};

async function share(chatId: string) {
  const [row] = await as(owner, (sql) => sql`select id, share_token from public.create_share(${chatId})`, {
    commit: true,
  });
  const [kept] = await admin`
    select s.snapshot_branch::text as branch, private.branch_numbers(s.snapshot_leaf_id)::text as walked
      from public.shared_chats s where s.id = ${row.id}`;
  return { id: row.id as string, token: row.share_token as string, branch: kept.branch, walked: kept.walked };
}

async function pageOf(token: string, before: number | null, limit: number): Promise<number[]> {
  const [row] = await as('anon', (sql) => sql`select public.get_shared_chat(${token}, ${before}, ${limit}) as page`);
  return row.page.messages.map((m: { sequence_number: number }) => Number(m.sequence_number));
}

/** Shared buffers a call reads, its function's statements and all. */
async function buffersOf(query: string, values: unknown[]): Promise<number> {
  const [row] = await as('anon', (sql) =>
    sql.unsafe(`explain (analyze, buffers, format json) ${query}`, values as never[]),
  );
  const plan = (row['QUERY PLAN'] as Array<{ Plan: Record<string, number> }>)[0].Plan;
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}

describe("a share's branch by number", () => {
  it('holds the numbers a walk from its leaf finds, on an edited branch and on one switched back to', async () => {
    const chatId = await newChat(owner);
    const sent: string[] = [];
    for (let i = 1; i <= 6; i++) sent.push(await send(chatId, `message ${i}`));
    // An edit of message 4: a new branch from message 3, numbered 7 on.
    await send(chatId, 'message 4, edited', sent[2]);
    await send(chatId, 'message 8');
    const edited = await share(chatId);
    expect(edited.branch).toBe('{[1,4),[7,9)}');
    expect(edited.branch).toBe(edited.walked);
    expect(await pageOf(edited.token, null, 50)).toEqual([8, 7, 3, 2, 1]);
    expect(await pageOf(edited.token, 7, 2)).toEqual([3, 2]);

    // Back to the first branch: its tail is made again (private.active_tail_of), the walk above it is the rest.
    await as(owner, (sql) => sql`select public.switch_branch(${chatId}, ${sent[5]})`, { commit: true });
    const switched = await share(chatId);
    expect(switched.branch).toBe('{[1,7)}');
    expect(switched.branch).toBe(switched.walked);
    expect(await pageOf(switched.token, null, 4)).toEqual([6, 5, 4, 3]);
    // The first share still shows its own snapshot.
    expect(await pageOf(edited.token, null, 50)).toEqual([8, 7, 3, 2, 1]);
  });

  it("reads a long share's oldest page and its files without walking the branch", async () => {
    const count = 3000;
    const chatId = await newChat(owner);
    const id = (g: number | string) => `md5('${chatId}:' || ${g})::uuid`;
    await admin.begin(async (sql) => {
      await sql`set local session_replication_role = replica`;
      await sql.unsafe(
        `
        insert into public.messages (id, chat_id, user_id, parent_id, sequence_number, role, content)
        select ${id('g')}, $1, $2, case when g > 1 then ${id('(g - 1)')} end, g,
               'user', 'message ' || g || ' about the relay board'
          from generate_series(1, ${count}) g`,
        [chatId, owner.id],
      );
      await sql`update public.chats set message_count = ${count}, last_sequence_number = ${count} where id = ${chatId}`;
    });
    // In origin mode, so that the chat's tail is made as a branch switch makes it (its newest 100 messages).
    await admin.unsafe(`update public.chats set active_leaf_id = ${id(count)} where id = $1`, [chatId]);
    const [photo] = await admin.unsafe(
      `insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_path)
       values ($1, ${id(2)}, $2, 'board.jpg', 'image/jpeg', 1000, $3) returning id`,
      [chatId, owner.id, `${owner.id}/${chatId}/board.jpg`],
    );
    const long = await share(chatId);
    expect(long.branch).toBe(`{[1,${count + 1})}`);

    expect(await pageOf(long.token, 61, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 60 - i));
    const files = await as('anon', (sql) => sql`select public.get_shared_attachments(${long.token}) as files`);
    expect(files[0].files.map((f: { id: string }) => f.id)).toEqual([photo.id]);
    // A walk reads about three buffers a message: thousands here.
    expect(await buffersOf('select public.get_shared_chat($1, 61, 50)', [long.token])).toBeLessThan(100);
    expect(await buffersOf('select public.get_shared_attachments($1)', [long.token])).toBeLessThan(100);

    // Without the numbers, the walk shows the same.
    await admin`update public.shared_chats set snapshot_branch = null where id = ${long.id}`;
    expect(await pageOf(long.token, 61, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 60 - i));
    const walked = await as('anon', (sql) => sql`select public.get_shared_attachments(${long.token}) as files`);
    expect(walked[0].files.map((f: { id: string }) => f.id)).toEqual([photo.id]);
  });
});
