import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Wiring } from '@/lib/agents/design/contract';
import { exportWiringPdf, unsafeSvgReason } from '@/lib/exports/wiring-pdf';
import { weatherStationBom } from './fixtures/weather-station-bom';
import { weatherStationDiagramSvg, weatherStationWiring } from './fixtures/weather-station-wiring';

async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  // PDF text extraction joins wrapped lines with a newline; compare text as one run of words.
  return { text: text.replace(/\s+/g, ' '), totalPages };
}

const station = {
  projectName: 'Garden Weather Station',
  wiring: { version: 2, json: weatherStationWiring },
  bom: { version: 2, json: weatherStationBom },
  diagramSvg: weatherStationDiagramSvg,
};

describe('exportWiringPdf', () => {
  it('prints the title, parts, diagram labels, every step and the connection table', async () => {
    const file = await exportWiringPdf(station);
    expect(file).toMatchObject({ filename: 'wiring-v2.pdf', contentType: 'application/pdf' });
    expect(new TextDecoder().decode(file.bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await readPdf(file.bytes);
    expect(text).toContain('Garden Weather Station: wiring');
    expect(text).toContain('Wiring v2, built from BOM v2. 14 wires in 4 steps.');
    expect(text).toContain('1 × BME280 breakout (temperature, humidity, pressure), 3.3 V (bme280)');
    for (const step of weatherStationWiring.steps) {
      expect(text).toContain(`${step.number}. ${step.title}`);
      expect(text).toContain(step.instruction.replace(/\s+/g, ' ').replace(/µ/g, 'μ').slice(0, 60));
    }
    expect(text).toContain('☐ wire 9: SSD1306 SDA → ESP32-DevKitC GPIO21 (blue, 3.3 V)');
    expect(text).toContain('4.7 kΩ resistor 0805 (r-pullup-scl) 2 → ESP32-DevKitC GPIO22');
    expect(text).toContain('# From To Wire Voltage Signal');
    // A narrow table cell wraps after a hyphen ('(r-' / 'pullup-scl)'): join those back.
    expect(text.replace(/- /g, '-')).toContain(
      '14 4.7 kΩ resistor 0805 (r-pullup-scl) 2 → ESP32-DevKitC GPIO22 yellow 3.3 V I2C',
    );
    // The diagram is drawn from the SVG, with its own text in the embedded font.
    expect(text).toContain('BME280 (0x76)');
    expect(text).toMatch(/SDA → GPIO21, SCL → GPIO22, 3\.3 V, 1 [µμ]F, −40…85 °C/);
  });

  it('keeps Ω, µ, ° and arrows: the embedded DejaVu font has them', async () => {
    const { text } = await readPdf((await exportWiringPdf(station)).bytes);
    for (const glyph of ['Ω', '°', '→', '☐', 'I²C']) expect(text).toContain(glyph);
    expect(text).toMatch(/[µμ]F/);
  });

  it('prints the open warnings with their fix', async () => {
    const wiring: Wiring = structuredClone(weatherStationWiring);
    wiring.connections[4].warnings.push({
      rule: 'bus-pull-up',
      severity: 'warning',
      message: 'Two sets of pull-ups on SDA',
      reason: 'The breakout has its own 10 kΩ.',
      fix: 'Remove R1 or cut the breakout jumper.',
      refs: [],
      pins: [],
      resolved: false,
    });
    const { text } = await readPdf((await exportWiringPdf({ ...station, wiring: { version: 3, json: wiring } })).bytes);
    expect(text).toContain('⚠ Two sets of pull-ups on SDA');
    expect(text).toContain('Fix: Remove R1 or cut the breakout jumper.');
  });

  it('runs a long connection table over several pages with the header on each', async () => {
    const wiring: Wiring = structuredClone(weatherStationWiring);
    const base = wiring.connections[5];
    wiring.connections = Array.from({ length: 120 }, (_, i) => ({ ...structuredClone(base), sequence: i + 1 }));
    const { text, totalPages } = await readPdf(
      (await exportWiringPdf({ ...station, wiring: { version: 4, json: wiring } })).bytes,
    );
    expect(totalPages).toBeGreaterThanOrEqual(3);
    expect(text.split('# From To Wire Voltage Signal').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('120 BME280 SCL → ESP32-DevKitC GPIO22');
  });

  it('leaves out an SVG that would load files, and says why', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/passwd"/></svg>';
    expect(unsafeSvgReason(svg)).toBe('it embeds images, scripts or foreign content');
    expect(unsafeSvgReason('<svg><use xlink:href="file:///x"/></svg>')).toBe('it links to something outside itself');
    expect(unsafeSvgReason('<html>')).toBe('it is not an SVG document');
    expect(unsafeSvgReason(weatherStationDiagramSvg)).toBeNull();
    const { text } = await readPdf((await exportWiringPdf({ ...station, diagramSvg: svg })).bytes);
    expect(text).toContain('The diagram is not drawn here: it embeds images, scripts or foreign content.');
  });

  it('works without a BOM or a diagram, naming parts by ref', async () => {
    const { text } = await readPdf((await exportWiringPdf({ projectName: 'Bare', wiring: station.wiring })).bytes);
    expect(text).toContain('☐ wire 1: ldo-3v3 VIN → esp32-devkitc 5V (red, 5 V)');
    expect(text).not.toContain('Diagram');
  });

  it('says what is missing for a project with no wiring', async () => {
    await expect(exportWiringPdf({ projectName: 'x', wiring: null })).rejects.toThrow(
      'This project has no wiring yet, so there is nothing to make the wiring PDF from. Ask OHM to wire the BOM first.',
    );
  });
});
