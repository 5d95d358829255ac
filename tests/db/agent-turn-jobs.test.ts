// The in-process agents write through the agent API's job functions (supabase/migrations/*in_process_agents_write_
// through_jobs): every reply opens a job of the built-in service `ohm` bound to its chat and user message, its
// saves and its finish are public.agent_job_write calls, and the job settles with the reply (complete, stopped,
// silent). The job's scope is the database's: a turn cannot version another chat's artifact, and no key opens the
// built-in service.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { PlanTurnInput, TurnPlan } from '@/lib/agents/design/contract';
import type { Database } from '@/lib/supabase/database.types';
import { admin, api, as, createUser, newChat, sqlstateOf, type TestUser } from './fixtures.ts';
import { contextDoc } from '../support/designs.ts';
import { apiUrl, secretKey } from '../support/stack.ts';
import { pointAppAtStack } from '../support/app.ts';

vi.mock('server-only', () => ({}));
const { beginAgentTurn } = await import('@/lib/agents/turn/runner');
const { createOfflineAgent } = await import('@/lib/agents/turn/offline-agent');
const { beginAgentReply } = await import('@/lib/agents/reply-writer');
const { createOfflineModel } = await import('@/lib/agents/offline-model');

beforeAll(() => pointAppAtStack());
afterAll(async () => {
  await api.end();
  await admin.end();
});

async function ask(user: TestUser, text: string) {
  const chatId = await newChat(user);
  const [question] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, ${text})`, {
    commit: true,
  });
  return { chatId, question: { id: question.id as string, content: text } };
}

const jobOf = async (replyId: string) => {
  const [job] = await admin`select j.*, s.name as service, s.built_in from private.agent_jobs j
    join private.agent_services s on s.id = j.service_id where j.reply_message_id = ${replyId}`;
  return job;
};

/** A plan that writes a context document, optionally versioning `foreign` (an artifact of another chat) instead. */
function planContext(input: PlanTurnInput, foreign?: { artifactId: string }): TurnPlan {
  return {
    intent: 'CONTEXT',
    agent: 'conversational',
    reply: 'I wrote the project context.',
    writes: [
      {
        type: 'context',
        title: 'Project context',
        base: foreign ? { artifactId: foreign.artifactId, expectedVersion: 1 } : null,
        content: `# ${input.message}`,
        contentJson: contextDoc(input.message),
        changeSummary: foreign ? 'Sneaky' : 'Initial version',
      },
    ],
    stale: [],
    projectName: 'Clock',
    question: false,
  };
}

function turnOn(q: Awaited<ReturnType<typeof ask>>, planTurn: (input: PlanTurnInput) => TurnPlan) {
  return beginAgentTurn({
    client: createClient<Database>(apiUrl, secretKey, { auth: { persistSession: false } }),
    chatId: q.chatId,
    question: q.question,
    recent: [{ role: 'user', content: q.question.content }],
    agent: createOfflineAgent({ planTurn, delayMs: 0 }),
    classify: () => ({ intent: 'CONTEXT' as const, reason: 'test' }),
  });
}

describe('in-process replies as jobs of the built-in agent service', () => {
  it('open a job bound to the chat and message, write through agent_job_write, and settle it complete', async () => {
    const q = await ask(await createUser(), 'An ESP32 clock');
    const begun = await turnOn(q, (input) => planContext(input));
    const open = await jobOf(begun.id);
    expect(open).toMatchObject({
      service: 'ohm',
      built_in: true,
      status: 'open',
      chat_id: q.chatId,
      message_id: q.question.id,
      intent: 'CONTEXT',
      agent_name: 'conversational',
    });
    const result = await begun.run();
    expect(result.saved?.versions).toMatchObject([{ type: 'context', version: 1 }]);
    const done = await jobOf(begun.id);
    expect(done.status).toBe('complete');
    expect(done.finished_at).not.toBeNull();
    const writes = await admin`select idempotency_key from private.agent_job_writes where job_id = ${done.id}
      order by created_at`;
    // The text saves' records go once the reply has ended; the start and the finish stay answerable to a retry.
    expect(writes.map((w) => String(w.idempotency_key).split(':')[0])).toEqual(['reply.start', 'reply.finish']);
    const [reply] = await admin`select status, agent_model, agent_icon, idempotency_key from public.messages
      where id = ${begun.id}`;
    expect(reply).toMatchObject({ status: 'complete', agent_icon: '💬', idempotency_key: `reply:${q.question.id}` });
    expect(reply.agent_model).not.toBe('ohm');
  });

  it('end the job with the reply when its owner presses Stop, and when it falls silent past its deadline', async () => {
    const user = await createUser();
    const stoppedQ = await ask(user, 'Keep talking');
    const target = (q: typeof stoppedQ) => ({
      chatId: q.chatId,
      replyTo: q.question.id,
      modelLabel: 'ohm/offline-1',
      route: { intent: 'CHAT' as const, agent: 'conversational' as const },
      history: [{ role: 'user' as const, content: q.question.content }],
    });
    const reply = await beginAgentReply(target(stoppedQ));
    let deltas = 0;
    let stopping: Promise<unknown> | null = null;
    const result = await reply.run({
      model: createOfflineModel({ delayMs: 15 }),
      onDelta: () => {
        if (++deltas === 20)
          stopping = as(user, (sql) => sql`select public.stop_reply(${stoppedQ.chatId}, ${reply.id})`, {
            commit: true,
          });
      },
    });
    await stopping;
    expect(result.status).toBe('interrupted');
    expect((await jobOf(reply.id)).status).toBe('interrupted');

    const silentQ = await ask(user, 'Say something');
    const silent = await beginAgentReply(target(silentQ));
    await admin`update private.agent_jobs set last_seen_at = now() - interval '1 minute'
      where reply_message_id = ${silent.id}`;
    const late = await silent.run({ model: createOfflineModel({ delayMs: 0 }) });
    expect(late.status).toBe('interrupted');
    const [message] = await admin`select status from public.messages where id = ${silent.id}`;
    expect([message.status, (await jobOf(silent.id)).status]).toEqual(['interrupted', 'interrupted']);
  });

  it('keep a job to its chat: a turn versioning another chat’s artifact writes nothing, and no key opens ohm', async () => {
    const user = await createUser();
    const other = await ask(user, 'The other project');
    const first = await turnOn(other, (input) => planContext(input));
    const written = await first.run();
    const foreignId = written.saved!.versions[0].artifactId;

    const q = await ask(user, 'An ESP32 clock');
    const begun = await turnOn(q, (input) => planContext(input, { artifactId: foreignId }));
    await expect(begun.run()).rejects.toThrow(/has no context artifact/);
    const [foreign] = await admin`select current_version from public.artifacts where id = ${foreignId}`;
    expect(foreign.current_version).toBe(1);
    const mine = await admin`select id from public.artifacts where chat_id = ${q.chatId}`;
    expect(mine).toHaveLength(0);

    // The job's own ops refuse it too: another chat's artifact is not this job's to version.
    const job = (
      await beginAgentReply({
        chatId: q.chatId,
        replyTo: q.question.id,
        key: 'regenerate:scope',
        modelLabel: 'ohm/offline-1',
        route: { intent: 'CHAT', agent: 'conversational' },
        history: [],
      })
    ).job;
    const sneaky = await job.write({
      op: 'artifact.version',
      key: 'sneaky',
      body: { type: 'context', title: 'x', artifact_id: foreignId, expected_version: 1, content: 'x' },
    });
    expect(sneaky.error?.code).toBe('PT404');
    const service = () =>
      as('service_role', (sql) => sql`select public.claim_agent_job('built-in: no key opens this service')`);
    expect(await sqlstateOf(service)).toBe('PT401');
    const handOff = () =>
      as(
        'service_role',
        (sql) => sql`select public.create_agent_job('ohm', ${q.chatId}, ${q.question.id}, 'CHAT', 'x')`,
      );
    expect(await sqlstateOf(handOff)).toBe('PT404');
    const [revoked] = await as('service_role', (sql) => sql`select public.revoke_agent_service('ohm') as revoked`);
    expect(revoked.revoked).toBe(false);
  });
});
