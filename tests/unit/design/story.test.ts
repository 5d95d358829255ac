// The seed document's story, offline: context v1 → "add a BME280" → context v2 → BOM v1 → "replace the DHT22 with a
// BME280" → BOM v2 (wiring and code marked stale) → wiring with diagram → firmware in three units.
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/agents/intent';
import { applyTurnPlan } from '@/lib/agents/design/apply';
import { contentSchemaByType, type ProjectState, type TurnPlan } from '@/lib/agents/design/contract';
import { emptyProjectState, planTurn } from '@/lib/agents/design/plan';

function turn(state: ProjectState, message: string): { plan: TurnPlan; state: ProjectState } {
  const plan = planTurn({ message, intent: classifyIntent(message, state), state });
  for (const write of plan.writes) contentSchemaByType[write.type].parse(write.contentJson);
  return { plan, state: applyTurnPlan(state, plan, message) };
}

describe('the weather-station story', () => {
  it('goes from a description to a versioned context, BOM, wiring and firmware', () => {
    let state = emptyProjectState as ProjectState;
    let step = turn(state, 'Build an ESP32 weather station with a DHT22 and an OLED');
    expect(step.plan).toMatchObject({ intent: 'CONTEXT', agent: 'conversational', question: false });
    expect(step.plan.projectName).toBe('ESP32 weather station');
    expect(step.plan.writes.map((w) => [w.type, w.base, w.changeSummary])).toEqual([
      ['context', null, 'Initial version'],
    ]);
    state = step.state;
    expect(state.artifacts.context!.json.parts.map((p) => p.key)).toEqual(['dht22', 'ssd1306']);
    expect(state.artifacts.context!.json.board).toBe('esp32-devkitc');

    step = turn(state, 'add a BME280');
    expect(step.plan.intent).toBe('CONTEXT');
    expect(step.plan.writes[0]).toMatchObject({
      type: 'context',
      base: { expectedVersion: 1 },
      changeSummary: 'Added BME280',
    });
    state = step.state;
    expect(state.artifacts.context!.version).toBe(2);

    step = turn(state, 'Generate the BOM');
    expect(step.plan).toMatchObject({ intent: 'BOM', agent: 'bomGenerator' });
    state = step.state;
    const bom1 = state.artifacts.bom!.json;
    expect(bom1.lines.map((l) => l.ref)).toEqual(
      expect.arrayContaining([
        'esp32-devkitc',
        'dht22',
        'ssd1306',
        'bme280',
        'r-pullup-dht22',
        'power-supply',
        'breadboard',
        'jumper-wires',
      ]),
    );
    expect(bom1.lines.find((l) => l.ref === 'r-pullup-dht22')!.catalogueKey).toBe('resistor-10k');

    step = turn(state, 'now the wiring');
    expect(step.plan.writes.map((w) => w.type)).toEqual(['wiring', 'circuit_diagram']);
    state = step.state;
    step = turn(state, 'write the firmware');
    state = step.state;
    expect(state.artifacts.code!.json.wiringVersion).toBe(1);

    step = turn(state, 'replace the DHT22 with a BME280');
    expect(step.plan).toMatchObject({ intent: 'BOM', agent: 'bomGenerator' });
    const summary = step.plan.writes[0].changeSummary;
    expect(summary).toMatch(/^Replaced DHT22 with BME280 \(I2C, 3\.3 V\)/);
    expect(summary).toContain('removed the 10 kΩ pull-up for the DHT22 DATA line');
    expect(summary).toMatch(/total −\$\d+\.\d\d$/);
    expect(step.plan.stale.map((s) => s.mark?.current)).toEqual([
      { type: 'bom', version: 2 },
      { type: 'bom', version: 2 },
      { type: 'bom', version: 2 },
    ]);
    expect(step.plan.reply).toContain('update the wiring');
    state = step.state;
    expect(state.artifacts.wiring!.stale).not.toBeNull();
    expect(state.artifacts.bom!.json.lines.some((l) => l.catalogueKey === 'dht22')).toBe(false);

    step = turn(state, 'update the wiring');
    expect(step.plan.intent).toBe('WIRING');
    expect(step.plan.stale).toEqual(
      expect.arrayContaining([
        { artifactId: state.artifacts.wiring!.artifactId, mark: null },
        { artifactId: state.artifacts.circuit_diagram!.artifactId, mark: null },
      ]),
    );
    state = step.state;
    expect(state.artifacts.wiring!.stale).toBeNull();
    expect(state.artifacts.wiring!.json.bomVersion).toBe(2);
    expect(state.artifacts.circuit_diagram!.content).toMatch(/^<svg /);

    step = turn(state, 'update the code');
    state = step.state;
    const code = state.artifacts.code!.json;
    expect(code.wiringVersion).toBe(2);
    expect(new Set(code.files.map((f) => f.unit))).toEqual(new Set([1, 2, 3]));
    const main3 = code.files.find((f) => f.filename === 'unit3_full/src/main.cpp')!;
    expect(main3.content).toContain('#include <Adafruit_BME280.h>');
    expect(main3.content).toContain('Wire.begin(21, 22)');
    expect(main3.content).not.toContain('DHT');
    expect(code.files.filter((f) => f.isProductionReady).every((f) => f.unit === 3)).toBe(true);
  });
});
