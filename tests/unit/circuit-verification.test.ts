import { describe, expect, it } from 'vitest';
import { designFromArtifacts } from '@/lib/analysis/circuit/design';
import { parseSexp } from '@/lib/analysis/circuit/kicad';
import { summariseVerification, verifyCircuitFile } from '@/lib/analysis/circuit/verify';
import { buildWokwiDiagram } from '@/lib/exports/wokwi';
import { weatherStationBom } from './fixtures/weather-station-bom';
import { weatherStationWiring } from './fixtures/weather-station-wiring';
import { weatherStationNetlist } from './fixtures/kicad-netlist';

const design = designFromArtifacts({ bom: weatherStationBom, wiring: weatherStationWiring, wiringVersion: 2 });
const attachmentId = '00000000-0000-4000-8000-000000000001';
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (value: string) => new TextEncoder().encode(value);
const exported = () => buildWokwiDiagram({ bom: weatherStationBom, wiring: weatherStationWiring }).diagram;

function checkWokwi(diagram: unknown, filename = 'diagram.json') {
  return verifyCircuitFile({ bytes: json(diagram), fileType: 'application/json', filename, attachmentId, design });
}
function checkNetlist(netlist: string, filename = 'station.net') {
  return verifyCircuitFile({
    bytes: text(netlist),
    fileType: 'application/x-kicad-netlist',
    filename,
    attachmentId,
    design,
  });
}

describe('a Wokwi diagram.json against the wiring', () => {
  it('matches when it is the diagram OHM exported for this wiring', () => {
    const result = checkWokwi(exported());
    expect(result.status).toBe('matches');
    expect(result.counts).toMatchObject({ missing: 0, extra: 0, swapped: 0 });
    expect(result.counts.matched).toBe(result.counts.expected);
    expect(result.counts.expected).toBeGreaterThan(8);
    expect(summariseVerification(result)).toContain('matches wiring v2');
  });

  it('names a missing wire with the step it breaks', () => {
    const diagram = exported();
    diagram.connections = diagram.connections.filter(([a, b]) => !(a === 'oled1:SDA' && b === 'esp:21'));
    const result = checkWokwi(diagram);
    expect(result.status).toBe('differs');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      kind: 'missing',
      step: 3,
      stepTitle: 'Wire the SSD1306 display',
      wires: [9],
    });
    expect(result.findings[0].message).toBe(
      'Step 3 (Wire the SSD1306 display): wire 9, SSD1306 SDA → ESP32-DevKitC GPIO21, is not in diagram.json.',
    );
  });

  it('reports SDA and SCL crossed at the display as one swap, not two missing and two extra wires', () => {
    const diagram = exported();
    diagram.connections = diagram.connections.map((c) =>
      c[0] === 'oled1:SDA'
        ? ['oled1:SDA', 'esp:22', c[2], c[3]]
        : c[0] === 'oled1:SCL'
          ? ['oled1:SCL', 'esp:21', c[2], c[3]]
          : c,
    );
    const result = checkWokwi(diagram);
    expect(result.counts).toMatchObject({ swapped: 1, missing: 0, extra: 0 });
    expect(result.findings[0]).toMatchObject({ kind: 'swapped', step: 3, wires: [9, 10] });
    expect(result.findings[0].message).toContain('SSD1306 SDA goes to ESP32-DevKitC GPIO22');
  });

  it('flags an extra wire that joins two nets, with the step whose wire it touches', () => {
    const diagram = exported();
    diagram.connections.push(['bmp1:SDA', 'esp:3V3', 'red', []]);
    const result = checkWokwi(diagram);
    expect(result.counts).toMatchObject({ extra: 1, missing: 0, swapped: 0 });
    expect(result.findings[0]).toMatchObject({ kind: 'extra', step: 2 });
    expect(result.findings[0].message).toMatch(
      /joins BME280 SDA to MCP1700 3.3 V LDO regulator VOUT, which the wiring does not; it breaks step 2/,
    );
  });

  it('matches a diagram drawn by hand with its own ids and the same circuit daisy-chained', () => {
    const diagram = exported();
    const rename: Record<string, string> = { oled1: 'display', bmp1: 'sensor', esp: 'mcu', r1: 'ra', r2: 'rb' };
    diagram.parts = diagram.parts.map((p) => ({ ...p, id: rename[p.id] ?? p.id }));
    diagram.connections = diagram.connections.map(([a, b, c, r]) => {
      const swap = (e: string) => e.replace(/^([^:]+)/, (id) => rename[id] ?? id);
      return [swap(a), swap(b), c, r];
    });
    // The display's SDA goes to the sensor's SDA instead of the board: the same net.
    diagram.connections = diagram.connections.map((c) =>
      c[0] === 'display:SDA' ? ['display:SDA', 'sensor:SDA', c[2], c[3]] : c,
    );
    expect(checkWokwi(diagram).status).toBe('matches');
  });

  it('lists parts the project does not have and says when the file is not a diagram', () => {
    const diagram = exported();
    diagram.parts.push({ type: 'wokwi-led', id: 'led9', top: 0, left: 0, attrs: {} });
    diagram.connections.push(['led9:A', 'esp:2', 'green', []]);
    const result = checkWokwi(diagram);
    expect(result.unknownParts).toEqual(['led9 (wokwi-led)']);
    expect(result.findings.some((f) => f.kind === 'extra' && f.message.includes('led9 (not in the project)'))).toBe(
      true,
    );
    expect(checkWokwi({ hello: 'world' })).toMatchObject({ status: 'unreadable' });
    const broken = verifyCircuitFile({
      bytes: text('{"parts": ['),
      fileType: 'application/json',
      filename: 'd.json',
      attachmentId,
      design,
    });
    expect(broken).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('not valid JSON') });
  });

  it('says there is nothing to check against when the chat has no wiring', () => {
    const result = verifyCircuitFile({
      bytes: json(exported()),
      fileType: 'application/json',
      filename: 'd.json',
      attachmentId,
      design: null,
    });
    expect(result).toMatchObject({ status: 'no-wiring', wiringVersion: null });
  });
});

describe('a KiCad netlist against the wiring', () => {
  it('matches the netlist of the same circuit, with components the project lacks listed', () => {
    const result = checkNetlist(weatherStationNetlist());
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('matches');
    expect(result.counts.matched).toBe(14);
    expect(result.unknownParts).toEqual(['C1 (100n)']);
  });

  it('finds a missing, a swapped and an extra connection', () => {
    const missing = checkNetlist(weatherStationNetlist({ drop: ['U3', '4'] }));
    expect(missing.findings).toMatchObject([{ kind: 'missing', step: 2, wires: [6] }]);
    const swapped = checkNetlist(weatherStationNetlist({ swapDisplayBus: true }));
    expect(swapped.findings).toMatchObject([{ kind: 'swapped', step: 3, wires: [9, 10] }]);
    const extra = checkNetlist(weatherStationNetlist({ extra: ['SDA', 'U4', '1'] }));
    expect(extra.findings).toMatchObject([{ kind: 'extra' }]);
    expect(extra.findings[0].message).toMatch(/SSD1306 GND/);
  });

  it('refuses a file that is not a netlist with a reason', () => {
    expect(checkNetlist('(export (version "E")').reason).toMatch(/cut short/);
    expect(checkNetlist('(kicad_pcb (version 2024))').reason).toMatch(/not a KiCad netlist/);
    expect(() => parseSexp('(a))')).toThrow(/unmatched/);
  });
});
