import { describe, expect, it } from 'vitest';
import { OhmError } from '@/lib/errors';
import {
  buildWokwiDiagram,
  exportWokwiDiagram,
  lintWokwiDiagram,
  resolveWokwiPin,
  wokwiParts,
} from '@/lib/exports/wokwi';
import table from '@/lib/exports/wokwi-parts.json';
import { weatherStationBom, weatherStationBomV1 } from './fixtures/weather-station-bom';
import { weatherStationWiring, weatherStationWiringV1 } from './fixtures/weather-station-wiring';

const clone = <T>(x: T): T => structuredClone(x);

describe('the shipped Wokwi pin tables', () => {
  it('alias only onto pins the part has, with the reference pin names for the weather-station parts', () => {
    for (const [type, spec] of Object.entries(wokwiParts)) {
      const pins = spec.pins.split(' ');
      expect(new Set(pins).size, type).toBe(pins.length);
      for (const target of Object.values(spec.aliases ?? {}))
        expect(pins, `${type} alias → ${target}`).toContain(target);
      for (const pin of spec.serial ?? []) expect(pins).toContain(pin);
    }
    expect(wokwiParts['board-esp32-devkit-c-v4'].pins.split(' ')).toEqual(
      expect.arrayContaining(['21', '22', 'GND.1', '3V3']),
    );
    expect(wokwiParts['wokwi-dht22'].pins).toBe('VCC SDA NC GND');
    expect(wokwiParts['board-ssd1306'].pins).toBe('GND VCC SCL SDA');
    expect(table.matches.every((m) => !('type' in m) || m.type! in wokwiParts)).toBe(true);
  });

  it('map GPIO names per board: GPIO21 is "21" on the DevKitC and "D21" on the DevKit v1', () => {
    expect(resolveWokwiPin('board-esp32-devkit-c-v4', 'GPIO21')).toBe('21');
    expect(resolveWokwiPin('wokwi-esp32-devkit-v1', 'GPIO21')).toBe('D21');
    expect(resolveWokwiPin('board-esp32-devkit-c-v4', 'GND')).toBe('GND.1');
    expect(resolveWokwiPin('board-esp32-devkit-c-v4', 'GPIO1')).toBe('TX');
    expect(resolveWokwiPin('wokwi-dht22', 'DATA')).toBe('SDA');
    expect(resolveWokwiPin('board-esp32-devkit-c-v4', 'GPIO40')).toBeNull();
    expect(resolveWokwiPin('wokwi-esp32-devkit-v1', 'GPIO0')).toBeNull(); // the v1 board has no D0 pin
  });
});

describe('buildWokwiDiagram', () => {
  it('draws the BME280 station with a BMP180 standing in, and says so', () => {
    const { diagram, substitutions, notes } = buildWokwiDiagram({
      bom: weatherStationBom,
      wiring: weatherStationWiring,
    });
    expect(diagram).toMatchObject({ version: 1, editor: 'wokwi', dependencies: {} });
    expect(diagram.parts.map((p) => [p.id, p.type])).toEqual([
      ['esp', 'board-esp32-devkit-c-v4'],
      ['bmp1', 'board-bmp180'],
      ['oled1', 'board-ssd1306'],
      ['r1', 'wokwi-resistor'],
      ['r2', 'wokwi-resistor'],
    ]);
    expect(diagram.parts[1].attrs.ohmNote).toMatch(/Stands in for BME280 breakout .* Wokwi has no BME280/);
    expect(diagram.parts[3].attrs.value).toBe('4700');
    expect(substitutions).toEqual([expect.objectContaining({ ref: 'bme280', type: 'board-bmp180' })]);
    expect(notes.join('\n')).toMatch(/MCP1700 .* board's 3V3 pin/);
    expect(notes.join('\n')).toMatch(/Not in the simulation .*1 µF ceramic capacitor 0805, Half-size breadboard/);
    const wires = diagram.connections.map(([a, b, colour]) => `${a} ${b} ${colour}`);
    expect(wires).toEqual(
      expect.arrayContaining([
        'esp:TX $serialMonitor:RX ',
        'bmp1:VCC esp:3V3 red',
        'bmp1:SDA esp:21 blue',
        'bmp1:SCL esp:22 yellow',
        'oled1:GND esp:GND.1 black',
        'r1:2 esp:21 blue',
      ]),
    );
    // The regulator's own wires fold onto the board (VOUT is 3V3, its GND is the board's) or are left out (VIN).
    expect(wires.some((w) => w.includes('ldo'))).toBe(false);
    expect(lintWokwiDiagram(diagram)).toEqual([]);
  });

  it('draws the DHT22 version with the DHT22 data pin on GPIO4 and its 10 kΩ pull-up as a resistor', () => {
    const { diagram, substitutions } = buildWokwiDiagram({ bom: weatherStationBomV1, wiring: weatherStationWiringV1 });
    expect(substitutions).toEqual([]);
    expect(diagram.parts.find((p) => p.id === 'dht1')?.type).toBe('wokwi-dht22');
    const pullUp = diagram.parts.find((p) => p.attrs.value === '10000')!;
    expect(pullUp.type).toBe('wokwi-resistor');
    const wires = diagram.connections.map(([a, b]) => `${a} ${b}`);
    expect(wires).toContain('dht1:SDA esp:4');
    expect(wires).toContain(`${pullUp.id}:2 esp:4`);
  });

  it('refuses a pin Wokwi does not have, naming the wire and the pins there are', () => {
    const wiring = clone(weatherStationWiring);
    wiring.connections.find((c) => c.from.ref === 'ssd1306' && c.from.pin === 'SDA')!.to.pin = 'GPIO40';
    const attempt = () => buildWokwiDiagram({ bom: weatherStationBom, wiring });
    expect(attempt).toThrow(OhmError);
    expect(attempt).toThrow(
      /Wire 9 \(ssd1306:SDA → esp32-devkitc:GPIO40\) uses pin "GPIO40", which Wokwi's ESP32 DevKitC v4/,
    );
    expect(attempt).toThrow(/Its pins are: 3V3, EN, VP/);

    const badSensorPin = clone(weatherStationWiring);
    badSensorPin.connections.find((c) => c.from.ref === 'bme280' && c.from.pin === 'SDA')!.from.pin = 'SDO';
    expect(() => buildWokwiDiagram({ bom: weatherStationBom, wiring: badSensorPin })).toThrow(
      /BMP180 \(board-bmp180\) does not have/,
    );
  });

  it('refuses a BOM without a board Wokwi simulates', () => {
    const bom = clone(weatherStationBom);
    bom.lines = bom.lines.filter((l) => l.role !== 'mcu');
    expect(() => buildWokwiDiagram({ bom, wiring: weatherStationWiring })).toThrow(/Wokwi cannot simulate this board/);
  });

  it('lints an uploaded diagram: unknown types, bad pins and duplicate ids', () => {
    const problems = lintWokwiDiagram({
      parts: [
        { type: 'board-esp32-devkit-c-v4', id: 'esp', top: 0, left: 0, attrs: {} },
        { type: 'board-ssd1306', id: 'esp', top: 0, left: 0, attrs: {} },
        { type: 'wokwi-mystery', id: 'm1', top: 0, left: 0, attrs: {} },
      ],
      connections: [
        ['esp:D21', 'm1:X', 'blue', []],
        ['ghost:1', 'esp:TX', 'red', []],
      ],
    });
    expect(problems).toEqual([
      'Duplicate part id "esp".',
      'Part "m1" has a type OHM has no pin table for: wokwi-mystery.',
      'esp:D21: SSD1306 128×64 I2C OLED has no pin "D21".',
      'Connection to unknown part "ghost" (ghost:1).',
      'esp:TX: SSD1306 128×64 I2C OLED has no pin "TX".',
    ]);
  });

  it('exports diagram-v<wiring version>.json, and says what is missing without a BOM or wiring', () => {
    const file = exportWokwiDiagram({
      bom: { version: 2, json: weatherStationBom },
      wiring: { version: 5, json: weatherStationWiring },
    });
    expect(file.filename).toBe('diagram-v5.json');
    expect(file.contentType).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(file.bytes)).parts[0].type).toBe('board-esp32-devkit-c-v4');
    expect(() => exportWokwiDiagram({ bom: null, wiring: { version: 1, json: weatherStationWiring } })).toThrow(
      /no BOM yet/,
    );
    expect(() => exportWokwiDiagram({ bom: { version: 1, json: weatherStationBom }, wiring: null })).toThrow(
      /no wiring yet, so there is nothing to make the Wokwi diagram from\. Ask OHM to wire the BOM first\./,
    );
  });
});
