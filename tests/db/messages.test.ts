// Messages: numbered by the database (gap-free under concurrency), idempotent appends, owners from the chat,
// titles from the first message, and branches that never overwrite.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf } from './fixtures.ts';
import { adminDbUrl } from '../support/stack.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function newChat(user: Awaited<ReturnType<typeof createUser>>) {
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, {
    commit: true,
  });
  return chat.id as string;
}

describe('appending messages', () => {
  it("works with the seed document's plain statements (the agents' path) and ignores a client-sent number", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(
      'service_role',
      async (sql) => {
        await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'Build   an ESP32\nweather station')`;
        await sql`insert into public.messages (chat_id, role, content, sequence_number) values (${chatId}, 'user', 'and a display', 999)`;
        return sql`select m.sequence_number, m.user_id, m.parent_id is null as root, c.title, c.message_count, c.last_sequence_number
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
      },
      { commit: true },
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({
      user_id: user.id,
      root: true,
      title: 'Build an ESP32 weather station',
      message_count: 2,
    });
    expect(rows[1].root).toBe(false);
  });

  it('chains the rows of one multi-row insert, each the parent of the next, the last one active', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const rows = await as(
      'service_role',
      async (sql) => {
        await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'one'), (${chatId}, 'user', 'two'), (${chatId}, 'user', 'three')`;
        return sql`select m.id, m.parent_id, m.sequence_number, c.active_leaf_id
                   from public.messages m join public.chats c on c.id = m.chat_id where m.chat_id = ${chatId} order by m.sequence_number`;
      },
      { commit: true },
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.parent_id)).toEqual([null, rows[0].id, rows[1].id]);
    expect(rows[0].active_leaf_id).toBe(rows[2].id);
  });

  it('refuses a 61st message within a minute with PT429, but still answers retries of saved ones', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    await as(
      user,
      async (sql) => {
        for (let i = 0; i < 60; i++)
          await sql`select public.append_message(${chatId}, ${`message ${i}`}, ${`rate-${i}`})`;
      },
      { commit: true },
    );
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`select public.append_message(${chatId}, 'one too many', 'rate-60')`),
      ),
    ).toBe('PT429');
    const [retried] = await as(
      user,
      (sql) => sql`select (public.append_message(${chatId}, 'message 0', 'rate-0')).sequence_number`,
    );
    expect(Number(retried.sequence_number)).toBe(1);
    // The budget is the sender's: another user is not slowed down, and the agents' replies are not counted.
    const other = await createUser();
    const otherChat = await newChat(other);
    await as(other, (sql) => sql`select public.append_message(${otherChat}, 'hello', 'rate-other')`);
    await as(
      'service_role',
      (sql) => sql`select public.append_message(${chatId}, 'a reply', 'rate-reply', null, 'assistant')`,
    );
  });

  it('numbers 50 parallel appends 1..50 without gaps or duplicates', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const pool = postgres(adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 25, onnotice: () => {} });
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          pool.begin(async (tx) => {
            await tx`select set_config('request.jwt.claims', ${JSON.stringify(user.claims)}, true), set_config('role', 'authenticated', true)`;
            await tx`select public.append_message(${chatId}, ${`message ${i}`}, ${`key-${i}`})`;
          }),
        ),
      );
    } finally {
      await pool.end();
    }
    const rows = await as(
      user,
      (sql) => sql`select sequence_number from public.messages where chat_id = ${chatId} order by sequence_number`,
    );
    expect(rows.map((r) => Number(r.sequence_number))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('returns the same row for a retried append and refuses the same key with other content', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const first = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, {
      commit: true,
    });
    const retry = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hello', 'k-1')`, {
      commit: true,
    });
    expect(retry[0].id).toBe(first[0].id);
    expect(retry[0].sequence_number).toBe(first[0].sequence_number);
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, 'something else', 'k-1')`)),
    ).toBe('PT409');
    const [count] = await as(
      user,
      (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chatId}`,
    );
    expect(count.n).toBe(1);
  });

  it('refuses empty and over-long messages with a clear error and saves nothing', async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    expect(await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, '   ')`))).toBe(
      '22023',
    );
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.append_message(${chatId}, ${'x'.repeat(100_001)})`)),
    ).toBe('22001');
    const [chat] = await as(
      user,
      (sql) => sql`select message_count, last_sequence_number from public.chats where id = ${chatId}`,
    );
    expect(chat).toEqual({ message_count: 0, last_sequence_number: '0' });
  });

  it("keeps a message's identity fixed once written", async () => {
    const user = await createUser();
    const chatId = await newChat(user);
    const [m] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, 'hi')`, { commit: true });
    expect(
      await sqlstateOf(() =>
        as('service_role', (sql) => sql`update public.messages set sequence_number = 7 where id = ${m.id}`),
      ),
    ).toBe('42501');
    const [done] = await as(
      'service_role',
      (sql) => sql`update public.messages set content = 'hi!' where id = ${m.id} returning content`,
    );
    expect(done.content).toBe('hi!');
  });
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
      admin`select payload from realtime.messages where topic = ${`chat:${chatId}:messages`} and event = 'active_leaf_changed'`;
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
