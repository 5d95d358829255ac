// The maker's edits as operations on a version: BOM lines by ref (quantity, a catalogue part, a price) with the
// totals recomputed and the parts rows to match, a code file, a document's sections; refused plainly when the
// version they land on no longer has the line or file (a replay after a conflict).
import { describe, expect, it } from 'vitest';
import { applyArtifactEdit, applyBomEdit, EditRefused, sectionsFromMarkdown } from '../../lib/artifacts/edits.ts';
import { diffBom } from '../../lib/artifacts/diff/bom.ts';
import { weatherStationBom, weatherStationBomV1 } from './fixtures/weather-station-bom.ts';
import { weatherStationCode } from './fixtures/weather-station-code.ts';

describe('BOM line edits', () => {
  it('change a quantity and a price, recompute the total, and leave the other lines alone', () => {
    const next = applyBomEdit(weatherStationBom, [
      { ref: 'ssd1306', quantity: 2, catalogueKey: 'ssd1306', unitPrice: 5 },
    ]);
    const line = next.lines.find((l) => l.ref === 'ssd1306')!;
    expect(line).toMatchObject({ quantity: 2, unitPrice: { amount: 5, currency: 'USD' }, linePrice: { amount: 10 } });
    expect(line.source).toBe('user');
    const diff = diffBom(weatherStationBom, next);
    expect(diff.changed.map((c) => c.ref)).toEqual(['ssd1306']);
    expect(diff.unchangedCount).toBe(weatherStationBom.lines.length - 1);
    const before = weatherStationBom.lines.find((l) => l.ref === 'ssd1306')!.linePrice!.amount;
    expect(next.totals.subtotal.amount).toBeCloseTo(weatherStationBom.totals.subtotal.amount - before + 10, 2);
    expect(next.totals.partCount).toBe(weatherStationBom.totals.partCount + 1);
  });

  it('swap a line for another catalogue part, keeping its ref so the diff shows one changed line', () => {
    const next = applyBomEdit(weatherStationBom, [
      { ref: 'bme280', quantity: 1, catalogueKey: 'sht31', unitPrice: null },
    ]);
    const line = next.lines.find((l) => l.ref === 'bme280')!;
    expect(line.catalogueKey).toBe('sht31');
    expect(line.name).toMatch(/SHT31/);
    const diff = diffBom(weatherStationBom, next);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0].fields.map((f) => f.field)).toContain('name');
  });

  it('refuse a line the version no longer lists, and a part the catalogue does not hold', () => {
    expect(() =>
      applyBomEdit(weatherStationBom, [{ ref: 'dht22', quantity: 1, catalogueKey: null, unitPrice: null }]),
    ).toThrow(new EditRefused('This version no longer lists the line "dht22".'));
    expect(() =>
      applyBomEdit(weatherStationBomV1, [
        { ref: 'dht22', quantity: 1, catalogueKey: 'flux-capacitor', unitPrice: null },
      ]),
    ).toThrow('The catalogue has no part "flux-capacitor".');
  });

  it('give the new version its markdown and one parts row per line', () => {
    const edited = applyArtifactEdit(
      { type: 'bom', title: 'Weather BOM' },
      { content: null, contentJson: weatherStationBom },
      {
        kind: 'bom',
        lines: [{ ref: 'ssd1306', quantity: 3, catalogueKey: 'ssd1306', unitPrice: null }],
      },
    );
    expect(edited.content).toMatch(/^# Weather BOM/);
    expect(edited.rows.parts).toHaveLength(weatherStationBom.lines.length);
    expect(edited.rows.parts!.find((p) => (p as { ref: string }).ref === 'ssd1306')).toMatchObject({ quantity: 3 });
  });
});

describe('code and document edits', () => {
  it('replace one code file and mark it not production ready', () => {
    const file = weatherStationCode.files[0];
    const edited = applyArtifactEdit(
      { type: 'code', title: 'Firmware' },
      { content: 'x', contentJson: weatherStationCode },
      {
        kind: 'code',
        filename: file.filename,
        content: '// mine',
      },
    );
    const files = (edited.contentJson as typeof weatherStationCode).files;
    expect(files.find((f) => f.filename === file.filename)).toMatchObject({
      content: '// mine',
      isProductionReady: false,
    });
    expect(files.slice(1)).toEqual(weatherStationCode.files.slice(1));
    expect(edited.rows.codeFiles).toHaveLength(weatherStationCode.files.length);
    expect(() =>
      applyArtifactEdit(
        { type: 'code', title: 'Firmware' },
        { content: 'x', contentJson: weatherStationCode },
        {
          kind: 'code',
          filename: 'gone.cpp',
          content: '',
        },
      ),
    ).toThrow('This version has no file gone.cpp.');
  });

  it('keep an MVP section list beside its markdown, and refuse an edit of the wrong kind', () => {
    const edited = applyArtifactEdit(
      { type: 'mvp', title: 'MVP' },
      { content: '', contentJson: null },
      {
        kind: 'document',
        content: '# MVP\n\n## Goal\nRead the weather.\n\n## Scope\nOne sensor.',
      },
    );
    expect(edited.contentJson).toEqual({
      sections: [
        { heading: 'Goal', body: 'Read the weather.' },
        { heading: 'Scope', body: 'One sensor.' },
      ],
    });
    expect(sectionsFromMarkdown('no headings')).toEqual([]);
    expect(() =>
      applyArtifactEdit(
        { type: 'wiring', title: 'Wiring' },
        { content: '', contentJson: null },
        { kind: 'document', content: 'x' },
      ),
    ).toThrow(EditRefused);
  });
});
