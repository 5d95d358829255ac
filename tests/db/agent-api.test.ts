// The agent API end to end: /api/agents/v1 served over real HTTP (the route's handler behind @hono/node-server),
// a fake external agent written here that claims a job, reads its chat, streams a reply, writes artifacts and
// their rows, retries with the same keys, drops a connection mid-request; and the user's realtime subscription
// watching the reply arrive. Refusals: bad and revoked secrets, a token for another job, a replayed key with another
// body, a 10 MB delta, a version conflict, a finished job, rate limits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pointAppAtStack } from '../support/app.ts';
import { apiUrl } from '../support/stack.ts';
import { clientAs } from '../support/users.ts';
import { admin, api, as, createUser, newChat } from './fixtures.ts';

vi.mock('server-only', () => ({}));
pointAppAtStack();
const { handleAgentApi } = await import('@/lib/agents/api/handler');
const { createAgentJob } = await import('@/lib/agents/api/data');
const { externalServiceFor } = await import('@/lib/agents/turn/choose');

let base = '';
let server: ReturnType<typeof serve>;
beforeAll(async () => {
  server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) =>
      handleAgentApi(request, new URL(request.url).pathname.replace('/api/agents/v1/', '').split('/')),
  });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/agents/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await api.end();
  await admin.end();
});

type Json = Record<string, any>;

/** The external agent service: nothing but fetch, its key and the job token it claims. */
class FakeAgent {
  token = '';
  job: Json = {};
  constructor(readonly key: string) {}
  async call(method: string, path: string, body?: unknown, options: { key?: string; secret?: string } = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${options.secret ?? this.token}`,
        ...(body !== undefined && {
          'Content-Type': 'application/json',
          'Idempotency-Key': options.key ?? randomUUID(),
        }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json().catch(() => null)) as Json,
    };
  }
  async claim() {
    const claimed = await this.call('POST', '/jobs/claim', undefined, { secret: this.key });
    if (claimed.status === 200) [this.token, this.job] = [claimed.body.token, claimed.body.job];
    return claimed;
  }
  write(path: string, body: unknown, key?: string) {
    return this.call('POST', `/jobs/${this.job.id}${path}`, body, { key });
  }
}

async function register(jobWritesPerMinute: number | null = null) {
  const name = `fake-${randomUUID().slice(0, 8)}`;
  const [{ answer }] = await as(
    'service_role',
    (sql) => sql`select public.register_agent_service(${name}, null, ${jobWritesPerMinute}) as answer`,
    { commit: true },
  );
  return { name, agent: new FakeAgent(answer.key) };
}

/** A user's chat with a question the orchestrator hands to `service`. */
async function handOff(service: string, text = 'Write the firmware for my ESP32 clock') {
  const user = await createUser();
  const chatId = await newChat(user);
  const [question] = await as(user, (sql) => sql`select * from public.append_message(${chatId}, ${text})`, {
    commit: true,
  });
  const jobId = await createAgentJob({
    service,
    chatId,
    messageId: question.id,
    intent: 'CODE',
    agent: 'codeGenerator',
  });
  return { user, chatId, questionId: question.id as string, jobId };
}

/** Sends the start of a request and drops the connection before the body is complete. */
function dropMidRequest(url: string, token: string, key: string, body: string) {
  return new Promise<void>((resolve) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': key, 'Content-Length': String(body.length) },
    });
    request.on('error', () => resolve());
    request.write(body.slice(0, body.length / 2), () => {
      request.destroy();
      resolve();
    });
  });
}

const subscribed = (channel: RealtimeChannel) =>
  new Promise<string>((resolve) => channel.subscribe((status) => status !== 'CLOSED' && resolve(status)));

describe('the agent API with a fake external agent', () => {
  it('streams a reply the user sees live, writes artifacts and rows, and survives retries and drops', async () => {
    const { name, agent } = await register();
    const { user, chatId, questionId, jobId } = await handOff(name);
    const tab = clientAs(apiUrl, user.token);
    // Set the token before joining, so the first join already carries it (as the app's tabs do).
    await tab.realtime.setAuth(user.token);
    const seen: Json[] = [];
    const channel = tab.channel(`chat:${chatId}:messages`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, (message) => seen.push(message.payload));
    expect(await subscribed(channel)).toBe('SUBSCRIBED');

    expect((await agent.claim()).status).toBe(200);
    expect(agent.job).toMatchObject({ id: jobId, chat_id: chatId, message_id: questionId, status: 'open' });
    expect((await agent.claim()).status).toBe(204);
    const context = await agent.call('GET', `/jobs/${jobId}`);
    expect(context.status).toBe(200);
    expect(context.body.messages.map((m: Json) => m.content)).toEqual(['Write the firmware for my ESP32 clock']);

    const started = await agent.write('/reply', {}, 'start');
    expect(started.status).toBe(200);
    const replyId = started.body.message_id;
    for (const [i, text] of ['Here is ', 'your ', 'firmware.'].entries()) {
      const sent = await agent.write('/reply/deltas', { text }, `delta-${i}`);
      expect(sent.status).toBe(200);
      // A retry (the answer was lost) returns the first answer and appends nothing.
      expect(await agent.write('/reply/deltas', { text }, `delta-${i}`)).toEqual(sent);
    }
    // The connection drops mid-body: nothing is written; the retry with the same key goes through once.
    const body = JSON.stringify({ text: ' Flash it with PlatformIO.' });
    await dropMidRequest(`${base}/jobs/${jobId}/reply/deltas`, agent.token, 'delta-3', body);
    expect((await agent.write('/reply/deltas', JSON.parse(body), 'delta-3')).body.length).toBe(48);
    // The same key with another body is refused.
    expect((await agent.write('/reply/deltas', { text: 'other' }, 'delta-3')).status).toBe(422);
    // A 10 MB delta is refused before it is read; the server goes on.
    expect((await agent.write('/reply/deltas', { text: 'x'.repeat(10 * 1024 * 1024) })).status).toBe(413);

    await vi.waitFor(() =>
      expect(seen.some((p) => p.record?.id === replyId && p.record.content.endsWith('PlatformIO.'))).toBe(true),
    );
    expect(seen.find((p) => p.record?.id === replyId)).toMatchObject({ operation: 'INSERT' });

    const bom = await agent.write('/artifacts', {
      type: 'bom',
      title: 'Parts',
      expected_version: 0,
      content: '| ESP32 |',
    });
    expect(bom.body).toMatchObject({ version: 1 });
    const parts = await agent.write(`/versions/${bom.body.version_id}/parts`, {
      rows: [
        { name: 'ESP32 DevKitC', quantity: 1, specs: { ref: 'U1' } },
        { name: 'DS3231 RTC', quantity: 1, specs: { ref: 'U2' } },
      ],
    });
    expect(parts.body.added).toBe(2);
    const wiring = await agent.write('/artifacts', {
      type: 'wiring',
      title: 'Wiring',
      expected_version: 0,
      content: 'U1 → U2',
    });
    const connections = await agent.write(`/versions/${wiring.body.version_id}/connections`, {
      bom_version_id: bom.body.version_id,
      rows: [
        { sequence_number: 1, from_ref: 'U1', from_pin: 'GPIO21', to_ref: 'U2', to_pin: 'SDA', wire_color: 'blue' },
      ],
    });
    expect(connections.body.added).toBe(1);
    const code = await agent.write('/artifacts', {
      type: 'code',
      title: 'Firmware',
      expected_version: 0,
      content: '// v1',
    });
    const file = { filename: 'main.cpp', content: 'void setup() {}', unit_number: 1 };
    expect((await agent.write(`/versions/${code.body.version_id}/code-files`, { rows: [file] })).body.added).toBe(1);
    // A content_json that breaks the type's shape, and a version conflict: 4xx, nothing written.
    const broken = {
      type: 'code',
      title: 'Firmware',
      artifact_id: code.body.artifact_id,
      expected_version: 1,
      content_json: {},
    };
    expect((await agent.write('/artifacts', broken)).status).toBe(400);
    const next = {
      type: 'code',
      title: 'Firmware',
      artifact_id: code.body.artifact_id,
      expected_version: 1,
      content: '// v2',
    };
    expect((await agent.write('/artifacts', next)).body.version).toBe(2);
    const conflict = await agent.write('/artifacts', next);
    expect([conflict.status, conflict.body.code]).toEqual([409, 'conflict:agent']);

    const finished = await agent.write('/reply/finish', { usage: { input: 120, output: 40 } }, 'finish');
    expect(finished.body.status).toBe('complete');
    expect(await agent.write('/reply/finish', { usage: { input: 120, output: 40 } }, 'finish')).toEqual(finished);
    expect((await agent.write('/reply/deltas', { text: 'late' })).status).toBe(409);
    expect((await agent.call('GET', `/jobs/${jobId}`)).status).toBe(409);

    const [reply] = await admin`select content, status, agent_name, agent_model, output_tokens, created_artifact_ids
                                  from public.messages where id = ${replyId}`;
    expect(reply).toMatchObject({
      content: 'Here is your firmware. Flash it with PlatformIO.',
      status: 'complete',
      agent_name: 'codeGenerator',
      agent_model: name,
      output_tokens: 40,
    });
    expect(reply.created_artifact_ids).toHaveLength(3);
    const [rows] =
      await admin`select (select count(*)::int from public.parts p where p.artifact_version_id = ${bom.body.version_id}) parts,
      (select count(*)::int from public.connections c where c.from_part_id is not null and c.artifact_version_id = ${wiring.body.version_id}) connections,
      (select count(*)::int from public.artifact_versions v where v.artifact_id = ${code.body.artifact_id}) code_versions`;
    expect(rows).toEqual({ parts: 2, connections: 1, code_versions: 2 });
    await tab.removeAllChannels();
  });

  it('refuses bad secrets, another job’s token, writes without a key, and answers 429 past a job’s limit', async () => {
    const first = await register();
    const a = await handOff(first.name);
    await first.agent.claim();
    const b = await handOff(first.name);
    const other = new FakeAgent(first.agent.key);
    await other.claim();
    expect(other.job.id).toBe(b.jobId);

    expect(
      (await first.agent.call('POST', '/jobs/claim', undefined, { secret: 'ohm_agent_not_a_real_key' })).status,
    ).toBe(401);
    expect((await first.agent.call('GET', `/jobs/${a.jobId}`, undefined, { secret: 'x' })).status).toBe(401);
    // A job token used for another job (another user's chat): refused, nothing written there.
    const crossed = await first.agent.call('POST', `/jobs/${b.jobId}/reply`, {});
    expect([crossed.status, crossed.body.code]).toEqual([403, 'forbidden:agent']);
    const [{ count }] = await admin`select count(*)::int from public.messages where chat_id = ${b.chatId}`;
    expect(count).toBe(1);
    const keyless = await fetch(`${base}/jobs/${a.jobId}/reply`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${first.agent.token}` },
      body: '{}',
    });
    expect(keyless.status).toBe(400);
    expect((await first.agent.call('POST', `/jobs/${a.jobId}/nope`, {})).status).toBe(404);

    const limited = await register(3);
    await handOff(limited.name);
    await limited.agent.claim();
    await limited.agent.write('/reply', {});
    await limited.agent.write('/reply/deltas', { text: 'a' });
    await limited.agent.write('/reply/deltas', { text: 'b' });
    const refused = await limited.agent.write('/reply/deltas', { text: 'c' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    await as('service_role', (sql) => sql`select public.revoke_agent_service(${first.name})`, { commit: true });
    expect((await other.write('/reply', {})).status).toBe(401);
    expect((await first.agent.claim()).status).toBe(401);
  });

  it('hands the intents OHM_AGENT_SERVICES names to their services, and no other', () => {
    const env = { OHM_AGENT_SERVICES: 'CODE=acme-coder, WIRING=acme-wiring' };
    expect(externalServiceFor('CODE', env)).toBe('acme-coder');
    expect(externalServiceFor('WIRING', env)).toBe('acme-wiring');
    expect(externalServiceFor('BOM', env)).toBeNull();
    expect(externalServiceFor('CODE', {})).toBeNull();
    expect(() => externalServiceFor('CODE', { OHM_AGENT_SERVICES: 'code = Acme!' })).toThrow(/INTENT=service/);
  });

  it('describes itself in OpenAPI generated from the schemas', async () => {
    const res = await fetch(`${base}/openapi.json`);
    const doc = (await res.json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/jobs/{jobId}/reply/deltas');
    const delta = doc.paths['/jobs/{jobId}/reply/deltas'].post;
    expect(delta.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/Delta');
    expect(doc.components.schemas.Delta.properties.text.maxLength).toBe(16000);
    expect(doc.components.schemas.ArtifactVersion.required).toContain('expected_version');
    expect(delta.parameters.map((p: Json) => p.name)).toEqual(['jobId', 'Idempotency-Key']);
  });
});
