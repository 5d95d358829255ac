// The turn runner against the real stack with a stub planner standing in for the design engine: the reply streams
// the plan's prose and is saved with its artifact in one turn; a version conflict re-plans once on the fresh state;
// a plan whose artifact breaks the contract saves a reply that says so, and no version.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { PlanTurnInput, TurnPlan } from '@/lib/agents/design/contract';
import type { Database } from '@/lib/supabase/database.types';
import { admin, api, as, createUser, newChat, type TestUser } from './fixtures.ts';
import { contextDoc } from '../support/designs.ts';
import { apiUrl, secretKey } from '../support/stack.ts';

import { pointAppAtStack } from '../support/app.ts';

vi.mock('server-only', () => ({}));
const { beginAgentTurn, speakPlannedReply, zeroUsage } = await import('@/lib/agents/turn/runner');
const { createOfflineAgent } = await import('@/lib/agents/turn/offline-agent');

beforeAll(() => pointAppAtStack());
afterAll(async () => {
  await api.end();
  await admin.end();
});
const service = () => createClient<Database>(apiUrl, secretKey, { auth: { persistSession: false } });

const owners = new Map<string, TestUser>();

/** A user message in a new chat (of a new user) or in `chatId`, as its owner. */
async function ask(text: string, chatId?: string) {
  const user = chatId ? owners.get(chatId)! : await createUser();
  const id = chatId ?? (await newChat(user));
  owners.set(id, user);
  const [question] = await as(user, (sql) => sql`select * from public.append_message(${id}, ${text})`, {
    commit: true,
  });
  return { chatId: id, question: { id: question.id as string, content: text } };
}

const context = contextDoc;
/** The engine's stand-in: a context document, created or versioned on whatever the state holds. */
function planContext(input: PlanTurnInput, json: unknown = context(input.message)): TurnPlan {
  const current = input.state.artifacts.context;
  return {
    intent: 'CONTEXT',
    agent: 'conversational',
    reply: `Noted: **${input.message}**. I wrote the project context.`,
    writes: [
      {
        type: 'context',
        title: 'Project context',
        base: current ? { artifactId: current.artifactId, expectedVersion: current.version } : null,
        content: `# ${input.message}`,
        contentJson: json,
        changeSummary: current ? `Updated from v${current.version}` : 'Initial version',
      },
    ],
    stale: [],
    projectName: 'ESP32 weather station',
    question: false,
  };
}
const classify = () => ({ intent: 'CONTEXT' as const, reason: 'test' });

type Agent = Parameters<typeof beginAgentTurn>[0]['agent'];
async function turn(q: Awaited<ReturnType<typeof ask>>, planTurn: ((input: PlanTurnInput) => TurnPlan) | Agent) {
  const agent = typeof planTurn === 'function' ? createOfflineAgent({ planTurn, delayMs: 0 }) : planTurn;
  const begun = await beginAgentTurn({
    client: service(),
    chatId: q.chatId,
    question: q.question,
    recent: [{ role: 'user', content: q.question.content }],
    agent,
    classify,
  });
  const deltas: string[] = [];
  const result = await begun.run({ onDelta: (d) => deltas.push(d) });
  return { ...result, deltas };
}

describe('the turn runner', () => {
  it('streams the plan’s reply and saves it with the artifact, naming the agent and the route', async () => {
    const q = await ask('ESP32 weather station');
    const result = await turn(q, (input) => planContext(input));
    expect(result.deltas.length).toBeGreaterThan(3);
    expect(result.deltas.join('')).toBe('Noted: **ESP32 weather station**. I wrote the project context.');
    expect(result.saved?.versions).toMatchObject([{ type: 'context', version: 1 }]);
    const [message] = await admin`select * from public.messages where id = ${result.id}`;
    expect(message).toMatchObject({ status: 'complete', agent_name: 'conversational', intent: 'CONTEXT' });
    expect(message.content).toBe(result.deltas.join(''));
    expect(message.metadata.route).toEqual({
      intent: 'CONTEXT',
      agent: 'conversational',
      reason: 'test',
      modelPath: false,
    });
    expect(message.output_tokens).toBeGreaterThan(0);
    const [project] =
      await admin`select p.name from public.projects p join public.chats c on c.project_id = p.id where c.id = ${q.chatId}`;
    expect(project.name).toBe('ESP32 weather station');
  });

  it('re-plans once on the fresh version when another writer got there first', async () => {
    const q = await ask('ESP32 weather station');
    const first = await turn(q, (input) => planContext(input));
    const artifactId = first.saved!.versions[0].artifactId;
    const next = await ask('add a BME280', q.chatId);
    let plans = 0;
    const result = await turn(next, (input) => {
      plans++;
      return planContext(input);
    }).then(async (r) => r);
    expect(plans).toBe(1);
    expect(result.saved?.versions[0].version).toBe(2);

    const racing = await ask('and an OLED', q.chatId);
    plans = 0;
    const raced = await turn(racing, {
      modelLabel: 'test',
      modelPath: false,
      async plan(input) {
        plans++;
        // Another tab saves v3 after this plan read v2: the runner's first save conflicts.
        if (plans === 1)
          await admin`select public.add_artifact_version(${artifactId}, 2, 'other tab', ${admin.json(context('other') as never)}, 'Other tab', null)`;
        return { plan: planContext(input), usage: zeroUsage };
      },
      speak: (plan, _input, signal) => speakPlannedReply(plan, signal, 0),
    });
    expect(plans).toBe(2);
    expect(raced.saved?.versions[0].version).toBe(4);
    const versions =
      await admin`select version_number from public.artifact_versions where artifact_id = ${artifactId} order by 1`;
    expect(versions.map((v) => v.version_number)).toEqual([1, 2, 3, 4]);
  });

  it('saves a clear reply and no version when the plan’s artifact breaks its shape', async () => {
    const q = await ask('ESP32 weather station');
    const result = await turn(q, (input) => planContext(input, { goal: '' }));
    const [message] =
      await admin`select status, content, created_artifact_ids from public.messages where id = ${result.id}`;
    expect(message.status).toBe('complete');
    expect(message.content).toMatch(/Nothing was saved: the context the agent wrote does not match its shape: goal/);
    expect(message.created_artifact_ids).toEqual([]);
    const [row] = await admin`select count(*)::int as n from public.artifacts where chat_id = ${q.chatId}`;
    expect(row.n).toBe(0);
  });
});

describe('the weather station story, offline, through the real engine and database', () => {
  it('writes context, BOM v1 and v2, wiring with its connections resolved, and code files in three units', async () => {
    const { planTurn } = await import('@/lib/agents/design/plan');
    const { classifyTurn } = await import('@/lib/agents/turn/choose');
    const first = await ask('Build an ESP32 weather station with a DHT22 and an OLED display');
    const chatId = first.chatId;
    const agent = createOfflineAgent({ planTurn, delayMs: 0 });
    const recent: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    const say = async (q: Awaited<ReturnType<typeof ask>>) => {
      recent.push({ role: 'user', content: q.question.content });
      const begun = await beginAgentTurn({
        client: service(),
        chatId,
        question: q.question,
        recent,
        agent,
        classify: classifyTurn,
      });
      const result = await begun.run();
      recent.push({ role: 'assistant', content: result.text });
      return { route: begun.route, saved: result.saved! };
    };
    const steps = [
      await say(first),
      await say(await ask('add a BME280', chatId)),
      await say(await ask('Generate the BOM', chatId)),
      await say(await ask('replace the DHT22 with a BME280', chatId)),
      await say(await ask('Now the wiring', chatId)),
      await say(await ask('Write the firmware', chatId)),
    ];
    expect(steps.map((s) => s.route.agent)).toEqual([
      'conversational',
      'conversational',
      'bomGenerator',
      'bomGenerator',
      'wiringGenerator',
      'codeGenerator',
    ]);
    const written = steps.map((s) => s.saved.versions.map((v) => `${v.type} v${v.version}`).join(', '));
    expect(written.slice(0, 4)).toEqual(['context v1', 'context v2', 'bom v1', 'bom v2']);
    expect(written[4]).toContain('wiring v1');
    expect(written[4]).toContain('circuit_diagram v1');
    expect(written[5]).toContain('code v1');

    const bomV2 = steps[3].saved.versions.find((v) => v.type === 'bom')!;
    const parts = await admin`select name from public.parts where artifact_version_id = ${bomV2.versionId}`;
    expect(parts.map((p) => p.name).join(' ')).not.toMatch(/DHT22/);
    const wiring = steps[4].saved.versions.find((v) => v.type === 'wiring')!;
    const [unresolved] =
      await admin`select count(*)::int as n, count(*) filter (where from_part_id is null or to_part_id is null)::int as missing
      from public.connections where artifact_version_id = ${wiring.versionId}`;
    expect(unresolved.n).toBeGreaterThan(3);
    expect(unresolved.missing).toBe(0);
    const code = steps[5].saved.versions.find((v) => v.type === 'code')!;
    const units =
      await admin`select distinct unit_number from public.code_files where artifact_version_id = ${code.versionId} order by 1`;
    expect(units.map((u) => u.unit_number)).toEqual([1, 2, 3]);
    const [project] =
      await admin`select p.name, p.total_parts from public.projects p join public.chats c on c.project_id = p.id where c.id = ${chatId}`;
    expect(project.name).toMatch(/weather station/i);
  });
});
