// KiCad netlists whose nodes name pins by number only, as a module or a dev board drawn as a plain header gives
// them: the numbers are read against the shipped pin tables, and a number no table names is reported, not guessed.
import { describe, expect, it } from 'vitest';
import { designFromArtifacts } from '@/lib/analysis/circuit/design';
import { pinByNumber } from '@/lib/analysis/circuit/pin-numbers';
import { summariseVerification, verifyCircuitFile } from '@/lib/analysis/circuit/verify';
import { weatherStationBom } from './fixtures/weather-station-bom';
import { weatherStationWiring } from './fixtures/weather-station-wiring';

const design = designFromArtifacts({ bom: weatherStationBom, wiring: weatherStationWiring, wiringVersion: 2 });

type Node = [ref: string, pin: number, pinfunction?: string];
const components = [
  ['U1', 'ESP32-DevKitC', 'Conn_02x19_Odd_Even'],
  ['U2', 'MCP1700-3302E', 'MCP1700x-330xxTT'],
  ['U3', 'BME280', 'Conn_01x04'],
  ['U4', 'SSD1306', 'Conn_01x04'],
  ['R1', '4.7k', 'R'],
  ['R2', '4k7', 'R'],
];
// The DevKitC v4 headers, J2 as pins 1–19 and J3 as 20–38: 5V is 19, the first GND 14, GPIO22 is 22, GPIO21 25.
// The breakouts are 4-pin headers in the order they print: BME280 VIN GND SCL SDA, SSD1306 VCC GND SCL SDA.
function numberedNetlist({
  regulatorNames = true,
  change = (nets: Record<string, Node[]>) => nets,
}: { regulatorNames?: boolean; change?: (nets: Record<string, Node[]>) => Record<string, Node[]> } = {}) {
  const reg = (pin: number, name: string): Node => (regulatorNames ? ['U2', pin, name] : ['U2', pin]);
  const nets = change({
    '+5V': [['U1', 19], reg(3, 'VI')],
    GND: [['U1', 14], reg(1, 'GND'), ['U3', 2], ['U4', 2]],
    '+3V3': [reg(2, 'VO'), ['U3', 1], ['U4', 1], ['R1', 1], ['R2', 1]],
    SDA: [
      ['U1', 25],
      ['U3', 4],
      ['U4', 4],
      ['R1', 2],
    ],
    SCL: [
      ['U1', 22],
      ['U3', 3],
      ['U4', 3],
      ['R2', 2],
    ],
  });
  const node = ([ref, pin, fn]: Node) =>
    `(node (ref "${ref}") (pin "${pin}")${fn ? ` (pinfunction "${fn}")` : ''} (pintype "passive"))`;
  return [
    '(export (version "E")',
    '  (design (source "station.kicad_sch") (tool "Eeschema 9.0.1"))',
    `  (components ${components
      .map(([ref, value, part]) => `(comp (ref "${ref}") (value "${value}") (libsource (lib "x") (part "${part}")))`)
      .join(' ')})`,
    `  (nets ${Object.entries(nets)
      .map(([name, nodes], i) => `(net (code "${i + 1}") (name "/${name}") ${nodes.map(node).join(' ')})`)
      .join('\n    ')}))`,
  ].join('\n');
}

const check = (netlist: string) =>
  verifyCircuitFile({
    bytes: new TextEncoder().encode(netlist),
    fileType: 'application/x-kicad-netlist',
    filename: 'station.net',
    attachmentId: '00000000-0000-4000-8000-000000000002',
    design,
  });

describe('a KiCad netlist with numbered pins', () => {
  it('matches when every number maps to the pin the wiring names', () => {
    const result = check(numberedNetlist());
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ status: 'matches', unmappedPins: [] });
    expect(result.counts.matched).toBe(14);
  });

  it('reads the numbers, not just their presence: the bus crossed at the board header is a swap', () => {
    const crossed = numberedNetlist({
      change: (nets) => ({
        ...nets,
        SDA: nets.SDA.map((n) => (n[0] === 'U1' ? ['U1', 22] : n)),
        SCL: nets.SCL.map((n) => (n[0] === 'U1' ? ['U1', 25] : n)),
      }),
    });
    const result = check(crossed);
    expect(result.counts.swapped).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.kind === 'swapped' && /GPIO2[12]/.test(f.message))).toBe(true);
  });

  it('says which pins it cannot name: a bare regulator by number, a pin past the end of its table', () => {
    const result = check(
      numberedNetlist({
        regulatorNames: false,
        change: (nets) => ({ ...nets, SDA: [...nets.SDA, ['U3', 7]] }),
      }),
    );
    expect(result.unmappedPins).toEqual([
      'U2 pin 3 (MCP1700 3.3 V LDO regulator: its pin numbers depend on the package; export the netlist with pin names)',
      'U2 pin 1 (MCP1700 3.3 V LDO regulator: its pin numbers depend on the package; export the netlist with pin names)',
      'U2 pin 2 (MCP1700 3.3 V LDO regulator: its pin numbers depend on the package; export the netlist with pin names)',
      'U3 pin 7 (BME280: its pin table (bme280) has 4 pins)',
    ]);
    // The regulator's wires cannot be checked, so they show as missing, never as wired to a guessed pin.
    expect(result.findings.every((f) => f.kind === 'missing')).toBe(true);
    expect(summariseVerification(result)).toContain(
      'Pins I could not name from their numbers (left unchecked): U2 pin 3',
    );
  });

  it('numbers bare parts by their package and boards by their header', () => {
    const line = (ref: string, catalogueKey: string, role: 'sensor' | 'mcu' = 'sensor') => ({
      ref,
      name: ref,
      catalogueKey,
      role,
      mpn: null,
      quantity: 1,
    });
    expect(pinByNumber(line('ds18b20', 'ds18b20'), 1)).toEqual({ name: 'GND' });
    expect(pinByNumber(line('dht22', 'dht22'), 2)).toEqual({ name: 'DATA' });
    expect(pinByNumber(line('esp', 'esp32-devkitc', 'mcu'), 3)).toEqual({ name: 'GPIO36' });
    expect(pinByNumber(line('esp', 'esp32-devkitc', 'mcu'), 23)).toEqual({ name: 'GPIO1' });
    expect(pinByNumber(line('uno', 'arduino-uno', 'mcu'), 1)).toEqual({
      unmapped: 'OHM has no numbered pin table for this board',
    });
  });
});
