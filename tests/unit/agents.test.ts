// The agents: intent routing, the offline model's deterministic streamed reply, and the AI SDK's mock model
// standing in for a provider on the same path.
import { describe, expect, it } from 'vitest';
import { MockLanguageModelV4 } from 'ai/test';
import { simulateReadableStream } from 'ai';
import { classifyIntent } from '@/lib/agents/intent';
import { createOfflineModel, offlineModelId } from '@/lib/agents/offline-model';
import { routeMessage, streamAgentReply } from '@/lib/agents/orchestrator';
import { describeAgent } from '@/lib/agents/registry';

describe('the orchestrator', () => {
  it('routes messages by intent', () => {
    expect(classifyIntent('Create a BOM for an ESP32 weather station')).toBe('BOM');
    expect(classifyIntent('Replace DHT22 with BME280')).toBe('BOM');
    expect(classifyIntent('How do I wire the BME280 to the ESP32?')).toBe('WIRING');
    expect(classifyIntent('Write the firmware for it')).toBe('CODE');
    expect(classifyIntent('Hi! I want to build something for my garden')).toBe('CHAT');
  });

  it('hands each intent to its specialist', () => {
    expect(routeMessage('Create a BOM').agent).toBe('bomGenerator');
    expect(routeMessage('Now the wiring').agent).toBe('wiringGenerator');
    expect(routeMessage('Write the firmware').agent).toBe('codeGenerator');
    expect(routeMessage('Is it within my budget of $40?').agent).toBe('budget');
    expect(routeMessage('Hi!').agent).toBe('conversational');
    expect(describeAgent('budget')).toMatchObject({ label: 'Budget', icon: '💰' });
    expect(describeAgent('bomGenerator').label).toBe('BOM generator');
    expect(describeAgent('unknown').name).toBe('conversational');
  });
});

describe('the offline model', () => {
  it('streams the same useful reply every time, with token usage', async () => {
    const run = async () => {
      const result = streamAgentReply({
        model: createOfflineModel({ delayMs: 0 }),
        history: [{ role: 'user', content: 'ESP32 weather station with a BME280' }],
      });
      const deltas: string[] = [];
      for await (const delta of result.textStream) deltas.push(delta);
      return { deltas, text: await result.text, usage: await result.usage };
    };
    const first = await run();
    const second = await run();
    expect(first.text).toBe(second.text);
    expect(first.deltas.length).toBeGreaterThan(10);
    expect(first.deltas.join('')).toBe(first.text);
    expect(first.text).toContain('BME280');
    expect(first.text).toContain('0x76');
    expect(first.usage.outputTokens).toBeGreaterThan(0);
    expect(first.usage.inputTokens).toBeGreaterThan(0);
    expect(createOfflineModel().modelId).toBe(offlineModelId);
  });

  it('stops streaming when the caller aborts', async () => {
    const controller = new AbortController();
    const result = streamAgentReply({
      model: createOfflineModel({ delayMs: 1 }),
      history: [{ role: 'user', content: 'tell me about relays' }],
      abortSignal: controller.signal,
    });
    let received = '';
    try {
      for await (const delta of result.textStream) {
        received += delta;
        if (received.length > 20) controller.abort();
      }
    } catch {
      // an aborted stream may end with an AbortError; what matters is that it ended early
    }
    const full = createOfflineModel({ delayMs: 0 });
    const complete = await streamAgentReply({
      model: full,
      history: [{ role: 'user', content: 'tell me about relays' }],
    }).text;
    expect(received.length).toBeGreaterThan(20);
    expect(received.length).toBeLessThan(complete.length);
  });
});

describe('a provider model on the same path', () => {
  it('streams what the model sends and passes the conversation through', async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'Use a ' },
            { type: 'text-delta', id: 't', delta: 'BME280.' },
            { type: 'text-end', id: 't' },
            {
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: {
                inputTokens: { total: 12, noCache: 12, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: 3, text: 3, reasoning: 0 },
              },
            },
          ],
        }),
      }),
    });
    const result = streamAgentReply({
      model,
      history: [
        { role: 'user', content: 'Which sensor?' },
        { role: 'assistant', content: 'For what?' },
        { role: 'user', content: 'Weather' },
      ],
    });
    expect(await result.text).toBe('Use a BME280.');
    expect((await result.usage).outputTokens).toBe(3);
    const call = model.doStreamCalls[0];
    expect(call.prompt.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });
});
