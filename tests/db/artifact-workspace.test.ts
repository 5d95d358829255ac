// The artifacts workspace in SQL: version numbers stay consecutive under 20 writers at once (one wins each round,
// the rest get the conflict), a restore never deletes and brings back exactly that version's parts, a user's BOM
// edit or restore marks what depended on it stale, bad input is refused with nothing saved, every change is
// broadcast on the chat's artifacts topic, a share shows nothing after its snapshot and a fork copies exactly it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

const commit = { commit: true };
const part = (ref: string, price = 4.5) => ({ name: ref.toUpperCase(), quantity: 1, price, specs: { ref } });
const bom = (refs: string[]) => ({ lines: refs.map((ref) => ({ ref })) });

type Design = { owner: TestUser; chatId: string; bomId: string; wiringId: string; replies: string[] };

/** A chat whose agent wrote BOM v1 (esp32, dht22) with wiring v1 on it, then BOM v2 (bme280) and v3 (+ oled). */
async function designChat(): Promise<Design> {
  const owner = await createUser();
  const [chat] = await as(
    owner,
    (sql) => sql`insert into public.chats (title) values ('Weather') returning id`,
    commit,
  );
  const replies: string[] = [];
  const turn = async (writes: unknown[]) => {
    const [question] = await as(owner, (sql) => sql`select * from public.append_message(${chat.id}, 'next')`, commit);
    const [reply] = await admin`insert into public.messages (chat_id, role, content, status, parent_id, agent_name)
      values (${chat.id}, 'assistant', '', 'streaming', ${question.id}, 'bomGenerator') returning id`;
    replies.push(reply.id);
    const body = { content: 'Done.', agent: { name: 'bomGenerator', model: 'ohm/offline-1' }, writes, stale: [] };
    const [row] =
      await admin`select public.complete_agent_turn(${chat.id}, ${reply.id}, ${admin.json(body as never)}) as r`;
    return row.r.versions as Array<{ artifactId: string; version: number }>;
  };
  const bomWrite = (refs: string[], base: number | null, bomId?: string) => ({
    type: 'bom',
    title: 'Weather BOM',
    base: base ? { artifactId: bomId, expectedVersion: base } : null,
    content: null,
    contentJson: bom(refs),
    changeSummary: base ? `Now ${refs.join(', ')}` : 'Initial version',
    parts: refs.map((ref) => part(ref)),
  });
  const [first] = await turn([bomWrite(['esp32', 'dht22'], null)]);
  const [wiring] = await turn([
    {
      type: 'wiring',
      title: 'Wiring',
      base: null,
      content: null,
      contentJson: { bomVersion: 1 },
      changeSummary: 'Initial version',
      connections: [{ sequence_number: 1, from_ref: 'esp32', from_pin: 'GPIO4', to_ref: 'dht22', to_pin: 'DATA' }],
    },
  ]);
  await turn([bomWrite(['esp32', 'bme280'], 1, first.artifactId)]);
  await turn([bomWrite(['esp32', 'bme280', 'oled'], 2, first.artifactId)]);
  return { owner, chatId: chat.id, bomId: first.artifactId, wiringId: wiring.artifactId, replies };
}

const save = (who: TestUser, artifactId: string, expected: number, json: unknown, rows: unknown = {}) =>
  as(
    who,
    (sql) =>
      sql`select * from public.save_artifact_version(${artifactId}, ${expected}, null, ${sql.json(json as never)}, 'My edit', ${sql.json(rows as never)})`,
    commit,
  );
const versionsOf = async (artifactId: string) =>
  (await admin`select version_number from public.artifact_versions where artifact_id = ${artifactId} order by 1`).map(
    (v) => v.version_number,
  );

let design: Design;
beforeAll(async () => {
  design = await designChat();
});

describe('writers and restores', () => {
  it('keeps version numbers consecutive under 20 concurrent writers: one wins each round, the others conflict', async () => {
    const { owner, wiringId } = await designChat();
    for (let round = 0; round < 3; round++) {
      const expected = 1 + round;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => save(owner, wiringId, expected, { bomVersion: 1, writer: i })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => r.reason.code)).toEqual(Array(19).fill('PT409'));
    }
    expect(await versionsOf(wiringId)).toEqual([1, 2, 3, 4]);
    const [head] = await admin`select current_version, total_versions from public.artifacts where id = ${wiringId}`;
    expect(head).toEqual({ current_version: 4, total_versions: 4 });
  });

  it('restores v1 as v4 by the user, deleting nothing, with exactly v1 parts, and marks the wiring stale', async () => {
    const { owner, bomId, wiringId } = await designChat();
    const [restored] = await as(
      owner,
      (sql) => sql`select * from public.restore_artifact_version(${bomId}, 1, 3)`,
      commit,
    );
    expect(restored).toMatchObject({ version_number: 4, change_summary: 'Restored v1', author: 'user' });
    expect(restored.content_json).toEqual(bom(['esp32', 'dht22']));
    expect(await versionsOf(bomId)).toEqual([1, 2, 3, 4]);
    const partsOf = async (n: number) =>
      (
        await admin`select p.name, p.price, p.specs->>'ref' as ref from public.parts p
          join public.artifact_versions v on v.id = p.artifact_version_id
          where v.artifact_id = ${bomId} and v.version_number = ${n} order by p.name`
      ).map((p) => ({ ...p }));
    expect(await partsOf(4)).toEqual(await partsOf(1));
    expect((await partsOf(4)).map((p) => p.ref)).toEqual(['dht22', 'esp32']);
    expect(await partsOf(3)).toHaveLength(3);
    const [wiring] = await admin`select metadata->'stale' as stale from public.artifacts where id = ${wiringId}`;
    expect(wiring.stale).toEqual({
      reason: 'BOM v4 restored v1',
      basedOn: { type: 'bom', version: 1 },
      current: { type: 'bom', version: 4 },
    });
  });

  it('saves a user edit with its rows, and refuses bad input clearly with nothing saved', async () => {
    const { owner, bomId, wiringId, chatId } = await designChat();
    const [edited] = await save(owner, bomId, 3, bom(['esp32', 'sht31']), { parts: [part('esp32'), part('sht31', 6)] });
    expect(edited).toMatchObject({ version_number: 4, author: 'user', change_summary: 'My edit' });
    const rows =
      await admin`select specs->>'ref' as ref from public.parts where artifact_version_id = ${edited.id} order by 1`;
    expect(rows.map((r) => r.ref)).toEqual(['esp32', 'sht31']);
    const [stale] =
      await admin`select metadata #>> '{stale,reason}' as reason from public.artifacts where id = ${wiringId}`;
    expect(stale.reason).toBe('BOM v4: My edit');

    const stranger = await createUser();
    const refusal = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return null;
      } catch (error) {
        return { code: (error as { code: string }).code, message: (error as Error).message };
      }
    };
    const restore = (who: TestUser, n: number, expected: number) =>
      as(who, (sql) => sql`select * from public.restore_artifact_version(${bomId}, ${n}, ${expected})`, commit);
    expect(await refusal(() => restore(owner, 9, 4))).toEqual({
      code: 'PT404',
      message: 'Weather BOM has no version 9: its versions are 1 to 4',
    });
    expect(await refusal(() => restore(owner, 4, 4))).toMatchObject({
      code: '22023',
      message: expect.stringContaining('already the current'),
    });
    expect(await sqlstateOf(() => restore(stranger, 1, 4))).toBe('PT404');
    expect(await sqlstateOf(() => save(owner, bomId, 2, bom(['late'])))).toBe('PT409');
    expect(
      await refusal(() =>
        as(
          owner,
          (sql) => sql`select public.save_artifact_version(${bomId}, 4, ${'x'.repeat(200_001)}, null, 'Big')`,
          commit,
        ),
      ),
    ).toEqual({ code: 'PT413', message: 'this document is 200001 characters long; the limit is 200,000' });
    await admin`update public.artifacts set is_visible = false where id = ${bomId}`;
    expect(await refusal(() => save(owner, bomId, 4, bom(['gone'])))).toMatchObject({
      code: 'PT404',
      message: expect.stringContaining('was deleted'),
    });
    expect(await versionsOf(bomId)).toEqual([1, 2, 3, 4]);
    const [counts] =
      await admin`select count(*)::int as n from public.parts p join public.artifacts a on a.id = p.artifact_id where a.chat_id = ${chatId}`;
    expect(counts.n).toBe(2 + 2 + 3 + 2);
  });

  it('broadcasts each new version, restore and stale mark on the chat artifacts topic, for the owner only', async () => {
    const { owner, bomId, chatId } = await designChat();
    const topic = `chat:${chatId}:artifacts`;
    const before = await admin`select count(*)::int as n from realtime.messages where topic = ${topic}`;
    await as(owner, (sql) => sql`select public.restore_artifact_version(${bomId}, 2, 3)`, commit);
    const sent =
      await admin`select event, payload from realtime.messages where topic = ${topic} order by inserted_at offset ${before[0].n}`;
    expect(sent.map((m) => m.event)).toEqual(['artifact_changed', 'artifact_changed']);
    // One transaction, one inserted_at: order them by type.
    const byType = [...sent].sort((a, b) => a.payload.type.localeCompare(b.payload.type));
    expect(byType.map((m) => [m.payload.type, m.payload.current_version])).toEqual([
      ['bom', 4],
      ['wiring', 1],
    ]);
    expect(byType[1].payload.stale.current).toEqual({ type: 'bom', version: 4 });
    const stranger = await createUser();
    const read = (who: TestUser) =>
      as(who, async (sql) => {
        await sql`select set_config('realtime.topic', ${topic}, true)`;
        return sql`select count(*)::int as n from realtime.messages where topic = ${topic}`;
      });
    expect((await read(owner))[0].n).toBeGreaterThan(0);
    expect((await read(stranger))[0].n).toBe(0);
  });
});

describe('panel reads', () => {
  it('returns the grouped heads, one version with its author, and a keyset page of the timeline', async () => {
    const { owner, chatId, bomId } = design;
    const panel = async (args: { version?: number; before?: number; limit?: number }) =>
      (
        await as(
          owner,
          (sql) =>
            sql`select public.get_artifact_panel(${chatId}, ${bomId}, ${args.version ?? null}, ${args.before ?? null}, ${args.limit ?? 30}) as p`,
        )
      )[0].p;
    const first = await panel({ version: 1, limit: 2 });
    expect(first.artifacts.map((a: { type: string }) => a.type)).toEqual(['bom', 'wiring']);
    expect(first.version).toMatchObject({
      version_number: 1,
      author: 'agent',
      agent_name: 'bomGenerator',
      agent_model: 'ohm/offline-1',
    });
    expect(first.timeline.map((t: { version_number: number }) => t.version_number)).toEqual([3, 2]);
    const older = await panel({ before: 2, limit: 2 });
    expect(older.timeline.map((t: { version_number: number }) => t.version_number)).toEqual([1]);
    expect(await sqlstateOf(() => panel({ version: 7 }))).toBe('PT404');
    const stranger = await createUser();
    expect(
      await sqlstateOf(() => as(stranger, (sql) => sql`select public.get_artifact_panel(${chatId}, ${bomId})`)),
    ).toBe('PT404');
  });
});

describe('shares and forks', () => {
  it('a share shows the artifacts as of its snapshot, and a fork copies exactly those', async () => {
    const { owner, chatId, bomId, wiringId } = await designChat();
    const [share] = await as(owner, (sql) => sql`select * from public.create_share(${chatId})`, commit);
    // Later work by the owner: a restore (BOM v4), which marks the wiring (still v1, as in the snapshot) stale.
    await as(owner, (sql) => sql`select public.restore_artifact_version(${bomId}, 1, 3)`, commit);
    const [marked] = await admin`select metadata ? 'stale' as stale from public.artifacts where id = ${wiringId}`;
    expect(marked.stale).toBe(true);

    const shared = async (artifactId: string | null, version: number | null = null) =>
      (
        await as(
          'anon',
          (sql) => sql`select public.get_shared_artifact_panel(${share.share_token}, ${artifactId}, ${version}) as p`,
        )
      )[0].p;
    const heads = await shared(null);
    expect(heads.artifacts.map((a: { type: string; current_version: number }) => [a.type, a.current_version])).toEqual([
      ['bom', 3],
      ['wiring', 1],
    ]);
    expect(heads.artifacts[1].stale).toBeNull();
    const bomPanel = await shared(bomId);
    expect(bomPanel.version.version_number).toBe(3);
    expect(bomPanel.timeline.map((t: { version_number: number }) => t.version_number)).toEqual([3, 2, 1]);
    expect(await sqlstateOf(() => shared(bomId, 4))).toBe('PT404');

    const forker = await createUser();
    const [{ fork_chat: forkId }] = await as(
      forker,
      (sql) => sql`select public.fork_chat(${share.share_token})`,
      commit,
    );
    const copied = await as(
      forker,
      (
        sql,
      ) => sql`select a.type, a.current_version, a.metadata ? 'stale' as stale, array_agg(v.version_number order by v.version_number) as versions
        from public.artifacts a join public.artifact_versions v on v.artifact_id = a.id
       where a.chat_id = ${forkId} group by a.id order by a.type`,
    );
    expect(copied.map((c) => ({ ...c }))).toEqual([
      { type: 'bom', current_version: 3, stale: false, versions: [1, 2, 3] },
      { type: 'wiring', current_version: 1, stale: false, versions: [1] },
    ]);
    const rows = await as(
      forker,
      (sql) => sql`select v.version_number, count(p.id)::int as parts
        from public.artifact_versions v join public.artifacts a on a.id = v.artifact_id
        left join public.parts p on p.artifact_version_id = v.id
       where a.chat_id = ${forkId} and a.type = 'bom' group by 1 order by 1`,
    );
    expect(rows.map((r) => r.parts)).toEqual([2, 2, 3]);
    const [wire] = await as(
      forker,
      (sql) => sql`select c.from_pin, fp.specs->>'ref' as from_ref, tp.user_id = ${forker.id} as owned
        from public.connections c join public.artifacts a on a.id = c.artifact_id
        join public.parts fp on fp.id = c.from_part_id join public.parts tp on tp.id = c.to_part_id
       where a.chat_id = ${forkId}`,
    );
    expect(wire).toEqual({ from_pin: 'GPIO4', from_ref: 'esp32', owned: true });
  });
});
