// public.complete_agent_turn against the real database: a turn's message, project, versions and rows commit
// together or not at all; two turns racing for the same version never make two v2s; only the agents' path (the
// service role) may call it, and another user sees nothing of what it wrote.
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function askedChat(user?: TestUser) {
  const owner = user ?? (await createUser());
  const [chat] = await as(owner, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, {
    commit: true,
  });
  return { user: owner, chatId: chat.id as string, reply: await ask(owner, chat.id) };
}

/** A user message and its `streaming` reply, as the runner begins a turn. */
async function ask(user: TestUser, chatId: string, text = 'ESP32 weather station with a BME280') {
  const [question] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, ${text})`, {
    commit: true,
  });
  const [reply] = await as(
    'service_role',
    (sql) => sql`insert into public.messages (chat_id, role, content, status, parent_id, agent_name)
      values (${chatId}, 'assistant', '', 'streaming', ${question.id}, 'bomGenerator') returning id`,
    { commit: true },
  );
  return reply.id as string;
}

const part = (ref: string, name: string) => ({ name, quantity: 1, price: 4.5, specs: { ref }, voltage: '3.3 V' });
const bomWrite = (base: { artifactId: string; expectedVersion: number } | null, refs = ['esp32', 'bme280']) => ({
  type: 'bom',
  title: 'Weather station BOM',
  base,
  content: '| part |',
  contentJson: { lines: refs.map((ref) => ({ ref })) },
  changeSummary: base ? 'Replaced DHT22 with BME280' : 'Initial version',
  parts: refs.map((ref) => part(ref, ref.toUpperCase())),
});
const turn = (writes: unknown[], extra: Record<string, unknown> = {}) => ({
  content: 'Here is your BOM.',
  agent: { name: 'bomGenerator', model: 'ohm/offline-1', icon: '🧾' },
  intent: 'BOM',
  usage: { input: 120, output: 40, cacheRead: 100, cacheWrite: 8 },
  route: { intent: 'BOM', agent: 'bomGenerator', reason: 'explicit request' },
  phase: 'parts',
  project: { name: 'ESP32 weather station', goal: 'A weather station', budget: { amount: 40, currency: 'EUR' } },
  writes,
  stale: [],
  ...extra,
});
const complete = (chatId: string, messageId: string, body: unknown) =>
  as(
    'service_role',
    (sql) => sql`select public.complete_agent_turn(${chatId}, ${messageId}, ${sql.json(body as never)}) as result`,
    { commit: true },
  ).then(([row]) => row.result);

describe('public.complete_agent_turn', () => {
  it('finishes the reply, creates the project and the BOM v1 with its parts, all in one call', async () => {
    const { chatId, reply } = await askedChat();
    const result = await complete(chatId, reply, turn([bomWrite(null)]));
    expect(result.status).toBe('complete');
    expect(result.versions).toMatchObject([{ type: 'bom', version: 1, changeSummary: 'Initial version' }]);
    const [message] = await admin`select * from public.messages where id = ${reply}`;
    expect(message).toMatchObject({
      status: 'complete',
      content: 'Here is your BOM.',
      intent: 'BOM',
      input_tokens: 120,
      output_tokens: 40,
      input_cache_read_tokens: 100,
      input_cache_write_tokens: 8,
      created_artifact_ids: [result.versions[0].artifactId],
    });
    expect(message.metadata.route).toEqual({ intent: 'BOM', agent: 'bomGenerator', reason: 'explicit request' });
    const [chat] = await admin`select c.current_phase, p.name, p.target_budget, p.currency, p.total_parts
      from public.chats c join public.projects p on p.id = c.project_id where c.id = ${chatId}`;
    expect(chat).toMatchObject({
      current_phase: 'parts',
      name: 'ESP32 weather station',
      currency: 'EUR',
      total_parts: 2,
    });
    const parts = await admin`select name, specs->>'ref' as ref from public.parts
      where artifact_version_id = ${result.versions[0].versionId} order by name`;
    expect(parts).toEqual([
      { name: 'BME280', ref: 'bme280' },
      { name: 'ESP32', ref: 'esp32' },
    ]);
  });

  it('points wiring connections at the parts of the BOM version the wiring was built from', async () => {
    const { user, chatId, reply } = await askedChat();
    const first = await complete(chatId, reply, turn([bomWrite(null)]));
    const bom = first.versions[0];
    await complete(
      chatId,
      await ask(user, chatId, 'add an OLED'),
      turn([bomWrite({ artifactId: bom.artifactId, expectedVersion: 1 }, ['esp32', 'bme280', 'oled'])]),
    );
    const connection = (sequence_number: number, from_ref: string, to_ref: string) => ({
      sequence_number,
      from_ref,
      from_pin: '3V3',
      from_pin_type: 'power',
      to_ref,
      to_pin: 'VIN',
      to_pin_type: 'power',
      voltage: '3.3 V',
      signal_type: 'power',
      wire_color: 'red',
      warnings: [],
    });
    const wiring = {
      type: 'wiring',
      title: 'Wiring',
      base: null,
      content: '1. Power',
      contentJson: { bomVersion: 1 },
      changeSummary: 'Initial version',
      connections: [connection(1, 'esp32', 'bme280')],
    };
    const result = await complete(chatId, await ask(user, chatId, 'the wiring'), turn([wiring], { intent: 'WIRING' }));
    const [row] = await admin`select c.from_pin, f.specs->>'ref' as from_ref, t.specs->>'ref' as to_ref,
        f.artifact_version_id = ${bom.versionId} as from_v1
      from public.connections c join public.parts f on f.id = c.from_part_id join public.parts t on t.id = c.to_part_id
      where c.artifact_version_id = ${result.versions[0].versionId}`;
    expect(row).toEqual({ from_pin: '3V3', from_ref: 'esp32', to_ref: 'bme280', from_v1: true });
  });

  it('writes nothing when one row fails: no project, no artifact, no version, the reply still streaming', async () => {
    const { chatId, reply } = await askedChat();
    const broken = bomWrite(null);
    broken.parts.push({ ...part('bad', 'Bad'), quantity: 0 });
    expect(await sqlstateOf(() => complete(chatId, reply, turn([broken])))).toBe('23514');
    const [counts] = await admin`select
      (select count(*)::int from public.artifacts where chat_id = ${chatId}) as artifacts,
      (select project_id from public.chats where id = ${chatId}) as project,
      (select status from public.messages where id = ${reply}) as status`;
    expect(counts).toEqual({ artifacts: 0, project: null, status: 'streaming' });
  });

  it('rolls back a wiring whose part ref is not in its BOM version', async () => {
    const { user, chatId, reply } = await askedChat();
    await complete(chatId, reply, turn([bomWrite(null)]));
    const next = await ask(user, chatId, 'wiring');
    const wiring = {
      type: 'wiring',
      title: 'Wiring',
      base: null,
      content: null,
      contentJson: { bomVersion: 1 },
      changeSummary: 'Initial version',
      connections: [{ sequence_number: 1, from_ref: 'esp32', from_pin: 'G', to_ref: 'dht22', to_pin: 'D' }],
    };
    expect(await sqlstateOf(() => complete(chatId, next, turn([wiring])))).toBe('22023');
    const [row] =
      await admin`select count(*)::int as n from public.artifacts where chat_id = ${chatId} and type = 'wiring'`;
    expect(row.n).toBe(0);
  });

  it('never makes two version 2s when two turns race: one wins, the other gets PT409 and writes nothing', async () => {
    const { user, chatId, reply } = await askedChat();
    const bom = (await complete(chatId, reply, turn([bomWrite(null)]))).versions[0];
    const [a, b] = [await ask(user, chatId, 'replace the DHT22'), await ask(user, chatId, 'add an OLED')];
    const base = { artifactId: bom.artifactId, expectedVersion: 1 };
    const outcomes = await Promise.allSettled([
      complete(chatId, a, turn([bomWrite(base, ['esp32'])])),
      complete(chatId, b, turn([bomWrite(base, ['esp32', 'oled'])])),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason.code).toBe('PT409');
    const versions =
      await admin`select version_number from public.artifact_versions where artifact_id = ${bom.artifactId} order by 1`;
    expect(versions.map((v) => v.version_number)).toEqual([1, 2]);
    const statuses = await admin`select status from public.messages where id in (${a}, ${b}) order by status`;
    expect(statuses.map((s) => s.status)).toEqual(['complete', 'streaming']);
  });

  it('refuses a second first version of the same type (two turns creating the BOM at once)', async () => {
    const { user, chatId, reply } = await askedChat();
    const other = await ask(user, chatId, 'the BOM again');
    const outcomes = await Promise.allSettled([
      complete(chatId, reply, turn([bomWrite(null)])),
      complete(chatId, other, turn([bomWrite(null)])),
    ]);
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code),
    ).toEqual(['PT409']);
    const [row] = await admin`select count(*)::int as n from public.artifacts where chat_id = ${chatId}`;
    expect(row.n).toBe(1);
  });

  it('sets and clears stale marks, and saves nothing for a reply its owner stopped', async () => {
    const { user, chatId, reply } = await askedChat();
    const bom = (await complete(chatId, reply, turn([bomWrite(null)]))).versions[0];
    const mark = {
      reason: 'BOM v2 replaced DHT22',
      basedOn: { type: 'bom', version: 1 },
      current: { type: 'bom', version: 2 },
    };
    await complete(chatId, await ask(user, chatId, 'hi'), turn([], { stale: [{ artifactId: bom.artifactId, mark }] }));
    expect((await admin`select metadata from public.artifacts where id = ${bom.artifactId}`)[0].metadata).toEqual({
      stale: mark,
    });
    await complete(
      chatId,
      await ask(user, chatId, 'hi'),
      turn([], { stale: [{ artifactId: bom.artifactId, mark: null }] }),
    );
    expect((await admin`select metadata from public.artifacts where id = ${bom.artifactId}`)[0].metadata).toEqual({});

    const stopped = await ask(user, chatId, 'replace it');
    await as(user, (sql) => sql`select public.stop_reply(${chatId}, ${stopped})`, { commit: true });
    const result = await complete(
      chatId,
      stopped,
      turn([bomWrite({ artifactId: bom.artifactId, expectedVersion: 1 })]),
    );
    expect(result.status).toBe('stopped');
    expect(
      (await admin`select current_version from public.artifacts where id = ${bom.artifactId}`)[0].current_version,
    ).toBe(1);
  });

  it('is the agents’ path only, scoped to its chat, and its rows are invisible to another user', async () => {
    const { user, chatId, reply } = await askedChat();
    expect(
      await sqlstateOf(() => as(user, (sql) => sql`select public.complete_agent_turn(${chatId}, ${reply}, '{}')`)),
    ).toBe('42501');
    const elsewhere = await askedChat();
    const bom = (await complete(chatId, reply, turn([bomWrite(null)]))).versions[0];
    // A turn for another chat cannot version this chat's artifact.
    const foreign = bomWrite({ artifactId: bom.artifactId, expectedVersion: 1 });
    expect(await sqlstateOf(() => complete(elsewhere.chatId, elsewhere.reply, turn([foreign])))).toBe('PT404');
    // Nor can a wiring write land as a version of the BOM.
    const misfiled = { ...bomWrite({ artifactId: bom.artifactId, expectedVersion: 1 }), type: 'wiring' };
    const wiringReply = await ask(user, chatId, 'wiring');
    expect(await sqlstateOf(() => complete(chatId, wiringReply, turn([misfiled])))).toBe('PT404');
    const stranger = await createUser();
    const seen = await as(
      stranger,
      (sql) => sql`select
      (select count(*)::int from public.artifacts where chat_id = ${chatId}) as artifacts,
      (select count(*)::int from public.artifact_versions where artifact_id = ${bom.artifactId}) as versions,
      (select count(*)::int from public.parts where artifact_id = ${bom.artifactId}) as parts,
      (select count(*)::int from public.projects p join public.chats c on c.project_id = p.id where c.id = ${chatId}) as projects`,
    );
    expect(seen[0]).toEqual({ artifacts: 0, versions: 0, parts: 0, projects: 0 });
    const mine = await as(
      user,
      (sql) => sql`select count(*)::int as n from public.parts where artifact_id = ${bom.artifactId}`,
    );
    expect(mine[0].n).toBe(2);
  });
});
