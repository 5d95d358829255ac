// The engine's outputs as the runner stores them: the diagram SVG (well-formed, escaped, script-free), the rows each
// version owns, verifyArtifact on model-shaped objects, and the intent classifier's state-aware routing.
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '@/lib/agents/intent';
import { escapeXml } from '@/lib/agents/design/svg';
import { rowsForWrite } from '@/lib/agents/design/rows';
import { verifyArtifact } from '@/lib/agents/design/verify';
import type { Bom } from '@/lib/agents/design/contract';
import { emptyProjectState } from '@/lib/agents/design/plan';
import { replay } from './replay';

const station = 'Build an ESP32 weather station with a DHT22, a BME280 and an OLED';

/** A strict little XML check: every tag closes in order, attributes are quoted, text has no raw < or &. */
function assertWellFormed(xml: string) {
  const stack: string[] = [];
  const tokens = xml.match(/<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      expect(token).not.toMatch(/&(?!(lt|gt|amp|apos|quot);)/);
      continue;
    }
    expect(token).toMatch(/^<\/?[a-zA-Z][\w:-]*(\s+[\w:-]+="[^"<]*")*\s*\/?>$/);
    const name = /^<\/?([\w:-]+)/.exec(token)![1];
    if (token.startsWith('</')) expect(stack.pop()).toBe(name);
    else if (!token.endsWith('/>')) stack.push(name);
  }
  expect(stack).toEqual([]);
}

describe('the circuit diagram', () => {
  it('is well-formed SVG with no script, no links and no external references', () => {
    const { state } = replay([station, 'Generate the BOM', 'now the wiring']);
    const svg = state.artifacts.circuit_diagram!.content!;
    assertWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href|javascript:|on\w+=|<foreignObject|url\(/i);
    const wires = state.artifacts.wiring!.json.connections.length;
    expect(svg.match(/<path /g)).toHaveLength(wires);
    expect(svg).toContain('GPIO21');
    expect(svg).toContain('stroke="#1565c0"'); // SDA in blue
    expect(state.artifacts.circuit_diagram!.json.wiringVersion).toBe(1);
  });

  it('escapes text it draws', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe(
      '&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;',
    );
  });
});

describe('the rows a version owns', () => {
  it('maps BOM lines to parts rows, connections to rows keyed by ref, and code files to code_files rows', () => {
    const { state } = replay([station, 'Generate the BOM', 'write the firmware']);
    const bom = state.artifacts.bom!.json;
    const parts = rowsForWrite({ type: 'bom', contentJson: bom }).parts;
    expect(parts).toHaveLength(bom.lines.length);
    expect(parts.find((p) => p.ref === 'dht22')).toMatchObject({
      name: 'DHT22 (AM2302) temperature and humidity sensor',
      part_number: 'AM2302',
      manufacturer: 'Aosong',
      quantity: 1,
      price: 9.95,
      supplier: 'Adafruit 385',
      supplier_url: 'https://www.adafruit.com/product/385',
      interface_type: 'GPIO',
      current: '1.5 mA typ, 2.5 mA peak',
    });
    const connections = rowsForWrite({ type: 'wiring', contentJson: state.artifacts.wiring!.json }).connections;
    const refs = new Set(parts.map((p) => p.ref));
    for (const row of connections) {
      expect(refs.has(row.from_ref) && refs.has(row.to_ref)).toBe(true);
      expect(row.from_pin.length).toBeLessThanOrEqual(50);
      expect(row.wire_color!.length).toBeLessThanOrEqual(30);
    }
    expect(connections.map((c) => c.sequence_number)).toEqual(connections.map((_, i) => i + 1));
    const files = rowsForWrite({ type: 'code', contentJson: state.artifacts.code!.json }).codeFiles;
    expect(files.map((f) => f.unit_number).sort()).toEqual([1, 1, 2, 2, 3, 3, 3]);
    expect(files.filter((f) => f.is_production_ready).every((f) => f.unit_number === 3)).toBe(true);
    expect(rowsForWrite({ type: 'context', contentJson: state.artifacts.context!.json })).toEqual({
      parts: [],
      connections: [],
      codeFiles: [],
    });
  });
});

describe('verifyArtifact', () => {
  const story = replay([station, 'Generate the BOM']).state;
  const bom = story.artifacts.bom!.json;

  it('refuses an object of the wrong shape with the issues', () => {
    const result = verifyArtifact('bom', { lines: [] }, emptyProjectState);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  });

  it('keeps an unknown part unverified, recomputes totals and adds a missing pull-up', () => {
    const model: Bom = structuredClone(bom);
    model.lines = model.lines.filter((l) => l.ref !== 'r-pullup-dht22');
    model.lines.push({
      ...model.lines[1],
      ref: 'mystery',
      catalogueKey: 'not-a-part',
      name: 'Mystery sensor XK-9',
      mpn: 'XK-9',
    });
    model.totals = { subtotal: { amount: 1, currency: 'USD' }, lineCount: 1, partCount: 1 };
    const result = verifyArtifact('bom', model, emptyProjectState);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as Bom;
    expect(value.lines.find((l) => l.ref === 'mystery')).toMatchObject({ catalogueKey: null, verified: false });
    expect(value.lines.find((l) => l.ref === 'r-pullup-dht22')?.catalogueKey).toBe('resistor-10k');
    expect(value.totals.lineCount).toBe(value.lines.length);
    expect(value.totals.subtotal.amount).toBeGreaterThan(30);
    expect(result.warnings.map((w) => w.rule)).toEqual(expect.arrayContaining(['unknown-part', 'repaired']));
  });

  it('matches a model line to the catalogue by its MPN', () => {
    const model: Bom = structuredClone(bom);
    model.lines[2] = { ...model.lines[2], catalogueKey: null, verified: false };
    const result = verifyArtifact('bom', model, emptyProjectState);
    expect(result.ok && (result.value as Bom).lines[2].catalogueKey).toBe(bom.lines[2].catalogueKey);
  });

  it('turns a wiring on flash and input-only pins into warnings, and refuses refs that are not in the BOM', () => {
    const wired = replay([station, 'Generate the BOM', 'now the wiring']).state;
    const wiring = structuredClone(wired.artifacts.wiring!.json);
    const data = wiring.connections.find(
      (c) => c.from.ref === 'dht22' && c.from.pin === 'DATA' && c.to.ref === 'esp32-devkitc',
    )!;
    data.to.pin = 'GPIO34';
    const sda = wiring.connections.find((c) => c.from.ref === 'bme280' && c.from.pin === 'SDA')!;
    sda.to.pin = 'GPIO7';
    const result = verifyArtifact('wiring', wiring, wired);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.warnings.map((w) => w.rule)).toEqual(expect.arrayContaining(['input-only-pin', 'flash-pin']));
    wiring.connections[0].from.ref = 'ghost';
    const refused = verifyArtifact('wiring', wiring, wired);
    expect(refused).toEqual({ ok: false, issues: ['connection names ghost, which is not a line of the BOM'] });
  });

  it('never lets units 1 and 2 be production-ready and adds lib_deps an include needs', () => {
    const coded = replay([station, 'Generate the BOM', 'write the firmware']).state;
    const code = structuredClone(coded.artifacts.code!.json);
    for (const file of code.files) {
      file.isProductionReady = true;
      file.requiredLibraries = [];
    }
    const result = verifyArtifact('code', code, coded);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const files = (result.value as typeof code).files;
    expect(files.filter((f) => f.isProductionReady).map((f) => f.unit)).toEqual([3, 3, 3]);
    expect(files.find((f) => f.filename === 'unit1_calibration/src/main.cpp')!.requiredLibraries).toContain(
      'adafruit/DHT sensor library@^1.4.6',
    );
  });
});

describe('the intent classifier', () => {
  const withBom = replay([station, 'Generate the BOM']).state;
  const withContext = replay([station]).state;

  it.each([
    ['now the wiring', 'WIRING'],
    ['Generate the BOM', 'BOM'],
    ['write the firmware', 'CODE'],
    ['is it within budget?', 'BUDGET'],
    ['write an MVP spec', 'MVP'],
    ['and now the PRD', 'PRD'],
    ['replace the DHT22 with a BME280', 'BOM'],
    ['run it on a battery', 'BOM'],
    ['hello', 'CHAT'],
  ])('with a BOM, "%s" → %s', (message, intent) => expect(classifyIntent(message, withBom)).toBe(intent));

  it('sends edits to the context while there is no BOM, and an explicit request wins over the phase', () => {
    expect(classifyIntent('replace the DHT22 with a BME280', withContext)).toBe('CONTEXT');
    expect(classifyIntent('add a BH1750', withContext)).toBe('CONTEXT');
    expect(classifyIntent('it will be outdoors', withContext)).toBe('CONTEXT');
    expect(classifyIntent('now the wiring', withContext)).toBe('WIRING');
    expect(classifyIntent('ESP32 weather station with a BME280 and a Wi-Fi connection', emptyProjectState)).toBe(
      'CONTEXT',
    );
    expect(classifyIntent('How do I wire the BME280 to the ESP32?', emptyProjectState)).toBe('WIRING');
  });
});
