import { describe, expect, it } from 'vitest';
import type { CodeArtifact, Wiring } from '@/lib/agents/design/contract';
import { diffCode } from '@/lib/artifacts/diff/code';
import { diffWiring, renderWiringSteps, wireKey } from '@/lib/artifacts/diff/wiring';
import { weatherStationCode } from './fixtures/weather-station-code';
import { weatherStationWiring, weatherStationWiringV1 } from './fixtures/weather-station-wiring';

const clone = <T>(x: T): T => structuredClone(x);

describe('diffWiring', () => {
  it('finds no change between a wiring and its copy', () => {
    const diff = diffWiring(weatherStationWiring, clone(weatherStationWiring));
    expect(diff.identical).toBe(true);
    expect(diff.unchangedCount).toBe(14);
  });

  it('keys wires by their ends, not by sequence: DHT22 → BME280 swaps the sensor wires only', () => {
    const diff = diffWiring(weatherStationWiringV1, weatherStationWiring);
    expect(diff.removed.map(wireKey)).toEqual([
      'dht22:VCC ↔ ldo-3v3:VOUT',
      'dht22:GND ↔ esp32-devkitc:GND',
      'dht22:DATA ↔ esp32-devkitc:GPIO4',
      'ldo-3v3:VOUT ↔ r-pullup-dht22:1',
      'esp32-devkitc:GPIO4 ↔ r-pullup-dht22:2',
    ]);
    expect(diff.added.map((c) => `${c.from.ref}:${c.from.pin}`)).toEqual([
      'bme280:VIN',
      'bme280:GND',
      'bme280:SDA',
      'bme280:SCL',
    ]);
    // The display and pull-up wires got new sequence numbers but are the same wires.
    expect(diff.changed).toEqual([]);
    expect(diff.rerouted).toEqual([]);
    expect(diff.unchangedCount).toBe(10);
    expect(diff.bomVersion).toEqual({ before: 1, after: 2 });
    expect(diff.steps.identical).toBe(false);
  });

  it('treats a wire drawn the other way round as the same wire', () => {
    const after = clone(weatherStationWiring);
    const c = after.connections[6];
    [c.from, c.to] = [c.to, c.from];
    expect(diffWiring(weatherStationWiring, after).identical).toBe(true);
  });

  it('reports a wire whose from pin now goes somewhere else as re-routed', () => {
    const after = clone(weatherStationWiring);
    const sda = after.connections.find((c) => c.from.ref === 'ssd1306' && c.from.pin === 'SDA')!;
    sda.to = { ref: 'esp32-devkitc', pin: 'GPIO4', pinType: 'i2c-sda' };
    const diff = diffWiring(weatherStationWiring, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.rerouted).toHaveLength(1);
    expect(diff.rerouted[0].from).toEqual({ ref: 'ssd1306', pin: 'SDA' });
    expect(diff.rerouted[0].before.to.pin).toBe('GPIO21');
    expect(diff.rerouted[0].after.to.pin).toBe('GPIO4');
  });

  it('does not call two different parts on the same board pin a re-route', () => {
    const after = clone(weatherStationWiring);
    const gnd = after.connections.find((c) => c.from.ref === 'bme280' && c.from.pin === 'GND')!;
    gnd.from = { ref: 'ssd1306', pin: 'GND2', pinType: 'ground' };
    const diff = diffWiring(weatherStationWiring, after);
    expect(diff.rerouted).toEqual([]);
    expect([diff.added.length, diff.removed.length]).toEqual([1, 1]);
  });

  it('lists changed colour and voltage of a wire that stayed', () => {
    const after = clone(weatherStationWiring);
    after.connections[0].wireColor = 'orange';
    after.connections[0].voltage = '5.0 V';
    const [change] = diffWiring(weatherStationWiring, after).changed;
    expect(change.key).toBe('esp32-devkitc:5V ↔ ldo-3v3:VIN');
    expect(change.fields).toEqual([
      { field: 'wireColor', before: 'red', after: 'orange' },
      { field: 'voltage', before: '5 V', after: '5.0 V' },
    ]);
  });

  it('matches parallel duplicate wires one for one', () => {
    const after = clone(weatherStationWiring);
    after.connections.push({ ...clone(after.connections[1]), sequence: 99 });
    const diff = diffWiring(weatherStationWiring, after);
    expect(diff.added).toHaveLength(1);
    expect(diff.unchangedCount).toBe(14);
  });

  it('diffs the steps as text, word by word', () => {
    const after: Wiring = clone(weatherStationWiring);
    after.steps[2].instruction = after.steps[2].instruction.replace('GPIO22', 'GPIO19');
    const { steps } = diffWiring(weatherStationWiring, after);
    expect(steps).toMatchObject({ added: 1, removed: 1 });
    const added = steps.hunks[0].inline.find((l) => l.kind === 'added')!;
    expect(added.segments.filter((s) => s.change === 'added').map((s) => s.text)).toEqual(['GPIO19']);
    expect(renderWiringSteps(after)).toContain('3. Wire the SSD1306 display');
  });
});

describe('diffCode', () => {
  it('finds no change between a code artifact and its copy', () => {
    expect(diffCode(weatherStationCode, clone(weatherStationCode))).toMatchObject({ identical: true, files: [] });
  });

  it('reports added, removed and changed files with a text diff and library changes', () => {
    const after: CodeArtifact = clone(weatherStationCode);
    const full = after.files.find((f) => f.filename === 'unit3_full/src/main.cpp')!;
    full.content = full.content.replace('60ULL', '300ULL');
    full.requiredLibraries = full.requiredLibraries
      .filter((l) => !l.startsWith('knolleary'))
      .concat('bblanchon/ArduinoJson@^7.2.0');
    after.files = after.files.filter((f) => f.filename !== 'unit3_full/include/secrets.h.example');
    after.files.push({ ...clone(full), filename: 'unit3_full/src/mqtt.cpp', content: '// mqtt\n' });
    const diff = diffCode(weatherStationCode, after);
    expect(diff.files.map((f) => [f.filename, f.status])).toEqual([
      ['unit3_full/src/main.cpp', 'changed'],
      ['unit3_full/src/mqtt.cpp', 'added'],
      ['unit3_full/include/secrets.h.example', 'removed'],
    ]);
    expect(diff.files[0].text).toMatchObject({ added: 1, removed: 1 });
    expect(diff.files[0].libraries).toEqual({
      added: ['bblanchon/ArduinoJson@^7.2.0'],
      removed: ['knolleary/PubSubClient@^2.8'],
    });
    expect(diff.files[1].text.added).toBe(1);
    expect(diff.files[2].text.removed).toBe(3);
    expect(diff.unchangedCount).toBe(2);
  });

  it('reports board, unit and production-readiness changes', () => {
    const after = clone(weatherStationCode);
    after.board = 'esp32-s3-devkitc-1';
    after.units[2].title = 'Full (MQTT)';
    after.files[2].isProductionReady = false;
    const diff = diffCode(weatherStationCode, after);
    expect(diff.board).toEqual({ before: 'esp32dev', after: 'esp32-s3-devkitc-1' });
    expect(diff.units.retitled).toEqual([{ unit: 3, before: 'Full', after: 'Full (MQTT)' }]);
    expect(diff.files[0].productionReady).toEqual({ before: true, after: false });
  });
});
