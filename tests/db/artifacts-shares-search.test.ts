// Artifacts keep a true history under concurrent writers; share links show a snapshot to token holders only;
// a fork copies that snapshot and nothing else; search is ranked, safe and scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf } from './fixtures.ts';
import { buildWorld, type World } from './world.ts';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('artifact versions', () => {
  it('lets one of two writers on the same version win and gives the other a conflict', async () => {
    const { owner, artifactId } = world;
    const results = await Promise.allSettled([
      as(owner, (sql) => sql`select * from public.add_artifact_version(${artifactId}, 2, 'writer A', null, 'A')`, {
        commit: true,
      }),
      as(owner, (sql) => sql`select * from public.add_artifact_version(${artifactId}, 2, 'writer B', null, 'B')`, {
        commit: true,
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('PT409');
    const versions = await as(
      owner,
      (sql) => sql`select version_number from public.artifact_versions where artifact_id = ${artifactId} order by 1`,
    );
    expect(versions.map((v) => v.version_number)).toEqual([1, 2, 3]);
  });

  it('restores an old version as a new one, keeping history', async () => {
    const { owner, artifactId } = world;
    const [restored] = await as(
      owner,
      (sql) => sql`select * from public.restore_artifact_version(${artifactId}, 1, 3)`,
      { commit: true },
    );
    expect(restored.version_number).toBe(4);
    expect(restored.content_json).toEqual({ components: ['ESP32', 'DHT22'] });
    expect(restored.change_summary).toBe('Restored v1');
    const [artifact] = await as(
      owner,
      (sql) => sql`select current_version, total_versions from public.artifacts where id = ${artifactId}`,
    );
    expect(artifact).toEqual({ current_version: 4, total_versions: 4 });
  });

  it('records the artifact on the message that created it', async () => {
    const [message] = await as(
      world.owner,
      (sql) => sql`select created_artifact_ids from public.messages where id = ${world.messageIds[1]}`,
    );
    expect(message.created_artifact_ids).toEqual([world.artifactId]);
  });
});

describe('share links', () => {
  it('are ≥128-bit tokens visible only to the chat owner', async () => {
    expect(Buffer.from(world.shareToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(
      await as(world.owner, (sql) => sql`select id from public.shared_chats where chat_id = ${world.chatId}`),
    ).toHaveLength(1);
    expect(await as(world.stranger, (sql) => sql`select id from public.shared_chats`)).toHaveLength(0);
    expect(await as(world.stranger, (sql) => sql`select id from public.chats where id = ${world.chatId}`)).toHaveLength(
      0,
    );
  });

  it('show the snapshot to anyone holding the token, without later messages', async () => {
    await as(world.owner, (sql) => sql`select public.append_message(${world.chatId}, 'a later, private thought')`, {
      commit: true,
    });
    const [row] = await as('anon', (sql) => sql`select public.get_shared_chat(${world.shareToken}) as page`);
    expect(row.page.title).toBe('Build an ESP32 weather station');
    expect(row.page.messages.map((m: { content: string }) => m.content)).toEqual([
      'Here is a plan with a BME280 sensor.',
      'Build an ESP32 weather station',
    ]);
  });

  it('answer unknown, revoked and expired tokens identically', async () => {
    const { owner, chatId } = world;
    const [revoked] = await as(owner, (sql) => sql`select * from public.create_share(${chatId})`, { commit: true });
    await as(owner, (sql) => sql`select public.revoke_share(${revoked.id})`, { commit: true });
    const [expiring] = await as(
      owner,
      (sql) => sql`select * from public.create_share(${chatId}, now() + interval '1 hour')`,
      { commit: true },
    );
    await admin`update public.shared_chats set expires_at = now() - interval '1 second' where id = ${expiring.id}`;
    const errors = [];
    for (const token of ['no-such-token-aaaaaaaaaaaaaaaa', revoked.share_token, expiring.share_token]) {
      try {
        await as('anon', (sql) => sql`select public.get_shared_chat(${token})`);
        errors.push(null);
      } catch (error) {
        errors.push({ code: (error as { code: string }).code, message: (error as Error).message });
      }
    }
    expect(errors[0]).toEqual({ code: 'PT404', message: 'share link not found' });
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[2]).toEqual(errors[0]);
  });

  it('cannot be created or revoked by a stranger', async () => {
    expect(await sqlstateOf(() => as(world.stranger, (sql) => sql`select public.create_share(${world.chatId})`))).toBe(
      'PT404',
    );
    expect(await sqlstateOf(() => as(world.stranger, (sql) => sql`select public.revoke_share(${world.shareId})`))).toBe(
      'PT404',
    );
    expect(await sqlstateOf(() => as('anon', (sql) => sql`select public.create_share(${world.chatId})`))).toBe('42501');
  });
});

describe('forks', () => {
  it('copy the snapshot into a chat the forker owns, with artifact history up to the snapshot and its BOM rows', async () => {
    const { stranger, forkedChatId } = world;
    const messages = await as(
      stranger,
      (sql) =>
        sql`select content, sequence_number, user_id from public.messages where chat_id = ${forkedChatId} order by sequence_number`,
    );
    expect(messages.map((m) => m.content)).toEqual([
      'Build an ESP32 weather station',
      'Here is a plan with a BME280 sensor.',
    ]);
    expect(messages.every((m) => m.user_id === stranger.id)).toBe(true);
    const [chat] = await as(
      stranger,
      (sql) => sql`select forked_from_chat_id, project_id from public.chats where id = ${forkedChatId}`,
    );
    expect(chat.forked_from_chat_id).toBe(world.chatId);
    const versions = await as(
      stranger,
      (sql) => sql`
      select v.version_number, v.change_summary from public.artifact_versions v join public.artifacts a on a.id = v.artifact_id
      where a.chat_id = ${forkedChatId} order by 1`,
    );
    expect(versions.map((v) => v.version_number)).toEqual([1, 2]);
    const parts = await as(
      stranger,
      (sql) => sql`select name from public.parts where project_id = ${chat.project_id} order by name`,
    );
    expect(parts.map((p) => p.name)).toEqual(['BME280', 'ESP32-DevKitC']);
    const [connections] = await as(
      stranger,
      (sql) => sql`select count(*)::int as n from public.connections where project_id = ${chat.project_id}`,
    );
    expect(connections.n).toBe(1);
  });

  // 5,000 rows through the numbering trigger take 20-35 s on the shared 2-core machine under load: more than 30 s.
  it('copy a long chat in one go: the shared branch numbered 1..n as a chain, counters and active leaf set', async () => {
    const owner = await createUser();
    const forker = await createUser();
    const [chat] = await as(
      owner,
      (sql) => sql`insert into public.chats (title) values ('Long build log') returning id`,
      { commit: true },
    );
    // 5,000 messages written through the real numbering trigger, in statements of 1,000.
    for (let from = 1; from <= 5000; from += 1000) {
      await admin`insert into public.messages (chat_id, role, content)
        select ${chat.id}, (case when i % 2 = 1 then 'user' else 'assistant' end)::public.message_role, 'step ' || i
        from generate_series(${from}::int, ${from + 999}::int) i`;
    }
    // Written yesterday: the owner could not have sent 2,500 messages within the last minute (the rate limit).
    await admin`update public.messages set created_at = now() - interval '1 day' where chat_id = ${chat.id}`;
    const [share] = await as(owner, (sql) => sql`select share_token from public.create_share(${chat.id})`, {
      commit: true,
    });
    const [{ fork_chat: forkId }] = await as(forker, (sql) => sql`select public.fork_chat(${share.share_token})`, {
      commit: true,
    });
    const [copy] = await as(
      forker,
      (sql) => sql`
      select c.message_count, c.last_sequence_number, c.active_leaf_id = (select m.id from public.messages m where m.chat_id = c.id and m.sequence_number = 5000) as leaf_is_last,
             (select count(*) from public.messages m where m.chat_id = c.id) as copied,
             (select count(*) from public.messages m join public.messages p on p.id = m.parent_id
               where m.chat_id = c.id and p.chat_id = c.id and p.sequence_number = m.sequence_number - 1) as chained,
             (select count(*) from public.messages m where m.chat_id = c.id and m.user_id = ${forker.id}) as owned,
             (select string_agg(m.content, ',' order by m.sequence_number) from public.messages m where m.chat_id = c.id and m.sequence_number in (1, 2, 5000)) as samples
        from public.chats c where c.id = ${forkId}`,
    );
    expect(copy).toMatchObject({ message_count: 5000, leaf_is_last: true, samples: 'step 1,step 2,step 5000' });
    expect([Number(copy.last_sequence_number), Number(copy.copied), Number(copy.chained), Number(copy.owned)]).toEqual([
      5000, 5000, 4999, 5000,
    ]);
    // The fork goes on like any chat: the next message is number 5,001 under the last one.
    const [next] = await as(
      forker,
      (sql) => sql`select (public.append_message(${forkId}, 'and now?', 'after-fork')).sequence_number`,
      { commit: true },
    );
    expect(Number(next.sequence_number)).toBe(5001);
  }, 90_000);

  it('leave the original untouchable by the forker', async () => {
    const { stranger, chatId } = world;
    expect(
      await as(stranger, (sql) => sql`update public.chats set title = 'mine now' where id = ${chatId} returning id`),
    ).toHaveLength(0);
    expect(
      await sqlstateOf(() =>
        as(
          stranger,
          (sql) => sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'hi')`,
        ),
      ),
    ).toBe('42501');
  });

  it('need a signed-in caller', async () => {
    expect(await sqlstateOf(() => as('anon', (sql) => sql`select public.fork_chat(${world.shareToken})`))).toBe(
      '42501',
    );
  });
});

describe('search', () => {
  it('ranks, highlights safely and stays within what the caller may read', async () => {
    const user = await createUser();
    const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('Search') returning id`, {
      commit: true,
    });
    for (const text of [
      '<script>alert(1)</script> the ESP32 board',
      'ESP32 ESP32 deep sleep on the ESP32',
      'a relay module',
    ]) {
      await as(user, (sql) => sql`select public.append_message(${chat.id}, ${text})`, { commit: true });
    }
    const hits = await as(user, (sql) => sql`select * from public.search_messages('esp32', 10)`);
    expect(hits).toHaveLength(2);
    expect(hits[0].snippet).toContain('<mark>ESP32</mark>');
    expect(hits[0].rank).toBeGreaterThanOrEqual(hits[1].rank);
    const unsafe = hits.find((h) => h.snippet.includes('alert'))!;
    // Only the highlight markers are markup: the message's own angle brackets arrive escaped.
    expect(unsafe.snippet).toContain('&gt;');
    expect(unsafe.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    const next = await as(user, (sql) => sql`select * from public.search_messages('esp32', 1, ${hits[0].cursor})`);
    expect(next.map((h) => h.message_id)).toEqual([hits[1].message_id]);
    const nobody = await createUser();
    expect(await as(nobody, (sql) => sql`select * from public.search_messages('esp32', 10)`)).toHaveLength(0);
    const strangers = await as(world.stranger, (sql) => sql`select chat_id from public.search_messages('esp32', 10)`);
    expect(strangers.map((h) => h.chat_id)).toEqual([world.forkedChatId]);
  });

  it.each(["'&|!:*()", '"unbalanced', 'x'.repeat(1000), '🔌⚡ emoji', '', 'or and not', '-esp32'])(
    'answers %j without an error',
    async (query) => {
      const user = await createUser();
      await expect(as(user, (sql) => sql`select * from public.search_messages(${query}, 10)`)).resolves.toBeDefined();
    },
  );
});

describe('analytics', () => {
  it('reports messages, tokens and cost per agent, model and chat with real prices', async () => {
    const [byModel] = await as(
      world.owner,
      (sql) => sql`select * from public.usage_by_model where agent_model = 'anthropic/claude-sonnet-4-5'`,
    );
    // 120 input tokens at $0.003/1K and 80 output tokens at $0.015/1K.
    expect(Number(byModel.cost)).toBeCloseTo(0.00036 + 0.0012, 6);
    const byAgent = await as(world.owner, (sql) => sql`select agent_name, message_count from public.usage_by_agent`);
    expect(byAgent).toEqual([{ agent_name: 'conversational', message_count: '1' }]);
    const [byChat] = await as(
      world.owner,
      (sql) => sql`select input_tokens, output_tokens from public.usage_by_chat where chat_id = ${world.chatId}`,
    );
    expect(byChat).toEqual({ input_tokens: '120', output_tokens: '80' });
  });
});
