// The model path with the AI SDK's mock models: a valid artifact passes the checks and becomes the plan; invalid
// JSON and an artifact the rules refuse are asked for once more; two failures end the turn with nothing to save.
// Also: which provider the environment names, validated.
import { describe, expect, it, vi } from 'vitest';
import { MockLanguageModelV4 } from 'ai/test';
import type { ContextDoc, ProjectState } from '@/lib/agents/design/contract';
import { parseAgentEnv } from '@/lib/env';

vi.mock('server-only', () => ({}));
const { createModelAgent } = await import('@/lib/agents/turn/model-agent');
const { chooseModel } = await import('@/lib/agents/model');

const context: ContextDoc = {
  goal: 'ESP32 weather station',
  board: 'esp32-devkitc',
  sensing: ['temperature', 'humidity', 'pressure'],
  parts: [{ key: 'bme280', name: 'BME280', quantity: 1 }],
  unknownParts: [],
  display: 'ssd1306',
  connectivity: ['wifi'],
  power: { source: 'usb', notes: '' },
  environment: 'indoor',
  budget: { amount: 40, currency: 'EUR' },
  constraints: [],
  openQuestions: [],
};
const answer = (artifact: unknown) =>
  JSON.stringify({
    reply: 'I wrote the **project context**.',
    title: 'Weather station context',
    projectName: 'ESP32 weather station',
    changeSummary: 'Initial version',
    content: '# Weather station',
    artifact,
  });
const generated = (text: string) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: {
    inputTokens: { total: 100, noCache: 20, cacheRead: 70, cacheWrite: 10 },
    outputTokens: { total: 30, text: 30, reasoning: 0 },
  },
  warnings: [],
});
const state: ProjectState = { project: null, artifacts: {}, recent: [] };
const input = { message: 'ESP32 weather station with a BME280', intent: 'CONTEXT' as const, state };
const signal = new AbortController().signal;
const accept = () => ({ ok: true as const, value: context, warnings: [] });

describe('the model path', () => {
  it('asks for the zod-typed artifact with structured output and plans its write', async () => {
    const model = new MockLanguageModelV4({ doGenerate: generated(answer(context)) });
    const agent = createModelAgent({ model, modelLabel: 'mock/model', verify: accept });
    const { plan, usage } = await agent.plan(input, signal);
    expect(model.doGenerateCalls[0].responseFormat).toMatchObject({ type: 'json' });
    expect(plan).toMatchObject({
      agent: 'conversational',
      reply: 'I wrote the **project context**.',
      projectName: 'ESP32 weather station',
    });
    expect(plan.writes).toMatchObject([
      { type: 'context', base: null, contentJson: context, changeSummary: 'Initial version' },
    ]);
    expect(usage).toEqual({ input: 100, output: 30, cacheRead: 70, cacheWrite: 10 });
    expect(agent.modelPath).toBe(true);
  });

  it('versions the current artifact when there is one', async () => {
    const model = new MockLanguageModelV4({ doGenerate: generated(answer(context)) });
    const withContext: ProjectState = {
      ...state,
      artifacts: {
        context: { artifactId: 'a1', title: 'Context', version: 3, content: null, json: context, stale: null },
      },
    };
    const { plan } = await createModelAgent({ model, modelLabel: 'm', verify: accept }).plan(
      { ...input, state: withContext },
      signal,
    );
    expect(plan.writes[0]).toMatchObject({ title: 'Context', base: { artifactId: 'a1', expectedVersion: 3 } });
    expect(
      String(model.doGenerateCalls[0].prompt.at(-1)?.content[0] && JSON.stringify(model.doGenerateCalls[0].prompt)),
    ).toContain('version 4');
  });

  it('retries once after invalid JSON, then uses the valid answer', async () => {
    const model = new MockLanguageModelV4({ doGenerate: [generated('{"reply": "oops'), generated(answer(context))] });
    const { plan, usage } = await createModelAgent({ model, modelLabel: 'm', verify: accept }).plan(input, signal);
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(plan.writes).toHaveLength(1);
    expect(usage.input).toBe(200);
  });

  it('gives up after two answers that break the shape or the rules, and says why', async () => {
    const invalid = new MockLanguageModelV4({ doGenerate: [generated('not json'), generated(answer({ goal: '' }))] });
    await expect(
      createModelAgent({ model: invalid, modelLabel: 'm', verify: accept }).plan(input, signal),
    ).rejects.toThrow(/refused twice \(the answer was not valid JSON/);
    const ruleBreaking = new MockLanguageModelV4({
      doGenerate: [generated(answer(context)), generated(answer(context))],
    });
    const refuse = vi.fn(() => ({
      ok: false as const,
      issues: ['a 5 V relay on a 3.3 V GPIO needs a level shifter'],
    }));
    await expect(
      createModelAgent({ model: ruleBreaking, modelLabel: 'm', verify: refuse }).plan(input, signal),
    ).rejects.toThrow(/level shifter/);
    expect(refuse).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(ruleBreaking.doGenerateCalls[1].prompt)).toContain('was refused: a 5 V relay');
  });

  it('streams plain chat straight from the model, with its usage', async () => {
    const { simulateReadableStream } = await import('ai');
    const model = new MockLanguageModelV4({
      doStream: {
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'Hello ' },
            { type: 'text-delta', id: 't', delta: 'maker' },
            { type: 'text-end', id: 't' },
            { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: generated('').usage },
          ],
        }),
      },
    });
    const agent = createModelAgent({ model, modelLabel: 'm', verify: accept });
    const chat = { ...input, intent: 'CHAT' as const };
    const { plan } = await agent.plan(chat, signal);
    expect(plan.writes).toEqual([]);
    const spoken = agent.speak(plan, chat, signal);
    let text = '';
    for await (const delta of spoken.textStream) text += delta;
    expect(text).toBe('Hello maker');
    expect((await spoken.usage).inputTokenDetails.cacheReadTokens).toBe(70);
  });
});

describe('the provider choice', () => {
  it('prefers an OpenAI-compatible base URL, then OpenAI, then Anthropic on its current default, else offline', () => {
    expect(chooseModel({ OHM_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OHM_OPENAI_MODEL: 'llama3.1' }).label).toBe(
      'openai-compatible/llama3.1',
    );
    expect(chooseModel({ OPENAI_API_KEY: 'sk-test' }).label).toBe('openai/gpt-4o-mini');
    expect(chooseModel({ ANTHROPIC_API_KEY: 'sk-ant' }).label).toBe('anthropic/claude-sonnet-5-5');
    expect(chooseModel({})).toMatchObject({ label: 'ohm/offline-1', offline: true });
  });

  it('refuses a malformed base URL or one without a model, naming the variable', () => {
    expect(() => parseAgentEnv({ OHM_OPENAI_BASE_URL: 'localhost:11434' })).toThrow(
      /OHM_OPENAI_BASE_URL must be an http\(s\) URL/,
    );
    expect(() => parseAgentEnv({ OHM_OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1' })).toThrow(/OHM_OPENAI_MODEL/);
    expect(parseAgentEnv({ OPENAI_API_KEY: '  ' }).OPENAI_API_KEY).toBeUndefined();
  });
});

describe('the offline pace', () => {
  it('is a whole number of milliseconds per word, 12 when unset', () => {
    expect(parseAgentEnv({ OHM_OFFLINE_PACE_MS: '0' }).OHM_OFFLINE_PACE_MS).toBe(0);
    expect(parseAgentEnv({}).OHM_OFFLINE_PACE_MS).toBeUndefined();
    expect(() => parseAgentEnv({ OHM_OFFLINE_PACE_MS: 'fast' })).toThrow(/OHM_OFFLINE_PACE_MS/);
  });
});

describe('the model path with the engine’s checks', async () => {
  const { planTurn, emptyProjectState } = await import('@/lib/agents/design/plan');
  const { verifyArtifact } = await import('@/lib/agents/design/verify');
  const bomPlan = planTurn({
    message: 'Generate the BOM for an ESP32 weather station with a BME280 and an OLED',
    intent: 'BOM',
    state: emptyProjectState,
  });
  const bomJson = bomPlan.writes.find((w) => w.type === 'bom')!.contentJson as never;
  const withBom: ProjectState = {
    project: null,
    artifacts: { bom: { artifactId: 'b1', title: 'BOM', version: 1, content: null, json: bomJson, stale: null } },
    recent: [],
  };
  const wiringJson = planTurn({ message: 'Now the wiring', intent: 'WIRING', state: withBom }).writes.find(
    (w) => w.type === 'wiring',
  )!.contentJson as { connections: Array<{ to: { ref: string } }> };
  const wiringInput = { message: 'Now the wiring', intent: 'WIRING' as const, state: withBom };

  it('saves a verified wiring with the diagram our code drew from it', async () => {
    const model = new MockLanguageModelV4({ doGenerate: generated(answer(wiringJson)) });
    const { plan } = await createModelAgent({ model, modelLabel: 'm', verify: verifyArtifact }).plan(
      wiringInput,
      signal,
    );
    expect(plan.agent).toBe('wiringGenerator');
    expect(plan.writes.map((w) => w.type)).toEqual(['wiring', 'circuit_diagram']);
    expect(plan.writes[1].content).toMatch(/^<svg/);
    expect(plan.writes[1].contentJson).toMatchObject({ wiringVersion: 1 });
  });

  it('refuses, twice, a wiring that names a part the BOM does not have, and saves nothing', async () => {
    const broken = structuredClone(wiringJson);
    broken.connections[0].to.ref = 'dht99';
    const model = new MockLanguageModelV4({ doGenerate: [generated(answer(broken)), generated(answer(broken))] });
    await expect(
      createModelAgent({ model, modelLabel: 'm', verify: verifyArtifact }).plan(wiringInput, signal),
    ).rejects.toThrow(/refused twice \(connection names dht99, which is not a line of the BOM\)/);
  });
});
