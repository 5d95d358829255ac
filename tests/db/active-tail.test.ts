// The stored branch position (chats.active_tail, 20261201175714_chats_keep_the_active_tail) that lets get_chat_page
// read the newest messages of the active branch as a range: on random trees (edits at any depth, regenerations,
// replies anywhere, switches back and forth, a leaf set or cleared by hand), past its eight ranges and its walk of
// 100, in a fork's copy and across the cold archive, every page is the one walking parent links gives.
import type postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { expectPagesMatchTheWalk, growAtRandom, rowsOf, walkedBranch } from './active-tail-check.ts';
import { admin, api, as, createUser, newChat } from './fixtures.ts';

const commit = { commit: true };

afterAll(async () => {
  await api.end();
  await admin.end();
});

const tailOf = async (chatId: string) =>
  (await admin`select active_tail::text as tail from public.chats where id = ${chatId}`)[0].tail as string | null;

describe('the active tail', () => {
  it('pages random branch trees exactly as walking the parent links does', async () => {
    for (const seed of [1, 7, 42, 2026]) {
      const user = await createUser();
      const chatId = await newChat(user);
      await growAtRandom(user, chatId, seed, 60);
      await expectPagesMatchTheWalk(user, chatId, 3, Infinity);
    }
  }, 120_000);

  it('keeps the newest eight ranges of a long chat with many regenerations, and walks on above them', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    // 130 messages in one multi-row insert, each row continuing the one before (the numbering trigger's rule).
    await admin`insert into public.messages (chat_id, role, content)
      select ${chatId}, (case when i % 2 = 1 then 'user' else 'assistant' end)::public.message_role, 'step ' || i
        from generate_series(1, 130) i`;
    expect(await tailOf(chatId)).toBe('{[1,131)}');
    const service = <T>(fn: (sql: postgres.TransactionSql) => Promise<T>) => as('service_role', fn, commit);
    // Twelve regenerations, each answered: every one leaves the abandoned reply as a gap.
    for (let i = 0; i < 12; i++) {
      const [question] = await service(
        (sql) => sql`select * from public.append_message(${chatId}, ${`question ${i}`}, null, null, 'user')`,
      );
      await service((sql) => sql`select public.append_message(${chatId}, 'first try', null, null, 'assistant')`);
      await service(
        (sql) => sql`select public.append_message(${chatId}, 'second try', null, ${question.id}, 'assistant')`,
      );
    }
    const tail = await tailOf(chatId);
    expect(tail!.match(/\[/g)).toHaveLength(8);
    await expectPagesMatchTheWalk(user, chatId, 7, Infinity);
    // Back to the original branch's 100th message: a tail of its newest 100 messages is placed, the rest walked.
    const [deep] = await admin`select id from public.messages where chat_id = ${chatId} and sequence_number = 120`;
    await as(user, (sql) => sql`update public.chats set active_leaf_id = ${deep.id} where id = ${chatId}`, commit);
    expect(await tailOf(chatId)).toBe('{[21,121)}');
    await expectPagesMatchTheWalk(user, chatId, 9, Infinity);
    // An append there continues that branch after a gap of 36 numbers.
    await service((sql) => sql`select public.append_message(${chatId}, 'from 120', null, null, 'user')`);
    expect(await tailOf(chatId)).toBe('{[21,121),[167,168)}');
    await expectPagesMatchTheWalk(user, chatId, 50, Infinity);
  });

  it("pages a fork's copy as the walk does, and a chat that went to the cold archive and came back", async () => {
    const owner = await createUser();
    const forker = await createUser();
    const chatId = await newChat(owner);
    await growAtRandom(owner, chatId, 99, 40);
    const [share] = await as(owner, (sql) => sql`select share_token from public.create_share(${chatId})`, commit);
    const [{ fork_chat: forkId }] = await as(
      forker,
      (sql) => sql`select public.fork_chat(${share.share_token})`,
      commit,
    );
    const copied = await walkedBranch(forkId);
    expect(copied).toHaveLength((await walkedBranch(chatId)).length);
    await expectPagesMatchTheWalk(forker, forkId, 4, Infinity);
    await as(forker, (sql) => sql`select public.append_message(${forkId}, 'my turn')`, commit);
    await expectPagesMatchTheWalk(forker, forkId, 50, Infinity);

    // The archive deletes the rows (triggers off) and a restore brings them back as they were; the chat row stays.
    await as(
      owner,
      (sql) => sql`select public.revoke_share(id) from public.shared_chats where chat_id = ${chatId}`,
      commit,
    );
    const before = await tailOf(chatId);
    await admin`update public.chats set last_message_at = now() - interval '400 days' where id = ${chatId}`;
    await admin`select 1 from private.seal_cold_chats(interval '365 days', 10, ${owner.id})`;
    const [{ jsonl }] = await admin`select private.archived_chat_jsonl(${chatId}) as jsonl`;
    const [{ dropped }] = await admin`
      select private.drop_archived_messages(${chatId}, encode(extensions.digest(${jsonl}::text, 'sha256'), 'hex')) as dropped`;
    expect(dropped).toBe(true);
    expect(await rowsOf(chatId)).toHaveLength(0);
    expect(await as(owner, (sql) => sql`select id from public.get_chat_page(${chatId}, null, 50)`)).toEqual([]);
    await as(owner, (sql) => sql`select public.restore_archived_chat(${chatId}, ${jsonl})`, commit);
    expect(await tailOf(chatId)).toBe(before);
    await expectPagesMatchTheWalk(owner, chatId, 5, Infinity);
  });
});
