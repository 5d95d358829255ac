// Branches that never overwrite: edits and regenerations as siblings, switching branches, the broadcast that
// tells other tabs, and replies that are stopped or lose their writer.
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, newChat, sqlstateOf } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('branches', () => {
  it('adds an edit as a sibling, pages the active branch and switches between branches', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const say = (content: string, parent: string | null = null, role = 'user') =>
      as(
        role === 'user' ? user : 'service_role',
        async (sql) =>
          (await sql`select * from public.append_message(${chatId}, ${content}, null, ${parent}, ${role})`)[0],
        { commit: true },
      );
    const q1 = await say('What MCU?');
    const a1 = await say('ESP32.', null, 'assistant');
    const q2 = await say('Which sensor?');
    await say('BME280.', null, 'assistant');
    const q2b = await say('Which display?', a1.id);
    const page = await as(
      user,
      (sql) => sql`select content, sibling_count, sibling_index from public.get_chat_page(${chatId}, null, 50)`,
    );
    expect(page.map((m) => m.content)).toEqual(['Which display?', 'ESP32.', 'What MCU?']);
    expect(page[0]).toMatchObject({ sibling_count: 2, sibling_index: 2 });
    await as(user, (sql) => sql`select public.switch_branch(${chatId}, ${q2.id})`, { commit: true });
    const switched = await as(user, (sql) => sql`select content from public.get_chat_page(${chatId}, null, 50)`);
    expect(switched.map((m) => m.content)).toEqual(['BME280.', 'Which sensor?', 'ESP32.', 'What MCU?']);
    const older = await as(
      user,
      (sql) => sql`select content from public.get_chat_page(${chatId}, ${a1.sequence_number}, 10)`,
    );
    expect(older.map((m) => m.content)).toEqual(['What MCU?']);
    const all = await as(user, (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`);
    expect(all[0].n).toBe(5);
    expect(q1.parent_id).toBeNull();
    expect(q2b.parent_id).toBe(a1.id);
  });
});

describe('editing and regenerating', () => {
  const sayAs =
    (user: Awaited<ReturnType<typeof createUser>>, chatId: string) =>
    (content: string, parent: string | null = null, role = 'user') =>
      as(
        role === 'user' ? user : 'service_role',
        async (sql) =>
          (await sql`select * from public.append_message(${chatId}, ${content}, null, ${parent}, ${role})`)[0],
        { commit: true },
      );

  it('saves an edit as a sibling of the original, makes it the active branch, and answers a retry with the same row', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const say = sayAs(user, chatId);
    const q1 = await say('What MCU?');
    const a1 = await say('ESP32.', null, 'assistant');
    const q2 = await say('Which sensor?');
    await say('BME280.', null, 'assistant');
    const edit = () =>
      as(
        user,
        async (sql) =>
          (await sql`select * from public.edit_message(${chatId}, ${q2.id}, 'Which display?', 'edit-1')`)[0],
        { commit: true },
      );
    const edited = await edit();
    const retried = await edit();
    expect(edited.parent_id).toBe(a1.id);
    expect(retried.id).toBe(edited.id);
    const page = await as(
      user,
      (sql) => sql`select content, sibling_count, sibling_index from public.get_chat_page(${chatId}, null, 50)`,
    );
    expect(page.map((m) => m.content)).toEqual(['Which display?', 'ESP32.', 'What MCU?']);
    expect(page[0]).toMatchObject({ sibling_count: 2, sibling_index: 2 });
    const [{ n }] = await as(
      user,
      (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`,
    );
    expect(n).toBe(5);
    expect(q1.parent_id).toBeNull();
    // ‹ 2/2 › → ‹ 1/2 ›: the original branch with its newest path below, then back; no branch past the ends.
    const previous = await as(
      user,
      async (sql) => (await sql`select public.switch_to_sibling(${chatId}, ${edited.id}, -1) as leaf`)[0].leaf,
      { commit: true },
    );
    const back = await as(
      user,
      (sql) => sql`select content, sibling_index from public.get_chat_page(${chatId}, null, 50)`,
    );
    expect(back.map((m) => m.content)).toEqual(['BME280.', 'Which sensor?', 'ESP32.', 'What MCU?']);
    expect(back[1].sibling_index).toBe(1);
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.switch_to_sibling(${chatId}, ${q2.id}, -1)`)),
    ).toBe('PT404');
    const next = await as(
      user,
      async (sql) => (await sql`select public.switch_to_sibling(${chatId}, ${q2.id}, 1) as leaf`)[0].leaf,
      { commit: true },
    );
    expect(next).toBe(edited.id);
    expect(previous).not.toBe(edited.id);
  });

  it("edits the first message as a second root, and refuses editing a reply or a stranger's message", async () => {
    const user = await createUser();
    const stranger = await createUser();
    const chatId = await newChat(user);
    const say = sayAs(user, chatId);
    const q1 = await say('What MCU?');
    const a1 = await say('ESP32.', null, 'assistant');
    const [root] = await as(user, (sql) => sql`select * from public.edit_message(${chatId}, ${q1.id}, 'What board?')`, {
      commit: true,
    });
    expect(root.parent_id).toBeNull();
    const page = await as(
      user,
      (sql) => sql`select content, sibling_count, sibling_index from public.get_chat_page(${chatId}, null, 50)`,
    );
    expect(page).toEqual([{ content: 'What board?', sibling_count: 2, sibling_index: 2 }]);
    await as(user, (sql) => sql`select public.switch_to_sibling(${chatId}, ${root.id}, -1)`, { commit: true });
    const original = await as(user, (sql) => sql`select content from public.get_chat_page(${chatId}, null, 50)`);
    expect(original.map((m) => m.content)).toEqual(['ESP32.', 'What MCU?']);
    // The setting is transaction-local and reset: a plain append afterwards continues the branch.
    const next = await as(user, async (sql) => {
      await sql`select public.edit_message(${chatId}, ${q1.id}, 'What chip?')`;
      return (await sql`select * from public.append_message(${chatId}, 'and a case?')`)[0];
    });
    expect(next.parent_id).not.toBeNull();
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.edit_message(${chatId}, ${a1.id}, 'Better answer')`)),
    ).toBe('22023');
    expect(
      await sqlstateOf(() => as(stranger, (sql) => sql`select public.edit_message(${chatId}, ${q1.id}, 'mine now')`)),
    ).toBe('PT404');
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`select public.edit_message(${chatId}, ${q1.id}, ${'x'.repeat(100_001)})`),
      ),
    ).toBe('22001');
  });

  it('announces a branch switch on the chat topic, but not a plain append', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const say = sayAs(user, chatId);
    const q1 = await say('What MCU?');
    await say('ESP32.', null, 'assistant');
    const events = () =>
      admin`select payload from realtime.messages where topic = ${`chat:${chatId}:messages`} and event = 'active_leaf_changed' order by inserted_at`;
    expect(await events()).toHaveLength(0);
    await as(user, (sql) => sql`select public.switch_branch(${chatId}, ${q1.id})`, { commit: true });
    // switch_branch from q1 lands on the newest leaf again (a2): no change, no event.
    expect(await events()).toHaveLength(0);
    const [edited] = await as(
      user,
      (sql) => sql`select * from public.edit_message(${chatId}, ${q1.id}, 'What board?')`,
      { commit: true },
    );
    await as(user, (sql) => sql`select public.switch_branch(${chatId}, ${q1.id})`, { commit: true });
    const sent = await events();
    expect(sent.map((e) => e.payload.active_leaf_id)).toHaveLength(2);
    expect(sent[0].payload.active_leaf_id).toBe(edited.id);
  });
});

describe('replies that stop or lose their writer', () => {
  async function streamingReply(user: Awaited<ReturnType<typeof createUser>>, ageSeconds: number) {
    const chatId = await newChat(user);
    await as(user, (sql) => sql`select public.append_message(${chatId}, 'Hello')`, { commit: true });
    const [reply] = await as(
      'service_role',
      (sql) =>
        sql`insert into public.messages (chat_id, role, content, status) values (${chatId}, 'assistant', 'Half a', 'streaming') returning id`,
      { commit: true },
    );
    // Ages the reply as if its writer had stopped saving (the update trigger would stamp now()).
    await admin.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update public.messages set updated_at = now() - make_interval(secs => ${ageSeconds}) where id = ${reply.id}`;
    });
    return { chatId, replyId: reply.id as string };
  }
  const statusOf = async (id: string) => (await admin`select status from public.messages where id = ${id}`)[0].status;

  it('marks a streaming reply interrupted once its writer is silent for longer than the heartbeat allows', async () => {
    const user = await createUser();
    const stale = await streamingReply(user, 45);
    const fresh = await streamingReply(user, 5);
    const marked = await as(
      user,
      (sql) => sql`select id, status, content from public.interrupt_stale_replies(${stale.chatId})`,
      { commit: true },
    );
    expect(marked).toEqual([{ id: stale.replyId, status: 'interrupted', content: 'Half a' }]);
    expect(
      await as(user, (sql) => sql`select id from public.interrupt_stale_replies(${fresh.chatId})`, { commit: true }),
    ).toHaveLength(0);
    expect(await statusOf(fresh.replyId)).toBe('streaming');
  });

  it('lets only the owner stop a streaming reply, and a writer can no longer save it', async () => {
    const user = await createUser();
    const stranger = await createUser();
    const { chatId, replyId } = await streamingReply(user, 0);
    expect(await sqlstateOf(() => as(stranger, (sql) => sql`select public.stop_reply(${chatId}, ${replyId})`))).toBe(
      'PT404',
    );
    expect(await sqlstateOf(() => as(stranger, (sql) => sql`select public.interrupt_stale_replies(${chatId})`))).toBe(
      'PT404',
    );
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`update public.messages set status = 'interrupted' where id = ${replyId}`),
      ),
    ).toBe('42501');
    const [stopped] = await as(user, (sql) => sql`select status from public.stop_reply(${chatId}, ${replyId})`, {
      commit: true,
    });
    expect(stopped.status).toBe('interrupted');
    const saved = await as(
      'service_role',
      (sql) =>
        sql`update public.messages set content = 'Half a reply' where id = ${replyId} and status = 'streaming' returning id`,
      { commit: true },
    );
    expect(saved).toHaveLength(0);
  });
});
