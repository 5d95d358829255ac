// The turn document complete_agent_turn receives: every write parsed with the contract's schema (a broken shape
// never reaches the database), the rows each version owns, the project named from the goal, and the phase.
import { describe, expect, it } from 'vitest';
import type { Bom, CodeArtifact, TurnPlan, Wiring } from '@/lib/agents/design/contract';
import { buildTurnDocument, InvalidArtifactError } from '@/lib/agents/turn/payload';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const line = (ref: string, name: string, price: number): Bom['lines'][number] => ({
  ref,
  catalogueKey: ref,
  name,
  mpn: `${ref.toUpperCase()}-1`,
  manufacturer: 'Maker Co',
  quantity: 1,
  role: 'sensor',
  interface: 'I2C',
  voltage: '3.3 V',
  currentMa: { typical: 1, peak: 2 },
  unitPrice: usd(price),
  linePrice: usd(price),
  supplier: 'DigiKey',
  supplierPartNumber: null,
  url: null,
  alternatives: [],
  warnings: [],
  reason: 'the maker asked for it',
  verified: true,
  source: 'catalogue',
});
const bom: Bom = {
  boardRef: 'esp32',
  lines: [line('esp32', 'ESP32-DevKitC', 9), line('bme280', 'BME280 breakout', 6.5)],
  totals: { subtotal: usd(15.5), lineCount: 2, partCount: 2 },
  power: { supply: 'USB 5 V', budgetMa: 500, typicalMa: 80, peakMa: 260 },
  warnings: [],
};
const wiring: Wiring = {
  bomVersion: 1,
  steps: [{ number: 1, title: 'Power', instruction: 'Connect 3V3 to VIN', connections: [1] }],
  connections: [
    {
      sequence: 1,
      from: { ref: 'esp32', pin: '3V3', pinType: 'power' },
      to: { ref: 'bme280', pin: 'VIN', pinType: 'power' },
      voltage: '3.3 V',
      signalType: 'power',
      wireColor: 'red',
      warnings: [],
      note: '',
    },
  ],
  pinAssignments: [],
  warnings: [],
};
const code: CodeArtifact = {
  board: 'esp32dev',
  framework: 'arduino',
  bomVersion: 1,
  wiringVersion: 1,
  units: [{ unit: 1, title: 'Calibration', goal: 'read each sensor' }],
  files: [
    {
      filename: 'unit1_calibration/src/main.cpp',
      language: 'cpp',
      platform: 'platformio-arduino',
      unit: 1,
      content: 'void setup() {}\nvoid loop() {}',
      requiredLibraries: ['adafruit/Adafruit BME280 Library@^2.2.4'],
      isProductionReady: false,
    },
  ],
  warnings: [],
};
const plan = (writes: TurnPlan['writes'], intent: TurnPlan['intent'] = 'BOM'): TurnPlan => ({
  intent,
  agent: 'bomGenerator',
  reply: 'Here it is.',
  writes,
  stale: [],
  projectName: 'ESP32 weather station',
  question: false,
});
const write = (type: 'bom' | 'wiring' | 'code', contentJson: unknown): TurnPlan['writes'][number] => ({
  type,
  title: type,
  base: null,
  content: null,
  contentJson,
  changeSummary: 'Initial version',
});
const build = (p: TurnPlan) =>
  buildTurnDocument({
    plan: p,
    content: p.reply,
    model: 'ohm/offline-1',
    usage: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 },
    route: { intent: p.intent, agent: p.agent, reason: 'rules', modelPath: false },
    goal: 'ESP32 weather station with a BME280',
  });

describe('the turn document', () => {
  it('maps a BOM to parts rows keyed by line ref, and moves the chat to the parts phase', () => {
    const doc = build(plan([write('bom', bom)]));
    expect(doc.phase).toBe('parts');
    expect(doc.agent).toEqual({ name: 'bomGenerator', model: 'ohm/offline-1', icon: '🧾' });
    expect(doc.project).toEqual({
      name: 'ESP32 weather station',
      goal: 'ESP32 weather station with a BME280',
      budget: null,
    });
    expect(doc.writes[0].parts).toHaveLength(2);
    expect(doc.writes[0].parts[1]).toMatchObject({
      name: 'BME280 breakout',
      part_number: 'BME280-1',
      price: 6.5,
      current: '1 mA typ, 2 mA peak',
      specs: { ref: 'bme280', currency: 'USD', verified: true },
    });
  });

  it('maps wiring connections by ref and code files by unit', () => {
    const doc = build(plan([write('wiring', wiring), write('code', code)], 'WIRING'));
    expect(doc.phase).toBe('assembly');
    expect(doc.writes[0].connections).toEqual([
      expect.objectContaining({ sequence_number: 1, from_ref: 'esp32', to_ref: 'bme280', wire_color: 'red' }),
    ]);
    expect(doc.writes[1].codeFiles).toEqual([
      expect.objectContaining({
        unit_number: 1,
        filename: 'unit1_calibration/src/main.cpp',
        is_production_ready: false,
      }),
    ]);
  });

  it('refuses a write whose json breaks its shape, naming the field', () => {
    const broken = { ...bom, lines: [] };
    expect(() => build(plan([write('bom', broken)]))).toThrow(InvalidArtifactError);
    expect(() => build(plan([write('bom', broken)]))).toThrow(/bom .*lines/);
  });

  it('writes nothing for a question', () => {
    const doc = build({ ...plan([write('bom', bom)]), question: true });
    expect(doc.writes).toEqual([]);
    expect(doc.phase).toBeNull();
  });
});
