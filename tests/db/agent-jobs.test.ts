// The agent API's scoping, as the database enforces it (supabase/migrations/*agent_services_and_jobs,
// *agent_job_reads_and_writes): a job token reads and writes its own job's chat and nothing else, not after the
// job ends, not with a replayed key for another body, not past its limits; users and anon cannot call any of it.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, newChat, sqlstateOf, type TestUser } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

const service = <T>(fn: Parameters<typeof as<T>>[1]) => as<T>('service_role', fn, { commit: true });
type Json = Record<string, any>;

async function register(limits: { job?: number } = {}) {
  const name = `test-${randomUUID().slice(0, 8)}`;
  const [{ answer }] = await service(
    (sql) => sql`select public.register_agent_service(${name}, null, ${limits.job ?? null}) as answer`,
  );
  return { name, key: answer.key as string };
}

/** A user's chat with one question, handed to `agent` and claimed: the job and its token. */
async function claimedJob(agent: { name: string; key: string }, user?: TestUser) {
  const owner = user ?? (await createUser());
  const chatId = await newChat(owner);
  const [question] = await as(owner, (sql) => sql`select * from public.append_message(${chatId}, 'an ESP32 clock')`, {
    commit: true,
  });
  await service(
    (sql) => sql`select public.create_agent_job(${agent.name}, ${chatId}, ${question.id}, 'CODE', 'codeGenerator')`,
  );
  const [{ claim }] = await service((sql) => sql`select public.claim_agent_job(${agent.key}) as claim`);
  return {
    owner,
    chatId,
    questionId: question.id as string,
    jobId: claim.job.id as string,
    token: claim.token as string,
  };
}

const write = (job: { jobId: string; token: string }, key: string, op: string, body: Json = {}) =>
  service(
    (sql) => sql`select public.agent_job_write(${job.token}, ${job.jobId}, ${key}, ${op}, ${sql.json(body)}) as answer`,
  ).then(([row]) => row.answer as Json);
const read = (job: { jobId: string; token: string }) =>
  service((sql) => sql`select public.agent_job_read(${job.token}, ${job.jobId}) as answer`).then(
    ([row]) => row.answer as Json,
  );

describe('agent jobs in the database', () => {
  it('give users and anon no way in: every function is the service role’s', async () => {
    const user = await createUser();
    for (const who of [user, 'anon'] as const) {
      expect(await sqlstateOf(() => as(who, (sql) => sql`select public.claim_agent_job('ohm_agent_x')`))).toBe('42501');
      expect(await sqlstateOf(() => as(who, (sql) => sql`select public.agent_job_read('x', ${randomUUID()})`))).toBe(
        '42501',
      );
      expect(await sqlstateOf(() => as(who, (sql) => sql`select public.register_agent_service('sneaky')`))).toBe(
        '42501',
      );
    }
  });

  it('store only hashes, refuse an unknown key and a revoked one', async () => {
    const agent = await register();
    const [row] = await admin`select key_hash, key_prefix from private.agent_services where name = ${agent.name}`;
    expect(row.key_hash).not.toContain(agent.key);
    expect(agent.key.startsWith(row.key_prefix)).toBe(true);
    expect(await sqlstateOf(() => service((sql) => sql`select public.claim_agent_job('ohm_agent_wrong')`))).toBe(
      'PT401',
    );
    const job = await claimedJob(agent);
    const [stored] = await admin`select token_hash from private.agent_jobs where id = ${job.jobId}`;
    expect(stored.token_hash).toHaveLength(64);
    expect(stored.token_hash).not.toBe(job.token);
    await service((sql) => sql`select public.revoke_agent_service(${agent.name})`);
    expect(await sqlstateOf(() => service((sql) => sql`select public.claim_agent_job(${agent.key})`))).toBe('PT401');
    expect(await sqlstateOf(() => read(job))).toBe('PT401');
  });

  it('read the job’s branch up to its message and nothing of another chat', async () => {
    const agent = await register();
    const mine = await claimedJob(agent);
    const theirs = await claimedJob(agent);
    const context = await read(mine);
    expect(context.job.chat_id).toBe(mine.chatId);
    expect(context.messages.map((m: Json) => m.id)).toEqual([mine.questionId]);
    // A token names its job: another job's id (another user's chat) is refused, and so is a made-up token.
    expect(await sqlstateOf(() => read({ jobId: theirs.jobId, token: mine.token }))).toBe('42501');
    expect(await sqlstateOf(() => read({ jobId: mine.jobId, token: 'ohm_job_' + 'x'.repeat(40) }))).toBe('PT401');
  });

  it('write versions and rows only into the job’s chat, idempotently, and end with the job', async () => {
    const agent = await register();
    const mine = await claimedJob(agent);
    const theirs = await claimedJob(agent);
    const started = await write(mine, 'start', 'reply.start');
    expect(await write(mine, 'start', 'reply.start')).toEqual(started);
    await write(mine, 'd1', 'reply.delta', { text: 'Hello ' });
    await write(mine, 'd1', 'reply.delta', { text: 'Hello ' });
    expect(await sqlstateOf(() => write(mine, 'd1', 'reply.delta', { text: 'Other' }))).toBe('PT422');
    await write(mine, 'd2', 'reply.delta', { text: 'maker.' });
    const [reply] = await admin`select content, status from public.messages where id = ${started.message_id}`;
    expect(reply).toEqual({ content: 'Hello maker.', status: 'streaming' });

    await write(theirs, 'start', 'reply.start');
    const code = { type: 'code', title: 'Firmware', expected_version: 0, content: '// v1' };
    const theirVersion = await write(theirs, 'v1', 'artifact.version', code);
    const version = await write(mine, 'v1', 'artifact.version', code);
    // Another job's version, another chat's artifact: not this job's to touch.
    const file = { rows: [{ filename: 'main.cpp', content: 'void setup() {}', unit_number: 1 }] };
    expect(
      await sqlstateOf(() => write(mine, 'f0', 'version.code_files', { ...file, version_id: theirVersion.version_id })),
    ).toBe('PT404');
    expect(
      await sqlstateOf(() =>
        write(mine, 'v-x', 'artifact.version', { ...code, artifact_id: theirVersion.artifact_id, expected_version: 1 }),
      ),
    ).toBe('PT404');
    expect(await write(mine, 'f1', 'version.code_files', { ...file, version_id: version.version_id })).toMatchObject({
      added: 1,
    });
    // A stale expected_version is a conflict and writes nothing.
    const next = { ...code, artifact_id: version.artifact_id, expected_version: 1, content: '// v2' };
    expect((await write(mine, 'v2', 'artifact.version', next)).version).toBe(2);
    expect(await sqlstateOf(() => write(mine, 'v3', 'artifact.version', next))).toBe('PT409');
    const [{ count }] =
      await admin`select count(*)::int from public.artifact_versions where artifact_id = ${version.artifact_id}`;
    expect(count).toBe(2);

    const finished = await write(mine, 'finish', 'reply.finish', { usage: { input: 12, output: 3 } });
    expect(finished.status).toBe('complete');
    // A retried finish still gets its answer; anything new, and any read, is refused.
    expect(await write(mine, 'finish', 'reply.finish', { usage: { input: 12, output: 3 } })).toEqual(finished);
    expect((await write(mine, 'late', 'reply.delta', { text: 'late' })).refused).toMatch(/ended \(complete\)/);
    expect((await read(mine)).refused).toMatch(/ended/);
    const [done] =
      await admin`select status, input_tokens, created_artifact_ids from public.messages where id = ${started.message_id}`;
    expect(done.status).toBe('complete');
    expect(done.input_tokens).toBe(12);
    expect(done.created_artifact_ids).toEqual([version.artifact_id]);
  });

  it('settle a job whose reply the user stopped, and one silent past its deadline', async () => {
    const agent = await register();
    const stopped = await claimedJob(agent);
    const { message_id } = await write(stopped, 'start', 'reply.start');
    await as(stopped.owner, (sql) => sql`select public.stop_reply(${stopped.chatId}, ${message_id})`, { commit: true });
    expect((await write(stopped, 'd', 'reply.delta', { text: 'more' })).refused).toMatch(/stopped/);

    const silent = await claimedJob(agent);
    const started = await write(silent, 'start', 'reply.start');
    await admin`update private.agent_jobs set last_seen_at = now() - interval '1 minute' where id = ${silent.jobId}`;
    expect((await write(silent, 'd', 'reply.delta', { text: 'late' })).refused).toMatch(/deadline/);
    const [reply] = await admin`select status from public.messages where id = ${started.message_id}`;
    const [job] = await admin`select status from private.agent_jobs where id = ${silent.jobId}`;
    expect([reply.status, job.status]).toEqual(['interrupted', 'interrupted']);
  });

  it('limit the writes of a job (PT429 with retry_after) without counting retries', async () => {
    const agent = await register({ job: 3 });
    const job = await claimedJob(agent);
    await write(job, 'start', 'reply.start');
    await write(job, 'a', 'reply.delta', { text: 'a' });
    await write(job, 'a', 'reply.delta', { text: 'a' });
    await write(job, 'b', 'reply.delta', { text: 'b' });
    const refusal = await service(
      (sql) => sql`select public.agent_job_write(${job.token}, ${job.jobId}, 'c', 'reply.delta', '{"text":"c"}')`,
    ).catch((error) => error);
    expect(refusal.code).toBe('PT429');
    expect(refusal.detail).toMatch(/^retry_after=\d+$/);
    const [reply] =
      await admin`select m.content from public.messages m join private.agent_jobs j on j.reply_message_id = m.id where j.id = ${job.jobId}`;
    expect(reply.content).toBe('ab');
  });
});
