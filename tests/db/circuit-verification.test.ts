// POST /api/attachments/<id>/analyse on circuit files, against the real stack: a Wokwi diagram.json or a KiCad
// netlist checked against the chat's wiring (public.connections), saved in the private circuit_verifications bucket
// (readable by the chat's owner only) and summarised in the chat; a photo needs a vision model.
import { MockLanguageModelV4 } from 'ai/test';
import { generatedText } from '../support/mock-model.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pointAppAtStack, signInGuest } from '../support/app.ts';
import { admin, api } from './fixtures.ts';
import type { Client } from './analysis-world.ts';
import { buildWokwiDiagram } from '@/lib/exports/wokwi';
import { weatherStationNetlist } from '../unit/fixtures/kicad-netlist.ts';
import { weatherStationBom } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationWiring } from '../unit/fixtures/weather-station-wiring.ts';

let asUser: Client;
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => asUser }));
pointAppAtStack();
const { POST } = await import('@/app/api/attachments/[id]/analyse/route');
const { attach, callRoute: call, chatWithQuestion, giveWiring, json } = await import('./analysis-world.ts');
const callRoute = (client: Client, id: string) => call(POST, (c) => (asUser = c), client, id);

afterAll(async () => {
  await api.end();
  await admin.end();
});

let owner: Client;
let stranger: Client;
const { analyseAttachment } = await import('@/lib/analysis/run');
beforeAll(async () => {
  [owner, stranger] = await Promise.all([signInGuest(), signInGuest()]);
});

describe('a circuit file', () => {
  it('is verified against the wiring, saved in circuit_verifications and summarised in the chat', async () => {
    const chat = await chatWithQuestion(owner);
    await giveWiring(chat.chatId);
    const diagram = buildWokwiDiagram({ bom: weatherStationBom, wiring: weatherStationWiring }).diagram;
    diagram.connections = diagram.connections.filter(([a]) => a !== 'oled1:SDA');
    const attachment = await attach(owner, chat, {
      name: 'diagram.json',
      type: 'application/json',
      bytes: json(diagram),
      category: 'circuit_file',
    });
    const { body } = await callRoute(owner, attachment.id);
    expect(body).toMatchObject({
      status: 'done',
      analysis: { kind: 'circuit', status: 'differs', wiringVersion: 1, counts: { missing: 1, extra: 0, swapped: 0 } },
    });
    const path: string = body.analysis.verificationPath;
    expect(path).toMatch(new RegExp(`^${chat.chatId}/verified_\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.json$`));
    const mine = await owner.storage.from('circuit_verifications').download(path);
    const saved = JSON.parse(await mine.data!.text());
    expect(saved.findings).toMatchObject([{ kind: 'missing', step: 3, wires: [9] }]);
    const theirs = await stranger.storage.from('circuit_verifications').download(path);
    expect(theirs.data).toBeNull();
    const { data: summary } = await owner
      .from('messages')
      .select('agent_name, content')
      .eq('id', body.analysis.messageId)
      .single();
    expect(summary).toMatchObject({ agent_name: 'circuitVerifier' });
    expect(summary!.content).toContain('wire 9, SSD1306 SDA → ESP32-DevKitC GPIO21, is not in diagram.json');
  });

  it('matches a KiCad netlist of the same circuit', async () => {
    const chat = await chatWithQuestion(owner);
    await giveWiring(chat.chatId);
    const attachment = await attach(owner, chat, {
      name: 'station.net',
      type: 'application/x-kicad-netlist',
      bytes: new TextEncoder().encode(weatherStationNetlist({ swapDisplayBus: true })),
      category: 'circuit_file',
    });
    const { body } = await callRoute(owner, attachment.id);
    expect(body.analysis).toMatchObject({
      status: 'differs',
      counts: { swapped: 1, missing: 0, extra: 0, matched: 12 },
    });
  });

  it('needs a vision model for a photo: without one it fails with what to do, with one the model checks it', async () => {
    const chat = await chatWithQuestion(owner);
    await giveWiring(chat.chatId);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const attachment = await attach(owner, chat, {
      name: 'bench.png',
      type: 'image/png',
      bytes: png,
      category: 'circuit_image',
    });
    const offline = await callRoute(owner, attachment.id);
    expect(offline.body).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('vision-capable model key'),
    });

    const answer = {
      wires: [
        ...weatherStationWiring.connections.map((c) => ({
          sequence: c.sequence,
          seen: c.sequence === 5 ? 'missing' : 'connected',
          note: '',
        })),
        { sequence: 99, seen: 'connected', note: 'a wire the wiring does not have' },
      ],
      extra: [],
    };
    const model = new MockLanguageModelV4({
      doGenerate: async () => generatedText(JSON.stringify(answer)),
    });
    const outcome = await analyseAttachment({
      client: owner,
      attachmentId: attachment.id,
      model: { model, label: 'openai/mock-vision', offline: false },
    });
    expect(outcome).toMatchObject({
      status: 'done',
      analysis: { kind: 'circuit', status: 'differs', counts: { matched: 13, missing: 1 } },
    });
    const prompt = model.doGenerateCalls[0].prompt.at(-1)!;
    expect(JSON.stringify(prompt.content)).toContain('"type":"file"');
    expect((outcome as unknown as { analysis: { summary: string } }).analysis.summary).toContain(
      'Step 2 (Wire the BME280): wire 5',
    );
  });
});
