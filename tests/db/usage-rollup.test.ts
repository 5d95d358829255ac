// public.usage_daily against the real database: after a mixed workload (streaming replies finished with their final
// tokens, regenerations, edits, stops, backdated replies, a fork and its own replies, a chat joining a project,
// deletions) the rollup equals a full recount of the messages; the seed's analytics views agree with it; a later
// price never changes a past reply's cost; an unknown model is unpriced, never free; nobody reads another's usage.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';

const commit = { commit: true };
const testModels: string[] = [];

afterAll(async () => {
  if (testModels.length) await admin`delete from public.model_prices where model in ${admin(testModels)}`;
  await api.end();
  await admin.end();
});

async function newChat(owner: TestUser, projectId: string | null = null): Promise<string> {
  const [chat] = await as(
    owner,
    (sql) => sql`insert into public.chats (title, project_id) values ('Usage chat', ${projectId}) returning id`,
    commit,
  );
  return chat.id;
}

async function ask(chatId: string, parentId: string | null = null): Promise<string> {
  const [m] = await as(
    'service_role',
    (sql) =>
      sql`insert into public.messages (chat_id, role, content, parent_id) values (${chatId}, 'user', 'Which sensor?', ${parentId}) returning id`,
    commit,
  );
  return m.id;
}

type Reply = { agent?: string; model?: string; input?: number; output?: number; read?: number; write?: number };

async function reply(chatId: string, parentId: string | null, r: Reply = {}, status = 'complete'): Promise<string> {
  const [m] = await as(
    'service_role',
    (sql) => sql`
      insert into public.messages (chat_id, role, content, parent_id, agent_name, agent_model, input_tokens,
        output_tokens, input_cache_read_tokens, input_cache_write_tokens, status)
      values (${chatId}, 'assistant', 'A BME280.', ${parentId}, ${r.agent ?? 'conversational'},
        ${r.model ?? 'anthropic/claude-sonnet-4-5'}, ${r.input ?? 100}, ${r.output ?? 50}, ${r.read ?? 0},
        ${r.write ?? 0}, ${status}) returning id`,
    commit,
  );
  return m.id;
}

async function service(fn: Parameters<typeof as>[1]) {
  return as('service_role', fn, commit);
}

/** The rollup and the recount for these users, as comparable sorted rows. */
async function rollupAndRecount(userIds: string[]) {
  const shape = (rows: Record<string, unknown>[]) =>
    rows
      .map((r) => JSON.stringify({ ...r, cost: Number(r.cost).toFixed(8) }))
      .sort()
      .map((r) => JSON.parse(r));
  const cols = admin`chat_id, day::text, agent_name, agent_model, user_id, project_id, messages::int, unpriced_messages::int,
    input_uncached_tokens::int, cache_read_tokens::int, cache_write_tokens::int, output_tokens::int, cost`;
  const rollup = await admin`select ${cols} from public.usage_daily where user_id in ${admin(userIds)}`;
  const recount = await admin`select ${cols} from private.usage_recount where user_id in ${admin(userIds)}`;
  // The coarser rollups always equal the daily rollup summed.
  const users = admin(userIds);
  const coarse = admin`sum(messages)::int as messages, sum(unpriced_messages)::int as unpriced_messages,
    sum(output_tokens)::int as output_tokens, sum(cost) as cost`;
  const byModel = admin`user_id, day::text, agent_name, agent_model`;
  expect(
    shape(
      await admin`select ${byModel}, ${coarse} from public.usage_daily_totals where user_id in ${users} group by 1, 2, 3, 4`,
    ),
  ).toEqual(
    shape(
      await admin`select ${byModel}, ${coarse} from public.usage_daily where user_id in ${users} group by 1, 2, 3, 4`,
    ),
  );
  const byChat = admin`user_id, day::text, chat_id`;
  expect(
    shape(
      await admin`select ${byChat}, ${coarse} from public.usage_daily_chats where user_id in ${users} group by 1, 2, 3`,
    ),
  ).toEqual(
    shape(await admin`select ${byChat}, ${coarse} from public.usage_daily where user_id in ${users} group by 1, 2, 3`),
  );
  const byProject = admin`user_id, day::text, project_id`;
  expect(
    shape(
      await admin`select ${byProject}, ${coarse} from public.usage_daily_projects where user_id in ${users} group by 1, 2, 3`,
    ),
  ).toEqual(
    shape(
      await admin`select ${byProject}, ${coarse} from public.usage_daily where user_id in ${users} and project_id is not null group by 1, 2, 3`,
    ),
  );
  return { rollup: shape(rollup), recount: shape(recount) };
}

describe('the daily usage rollup', () => {
  it('equals a full recount after a mixed workload', async () => {
    const owner = await createUser();
    const forker = await createUser();
    const [project] = await as(
      owner,
      (sql) => sql`insert into public.projects (name, target_budget) values ('Weather station', 40) returning id`,
      commit,
    );
    const chat = await newChat(owner, project.id);
    const loose = await newChat(owner);

    const q1 = await ask(chat);
    await reply(chat, q1, { agent: 'orchestrator', model: 'openai/gpt-4o-mini', input: 900, read: 400, output: 30 });
    // A streaming reply: many delta updates, tokens arriving mid-stream, then its final tokens. Counted once.
    const streaming = await reply(chat, q1, { agent: 'bomGenerator', input: 0, output: 0 }, 'streaming');
    for (let i = 0; i < 5; i += 1) {
      await service((sql) => sql`update public.messages set content = ${'BOM '.repeat(i + 1)} where id = ${streaming}`);
    }
    await service((sql) => sql`update public.messages set output_tokens = 10 where id = ${streaming}`);
    expect((await rollupAndRecount([owner.id])).rollup.filter((r) => r.agent_name === 'bomGenerator')).toEqual([]);
    await service(
      (sql) => sql`update public.messages set status = 'complete', input_tokens = 2000, input_cache_read_tokens = 1500,
        input_cache_write_tokens = 300, output_tokens = 700 where id = ${streaming}`,
    );
    // A regeneration (a sibling reply) and an edit (a sibling question with its own reply).
    await reply(chat, q1, { agent: 'bomGenerator', input: 2100, output: 650 });
    const edited = await ask(chat, null);
    await reply(chat, edited, { model: 'anthropic/claude-opus-4-5', input: 300, write: 200, output: 90 });
    // A reply the user stopped, and one on a model with no price.
    await reply(chat, edited, { input: 0, output: 0 }, 'streaming').then((id) =>
      service((sql) => sql`update public.messages set status = 'interrupted' where id = ${id}`),
    );
    await reply(chat, edited, { model: 'acme/unknown-model', input: 10, output: 10 });
    // A reply written two days ago (the rollup moves it to its day).
    const old = await reply(loose, await ask(loose), { agent: 'codeGenerator', input: 500, output: 400 });
    await service((sql) => sql`update public.messages set created_at = now() - interval '2 days' where id = ${old}`);
    const doomed = await ask(loose);
    await reply(loose, doomed, { agent: 'codeGenerator', input: 50, output: 40 });

    // A fork: the copies are the owner's spending, not the forker's; the forker's own reply is theirs.
    const [share] = await as(owner, (sql) => sql`select * from public.create_share(${chat})`, commit);
    const forked = await as(
      forker,
      async (sql) => (await sql`select public.fork_chat(${share.share_token}) as id`)[0].id as string,
      commit,
    );
    await reply(forked, await ask(forked), { input: 70, output: 20 });

    // The loose chat joins the project; a question is deleted with its reply; then the forked chat is deleted.
    await service((sql) => sql`update public.chats set project_id = ${project.id} where id = ${loose}`);
    await service((sql) => sql`delete from public.messages where id = ${doomed}`);
    let { rollup, recount } = await rollupAndRecount([owner.id, forker.id]);
    expect(rollup).toEqual(recount);
    expect(rollup.every((r) => r.project_id === project.id || r.user_id === forker.id)).toBe(true);
    expect(rollup.filter((r) => r.user_id === forker.id).map((r) => r.messages)).toEqual([1]);
    expect(rollup.filter((r) => r.agent_name === 'bomGenerator').map((r) => r.messages)).toEqual([2]);
    expect(rollup.filter((r) => r.agent_name === 'codeGenerator').map((r) => r.messages)).toEqual([1]);
    expect(new Set(rollup.map((r) => r.day)).size).toBe(2);

    await as(forker, (sql) => sql`delete from public.chats where id = ${forked}`, commit);
    await service((sql) => sql`delete from public.messages where id = ${streaming}`);
    ({ rollup, recount } = await rollupAndRecount([owner.id, forker.id]));
    expect(rollup).toEqual(recount);
    expect(rollup.filter((r) => r.user_id === forker.id)).toEqual([]);

    // The seed document's three analytics views agree with the rollup.
    const sum = (key: string, pick: (r: Record<string, number>) => boolean = () => true) =>
      rollup.filter(pick).reduce((s, r) => s + Number(r[key]), 0);
    const byAgent = await as(owner, (sql) => sql`select * from public.usage_by_agent order by agent_name`);
    for (const row of byAgent) {
      const mine = (r: Record<string, unknown>) => r.agent_name === row.agent_name;
      expect(Number(row.message_count)).toBe(sum('messages', mine));
      expect(Number(row.output_tokens)).toBe(sum('output_tokens', mine));
      expect(Number(row.cost)).toBeCloseTo(sum('cost', mine), 6);
    }
    const byChat = await as(owner, (sql) => sql`select * from public.usage_by_chat`);
    expect(byChat.map((r) => r.chat_id).sort()).toEqual([chat, loose].sort());
    for (const row of byChat) {
      const mine = (r: Record<string, unknown>) => r.chat_id === row.chat_id;
      expect(Number(row.input_tokens)).toBe(
        sum('input_uncached_tokens', mine) + sum('cache_read_tokens', mine) + sum('cache_write_tokens', mine),
      );
      expect(Number(row.cost)).toBeCloseTo(sum('cost', mine), 6);
    }
    const byModel = await as(owner, (sql) => sql`select * from public.usage_by_model`);
    expect(byModel.find((r) => r.agent_model === 'acme/unknown-model')).toMatchObject({ unpriced: true });

    // The KPI panel: the unknown model's reply is an unpriced call, and it adds nothing to the cost.
    const [totals] = await as(
      owner,
      (sql) => sql`select * from public.insights_totals(current_date - 7, current_date)`,
    );
    expect(Number(totals.messages)).toBe(sum('messages'));
    expect(Number(totals.unpriced_messages)).toBe(1);
    expect(Number(totals.cost)).toBeCloseTo(sum('cost'), 6);
    const [topProject] = await as(
      owner,
      (sql) => sql`select * from public.insights_top_projects(current_date - 7, current_date)`,
    );
    expect(topProject).toMatchObject({ project_id: project.id, name: 'Weather station' });
    // A project filter (read from the chat-level rollup) and an agent filter (from the totals) agree with it.
    const [inProject] = await as(
      owner,
      (sql) => sql`select * from public.insights_totals(current_date - 7, current_date, p_project => ${project.id})`,
    );
    expect(Number(inProject.cost)).toBeCloseTo(
      sum('cost', (r) => r.project_id === project.id),
      6,
    );
    const [bomOnly] = await as(
      owner,
      (sql) => sql`select * from public.insights_top_projects(current_date - 7, current_date, 10, 'bomGenerator')`,
    );
    expect(Number(bomOnly.messages)).toBe(1);
    const topChats = await as(
      owner,
      (sql) => sql`select * from public.insights_top_chats(current_date - 7, current_date)`,
    );
    expect(topChats.map((r) => r.chat_id)).toEqual([chat, loose]);
    const [bomChat] = await as(
      owner,
      (sql) => sql`select * from public.insights_top_chats(current_date - 7, current_date, 10, 'bomGenerator')`,
    );
    expect(Number(bomChat.messages)).toBe(1);
    expect(Number(topProject.target_budget)).toBe(40);
  });

  it('prices a reply by the rate in force when it was written, so a later price never changes it', async () => {
    const model = `test/model-${randomUUID().slice(0, 8)}`;
    testModels.push(model);
    await admin`insert into public.model_prices (model, input_per_1k, output_per_1k, cache_read_per_1k, effective_from)
      values (${model}, 0.001, 0.002, 0.0001, current_date - 10)`;
    const owner = await createUser();
    const chat = await newChat(owner);
    const q = await ask(chat);
    const first = await reply(chat, q, { model, input: 1000, read: 600, output: 500 });
    // 400 uncached at 0.001, 600 cache reads at 0.0001, 500 output at 0.002 (per 1K).
    const expected = 0.4 * 0.001 + 0.6 * 0.0001 + 0.5 * 0.002;
    const costOf = async (id: string) =>
      Number((await admin`select cost from public.messages where id = ${id}`)[0].cost);
    expect(await costOf(first)).toBeCloseTo(expected, 8);

    // The price goes up from today: new replies pay it, the first keeps its price (and so does the rollup).
    await admin`insert into public.model_prices (model, input_per_1k, output_per_1k, effective_from)
      values (${model}, 0.01, 0.02, current_date)`;
    const second = await reply(chat, q, { model, input: 1000, output: 500 });
    expect(await costOf(second)).toBeCloseTo(1 * 0.01 + 0.5 * 0.02, 8);
    await service((sql) => sql`update public.messages set content = 'Edited text only' where id = ${first}`);
    expect(await costOf(first)).toBeCloseTo(expected, 8);
    const [day] = await admin`select sum(cost) as cost from public.usage_daily where chat_id = ${chat}`;
    expect(Number(day.cost)).toBeCloseTo(expected + 0.02, 8);

    // A reply written before the model's first price is unpriced: no cost, counted as an unpriced call.
    const early = await reply(chat, q, { model, input: 10, output: 10 });
    await service((sql) => sql`update public.messages set created_at = now() - interval '30 days' where id = ${early}`);
    expect((await admin`select cost from public.messages where id = ${early}`)[0].cost).toBeNull();
    const { rollup, recount } = await rollupAndRecount([owner.id]);
    expect(rollup).toEqual(recount);
    expect(rollup.reduce((s, r) => s + r.unpriced_messages, 0)).toBe(1);
  });

  it('shows each user only their own usage; the service path sees everyone', async () => {
    const alice = await createUser();
    const bob = await createUser();
    const chat = await newChat(alice);
    await reply(chat, await ask(chat), { input: 100, output: 100 });

    expect(await as(bob, (sql) => sql`select * from public.usage_daily`)).toEqual([]);
    expect(await as(bob, (sql) => sql`select * from public.usage_daily_totals`)).toEqual([]);
    expect(await as(bob, (sql) => sql`select * from public.usage_daily_projects`)).toEqual([]);
    expect(await as(bob, (sql) => sql`select * from public.usage_daily_chats`)).toEqual([]);
    const [bobTotals] = await as(
      bob,
      (sql) => sql`select * from public.insights_totals(current_date - 1, current_date)`,
    );
    expect(Number(bobTotals.messages)).toBe(0);
    expect(
      await as(bob, (sql) => sql`select * from public.insights_top_chats(current_date - 1, current_date)`),
    ).toEqual([]);
    const mine = await as(alice, (sql) => sql`select chat_id from public.usage_daily`);
    expect(mine.map((r) => r.chat_id)).toEqual([chat]);
    const team = await as('service_role', (sql) => sql`select distinct user_id from public.usage_daily`);
    expect(team.map((r) => r.user_id)).toContain(alice.id);

    expect(await sqlstateOf(() => as(alice, (sql) => sql`update public.usage_daily set cost = 0`))).toBe('42501');
    expect(
      await sqlstateOf(() => as(alice, (sql) => sql`update public.messages set cost = 0 where chat_id = ${chat}`)),
    ).toBe('42501');
    expect(
      await sqlstateOf(() =>
        as('anon', (sql) => sql`select * from public.insights_totals(current_date, current_date)`),
      ),
    ).toBe('42501');
  });
});
