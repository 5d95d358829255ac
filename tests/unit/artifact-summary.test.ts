import { describe, expect, it } from 'vitest';
import type { Budget, ContextDoc } from '@/lib/agents/design/contract';
import { partLabel } from '@/lib/artifacts/diff/summary-bom';
import { summariseChange } from '@/lib/artifacts/diff/summary';
import { bomLine, weatherStationBom, weatherStationBomV1 } from './fixtures/weather-station-bom';
import { weatherStationCode } from './fixtures/weather-station-code';
import { weatherStationWiring, weatherStationWiringV1 } from './fixtures/weather-station-wiring';

const clone = <T>(x: T): T => structuredClone(x);

describe('summariseChange: bom', () => {
  it('says what replaced what, what went with it, and the total delta', () => {
    expect(summariseChange('bom', weatherStationBomV1, weatherStationBom)).toBe(
      'Replaced DHT22 with BME280 (I2C, 3.3 V); removed its 10 kΩ pull-up; total −$2.10',
    );
  });

  it('says "Initial version" for a first version and "No changes" for a copy', () => {
    expect(summariseChange('bom', null, weatherStationBom)).toBe('Initial version');
    expect(summariseChange('bom', weatherStationBom, clone(weatherStationBom))).toBe('No changes');
  });

  it('names added lines, quantity changes and the total', () => {
    const after = clone(weatherStationBom);
    after.lines.push(bomLine({ ref: 'led-status', name: 'Green LED 3 mm', quantity: 2, role: 'actuator', price: 0.1 }));
    after.lines.find((l) => l.ref === 'c-ldo')!.quantity = 3;
    after.totals.subtotal = { amount: 26.34, currency: 'USD' };
    expect(summariseChange('bom', weatherStationBom, after)).toBe(
      'Added 2× Green LED 3 mm; 1 µF ceramic capacitor 0805 ×2 → ×3; total +$0.30',
    );
  });

  it('reports a currency change instead of a delta', () => {
    const after = clone(weatherStationBom);
    after.totals.subtotal = { amount: 24, currency: 'EUR' };
    expect(summariseChange('bom', weatherStationBom, after)).toBe('Total USD → EUR ($26.04 → €24.00)');
  });

  it('counts the clauses it cuts and keeps the total last', () => {
    const after = clone(weatherStationBom);
    for (const line of after.lines.slice(0, 5)) line.quantity += 1;
    after.totals.subtotal = { amount: 40, currency: 'USD' };
    const summary = summariseChange('bom', weatherStationBom, after);
    expect(summary).toMatch(/; and 2 more changes; total \+\$13\.96$/);
  });

  it('shortens names to their part number where they start with one', () => {
    expect(partLabel({ name: 'SSD1306 0.96" OLED 128×64 (I2C)' })).toBe('SSD1306');
    expect(partLabel({ name: 'ESP32-DevKitC V4 (ESP32-WROOM-32E)' })).toBe('ESP32-DevKitC');
    expect(partLabel({ name: '4.7 kΩ resistor 0805 (SDA pull-up)' })).toBe('4.7 kΩ resistor 0805');
    expect(partLabel({ name: 'Half-size breadboard (400 tie points)' })).toBe('Half-size breadboard');
  });
});

describe('summariseChange: other types', () => {
  it('wiring: names the parts whose wires came and went, not the board', () => {
    expect(summariseChange('wiring', weatherStationWiringV1, weatherStationWiring)).toBe(
      'Added 4 wires (bme280); removed 5 wires (dht22, r-pullup-dht22); revised the steps; rebuilt from BOM v2',
    );
  });

  it('wiring: says where a re-routed wire went', () => {
    const after = clone(weatherStationWiring);
    after.connections.find((c) => c.from.ref === 'ssd1306' && c.from.pin === 'SDA')!.to.pin = 'GPIO4';
    after.connections[0].wireColor = 'orange';
    expect(summariseChange('wiring', weatherStationWiring, after)).toBe(
      'Moved ssd1306 SDA from GPIO21 to GPIO4; recoloured 1 wire',
    );
  });

  it('wiring: names both parts when a re-routed wire lands on another part', () => {
    const after = clone(weatherStationWiring);
    after.connections.find((c) => c.from.ref === 'ssd1306' && c.from.pin === 'VCC')!.to = {
      ref: 'esp32-devkitc',
      pin: '3V3',
      pinType: 'power',
    };
    expect(summariseChange('wiring', weatherStationWiring, after)).toBe(
      'Moved ssd1306 VCC from ldo-3v3:VOUT to esp32-devkitc:3V3',
    );
  });

  it('code: lists changed files with their line counts and new libraries', () => {
    const after = clone(weatherStationCode);
    after.files[0].content += '// calibrated offsets\n';
    after.files[0].requiredLibraries.push('bblanchon/ArduinoJson@^7.2.0');
    expect(summariseChange('code', weatherStationCode, after)).toBe(
      'Changed unit1_calibration/src/main.cpp (+1 −0); new libraries bblanchon/ArduinoJson',
    );
  });

  it('documents: by section heading, or by lines for markdown', () => {
    const before = {
      sections: [
        { heading: 'Goal', body: 'A weather station' },
        { heading: 'Scope', body: 'Indoor' },
      ],
    };
    const after = {
      sections: [
        { heading: 'Goal', body: 'An outdoor weather station' },
        { heading: 'Risks', body: 'Rain' },
      ],
    };
    expect(summariseChange('prd', before, after)).toBe('Rewrote Goal; added Risks; removed Scope');
    expect(summariseChange('mvp', '# MVP\nOne sensor\n', '# MVP\nTwo sensors\nA display\n')).toBe(
      'Edited the text (+2 −1 lines)',
    );
  });

  it('context: board, parts and budget changes', () => {
    const before: ContextDoc = {
      goal: 'weather station',
      board: null,
      sensing: ['temperature'],
      parts: [{ key: 'dht22', name: 'DHT22', quantity: 1 }],
      unknownParts: [],
      display: null,
      connectivity: ['wifi'],
      power: { source: 'usb', notes: '' },
      environment: 'indoor',
      budget: { amount: 30, currency: 'USD' },
      constraints: [],
      openQuestions: [],
    };
    const after: ContextDoc = {
      ...clone(before),
      board: 'esp32',
      parts: [{ key: 'bme280', name: 'BME280', quantity: 1 }],
      budget: { amount: 25, currency: 'USD' },
    };
    expect(summariseChange('context', before, after)).toBe(
      'Board unset → esp32; added BME280; removed DHT22; budget $30.00 → $25.00',
    );
  });

  it('budget and circuit diagram', () => {
    const before: Budget = {
      bomVersion: 1,
      target: { amount: 27, currency: 'USD' },
      total: { amount: 28.14, currency: 'USD' },
      difference: { amount: 1.14, currency: 'USD' },
      status: 'over',
      savings: [],
    };
    const after: Budget = { ...before, bomVersion: 2, total: { amount: 26.04, currency: 'USD' }, status: 'under' };
    expect(summariseChange('budget', before, after)).toBe('Total $28.14 → $26.04; now under; for BOM v2');
    expect(
      summariseChange(
        'circuit_diagram',
        { wiringVersion: 1, width: 480, height: 240 },
        { wiringVersion: 2, width: 480, height: 240 },
      ),
    ).toBe('Redrew the diagram from wiring v2');
  });
});
