import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Bom } from '@/lib/agents/design/contract';
import { designateLines, kicadFootprint, packageOf } from '@/lib/exports/bom-rows';
import { bomToCsv, exportBomCsv } from '@/lib/exports/bom-csv';
import { OhmError } from '@/lib/errors';
import { bomLine, weatherStationBom } from './fixtures/weather-station-bom';
import { makeLargeBom } from './fixtures/large-bom';

const readBack = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// OWASP's seven formula starters, NUL (ASVS) and the full-width forms, each as the first character of a cell.
const payloads = [
  '=1+2',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '\n=1',
  '\0=1',
  '＝1',
  '＋1',
  '－1',
  '＠x',
  '=1+2";=1+2',
];
const dangerous = /^[=+\-@\t\r\n\0＝＋－＠]/;

function hostileBom(): Bom {
  const bom = structuredClone(weatherStationBom);
  bom.lines.push(
    ...payloads.map((p, i) =>
      bomLine({
        ref: `evil-${i}`,
        name: p,
        mpn: p,
        manufacturer: p,
        supplier: 'LCSC',
        supplierPartNumber: p,
        reason: p,
        quantity: 1,
        role: 'passive',
        price: 0.5,
        alternatives: [{ catalogueKey: p, name: p, unitPrice: null, note: p }],
      }),
    ),
  );
  return bom;
}

describe('BOM CSV', () => {
  it('universal: exact headers, one row per line, numbers as numbers and a currency column', () => {
    const file = exportBomCsv({ bom: { version: 3, json: weatherStationBom }, profile: 'universal' });
    expect(file.filename).toBe('bom-v3-universal.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const text = decode(file.bytes);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads Ω and µ only with a byte order mark
    const [header, ...rows] = readBack(text);
    expect(header.slice(0, 3)).toEqual(['Line', 'Quantity', 'Reference Designators']);
    expect(header).toContain('Supplier Part Number');
    expect(header).toContain('Line Total');
    expect(rows).toHaveLength(weatherStationBom.lines.length);
    const col = (name: string) => header.indexOf(name);
    const bme = rows.find((r) => r[col('OHM Ref')] === 'bme280')!;
    expect(bme[col('Reference Designators')]).toBe('U2');
    expect(bme[col('LCSC Part #')]).toBe('C92489');
    expect(bme[col('Unit Price')]).toBe('2.95');
    expect(bme[col('Currency')]).toBe('USD');
    const caps = rows.find((r) => r[col('OHM Ref')] === 'c-ldo')!;
    expect(caps[col('Reference Designators')]).toBe('C1,C2');
    expect(caps[col('Value')]).toBe('1 µF');
    expect(caps[col('Package')]).toBe('0805');
    expect(caps[col('Line Total')]).toBe('0.2');
    // Unquoted in the file: a spreadsheet reads them as numbers.
    expect(text).toMatch(/\r\n2,1,U2,BME280,/);
    const breadboard = rows.find((r) => r[col('OHM Ref')] === 'breadboard')!;
    expect(breadboard[col('Reference Designators')]).toBe('');
  });

  it('kicad: the kicad-cli header and quoting, placed parts only, with KiCad footprints', () => {
    const text = bomToCsv(weatherStationBom, 'kicad');
    expect(text.split('\r\n')[0]).toBe(
      '"Refs","Value","Footprint","Qty","DNP","Description","Manufacturer","MPN","LCSC","Datasheet"',
    );
    const [, ...rows] = readBack(text);
    expect(rows.map((r) => r[0])).toEqual(['U1', 'U2', 'U3', 'R1', 'R2', 'U4', 'C1,C2']);
    expect(rows.find((r) => r[0] === 'R1')).toEqual([
      'R1',
      '4.7 kΩ',
      'Resistor_SMD:R_0805_2012Metric',
      '1',
      '',
      '4.7 kΩ resistor 0805 (SDA pull-up)',
      'UNI-ROYAL',
      '0805W8F4701T5E',
      'C17673',
      '',
    ]);
    expect(rows.find((r) => r[0] === 'U4')![2]).toBe('Package_TO_SOT_THT:TO-92_Inline');
  });

  it('jlcpcb: exactly Comment,Designator,Footprint,LCSC Part # and at most 200 designators a row', () => {
    const text = bomToCsv(weatherStationBom, 'jlcpcb');
    expect(text.split('\r\n')[0]).toBe('Comment,Designator,Footprint,LCSC Part #');
    const [, ...rows] = readBack(text);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows.find((r) => r[1] === 'C1,C2')).toEqual(['1 µF', 'C1,C2', '0805', 'C28323']);

    const bom = structuredClone(weatherStationBom);
    bom.lines.push(bomLine({ ref: 'r-array', name: '1 kΩ resistor 0402', quantity: 450, role: 'passive', price: 0 }));
    const big = readBack(bomToCsv(bom, 'jlcpcb')).filter((r) => r[0] === '1 kΩ');
    expect(big.map((r) => r[1].split(',').length)).toEqual([200, 200, 50]);
    expect(big[0][1].startsWith('R3,R4')).toBe(true);
    const all = big.flatMap((r) => r[1].split(','));
    expect(new Set(all.map((d) => d.toUpperCase())).size).toBe(450); // JLC uppercases designators
  });

  it.each(['universal', 'kicad', 'jlcpcb'] as const)('%s: no text cell can start a formula', (profile) => {
    const rows = readBack(bomToCsv(hostileBom(), profile));
    const cells = rows.flat();
    expect(cells.filter((c) => dangerous.test(c))).toEqual([]);
    // The payloads are kept, made inert by a leading quote, not dropped.
    if (profile !== 'jlcpcb') expect(cells).toContain("'=1+2");
    expect(cells.some((c) => c.startsWith("'") && c.includes('=1+2";=1+2'))).toBe(true);
  });

  it('leaves unpriced cells empty and names the currency of each row', () => {
    const bom = structuredClone(weatherStationBom);
    bom.lines[1].unitPrice = null;
    bom.lines[1].linePrice = null;
    bom.lines[2].unitPrice = { amount: 3.2, currency: 'EUR' };
    bom.lines[2].linePrice = null;
    const [header, ...rows] = readBack(bomToCsv(bom, 'universal'));
    const cells = (row: string[]) => ['Unit Price', 'Currency', 'Line Total'].map((h) => row[header.indexOf(h)]);
    expect(cells(rows[1])).toEqual(['', '', '']);
    expect(cells(rows[2])).toEqual(['3.2', 'EUR', '3.2']); // unit × quantity when only the unit price is known
    expect(cells(rows[0])).toEqual(['10', 'USD', '10']);
  });

  it('keeps prices as plain numbers a formula check leaves alone', () => {
    const rows = readBack(bomToCsv(makeLargeBom(12), 'universal'));
    const price = rows[0].indexOf('Unit Price');
    expect(
      rows
        .slice(1)
        .map((r) => Number(r[price]))
        .every((n) => Number.isFinite(n) && n > 0),
    ).toBe(true);
  });

  it('says what is missing for a project with no BOM', () => {
    expect(() => exportBomCsv({ bom: null, profile: 'jlcpcb' })).toThrow(
      new OhmError(
        'bad_request:export',
        'This project has no BOM yet, so there is nothing to make the BOM CSV from. Ask OHM for a parts list first.',
      ),
    );
    try {
      exportBomCsv({ bom: undefined, profile: 'universal' });
    } catch (error) {
      expect((error as OhmError).status).toBe(400);
    }
  });

  it('designates lines per prefix and reads packages from names and MPNs', () => {
    const designated = designateLines(weatherStationBom);
    expect(designated.map((d) => d.designators.join(','))).toEqual([
      'U1',
      'U2',
      'U3',
      'R1',
      'R2',
      'U4',
      'C1,C2',
      '',
      '',
    ]);
    const line = (name: string, mpn: string | null = null) =>
      bomLine({ ref: 'x', name, mpn, quantity: 1, role: 'passive', price: 0 });
    expect(packageOf(line('LDO', 'AP2112K-3.3TRG1 SOT23-5'))).toBe('SOT-23-5');
    expect(packageOf(line('MCP1700 (TO92)'))).toBe('TO-92');
    expect(packageOf(line('Breakout board'))).toBe('');
    expect(kicadFootprint(line('100 nF 0402'), 'C')).toBe('Capacitor_SMD:C_0402_1005Metric');
  });
});
