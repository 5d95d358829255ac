import { describe, expect, it } from 'vitest';
import type { Bom } from '@/lib/agents/design/contract';
import { diffBom, foreignCurrencyLines, isDeepEqual } from '@/lib/artifacts/diff/bom';
import { formatMoney, formatSignedMoney } from '@/lib/artifacts/diff/money';
import { bomLine, weatherStationBom, weatherStationBomV1 } from './fixtures/weather-station-bom';

const clone = (bom: Bom): Bom => structuredClone(bom);

describe('diffBom', () => {
  it('finds no change between a BOM and its copy', () => {
    const diff = diffBom(weatherStationBom, clone(weatherStationBom));
    expect(diff.identical).toBe(true);
    expect(diff.unchangedCount).toBe(weatherStationBom.lines.length);
    expect(diff.total.change).toEqual({ kind: 'delta', currency: 'USD', before: 26.04, after: 26.04, delta: 0 });
  });

  it('keys lines by ref: DHT22 → BME280 is one removal, one addition, and the pull-up removal', () => {
    const diff = diffBom(weatherStationBomV1, weatherStationBom);
    expect(diff.removed.map((l) => l.ref)).toEqual(['dht22', 'r-pullup-dht22']);
    expect(diff.added.map((l) => l.ref)).toEqual(['bme280']);
    // The lines below the removed ones moved up two places and are not reported as changed.
    expect(diff.changed).toEqual([]);
    expect(diff.unchangedCount).toBe(8);
    expect(diff.total.change).toEqual({ kind: 'delta', currency: 'USD', before: 28.14, after: 26.04, delta: -2.1 });
    expect(diff.partCountDelta).toBe(-1);
  });

  it('reorders nothing into a change: the same lines in another order are identical', () => {
    const shuffled = clone(weatherStationBom);
    shuffled.lines.reverse();
    expect(diffBom(weatherStationBom, shuffled).identical).toBe(true);
  });

  it('lists the changed fields of a line old → new with the quantity and price deltas', () => {
    const after = clone(weatherStationBom);
    const caps = after.lines.find((l) => l.ref === 'c-ldo')!;
    caps.quantity = 3;
    caps.unitPrice = { amount: 0.08, currency: 'USD' };
    caps.linePrice = { amount: 0.24, currency: 'USD' };
    caps.supplier = 'DigiKey';
    const [change] = diffBom(weatherStationBom, after).changed;
    expect(change.ref).toBe('c-ldo');
    expect(change.fields.map((f) => f.field)).toEqual(['quantity', 'unitPrice', 'linePrice', 'supplier']);
    expect(change.fields[1]).toMatchObject({ beforeText: '$0.10', afterText: '$0.08' });
    expect(change.fields[3]).toMatchObject({ before: 'LCSC', after: 'DigiKey' });
    expect(change.quantityDelta).toBe(1);
    expect(change.unitPrice).toEqual({ kind: 'delta', currency: 'USD', before: 0.1, after: 0.08, delta: -0.02 });
    expect(change.linePrice).toMatchObject({ kind: 'delta', delta: 0.04 });
  });

  it('reports a currency change as such instead of subtracting euros from dollars', () => {
    const after = clone(weatherStationBom);
    const esp = after.lines[0];
    esp.unitPrice = { amount: 9.2, currency: 'EUR' };
    esp.linePrice = { amount: 9.2, currency: 'EUR' };
    after.totals.subtotal = { amount: 24.5, currency: 'EUR' };
    const diff = diffBom(weatherStationBom, after);
    expect(diff.changed[0].unitPrice).toEqual({
      kind: 'currency-changed',
      before: { amount: 10, currency: 'USD' },
      after: { amount: 9.2, currency: 'EUR' },
    });
    expect(diff.total.change.kind).toBe('currency-changed');
    expect(diff.identical).toBe(false);
  });

  it('tells a price that appeared or disappeared apart from a delta', () => {
    const after = clone(weatherStationBom);
    after.lines[1].unitPrice = null;
    after.lines[1].linePrice = null;
    const [change] = diffBom(weatherStationBom, after).changed;
    expect(change.unitPrice).toEqual({ kind: 'price-removed', before: { amount: 2.95, currency: 'USD' } });
    expect(change.fields[0]).toMatchObject({ field: 'unitPrice', afterText: '—' });
    const back = diffBom(after, weatherStationBom).changed[0];
    expect(back.unitPrice).toEqual({ kind: 'price-added', after: { amount: 2.95, currency: 'USD' } });
  });

  it('keys a ref repeated within one version by occurrence, so no line is lost', () => {
    const before = clone(weatherStationBom);
    const after = clone(weatherStationBom);
    after.lines.push(bomLine({ ref: 'c-ldo', name: '10 µF capacitor', quantity: 1, role: 'passive', price: 0.2 }));
    const diff = diffBom(before, after);
    expect(diff.added.map((l) => l.name)).toEqual(['10 µF capacitor']);
    expect(diff.changed).toEqual([]);
  });

  it('reports a change of the power budget, which no line shows', () => {
    const after = clone(weatherStationBom);
    after.power.peakMa = 620;
    const diff = diffBom(weatherStationBom, after);
    expect(diff.identical).toBe(false);
    expect(diff.power).toMatchObject({ before: { peakMa: 533 }, after: { peakMa: 620 } });
  });

  it('reports a change of the board line', () => {
    const after = clone(weatherStationBom);
    after.boardRef = null;
    expect(diffBom(weatherStationBom, after).boardRef).toEqual({ before: 'esp32-devkitc', after: null });
  });
});

describe('money and helpers', () => {
  it('prints amounts with their currency and a real minus sign', () => {
    expect(formatMoney({ amount: 2.1, currency: 'USD' })).toBe('$2.10');
    expect(formatMoney({ amount: 2.1, currency: 'SEK' })).toBe('SEK 2.10');
    expect(formatSignedMoney(-2.1, 'USD')).toBe('−$2.10');
    expect(formatSignedMoney(0.1 + 0.2 - 0.3, 'EUR')).toBe('€0.00');
    expect(formatSignedMoney(0.5, 'GBP')).toBe('+£0.50');
  });

  it('finds the lines priced in another currency than the total', () => {
    const bom = clone(weatherStationBom);
    bom.lines[2].unitPrice = { amount: 3, currency: 'EUR' };
    expect(foreignCurrencyLines(bom).map((l) => l.ref)).toEqual(['ssd1306']);
  });

  it('compares nested values deeply and treats undefined keys as absent', () => {
    expect(isDeepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(isDeepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(isDeepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(isDeepEqual([1], { 0: 1 })).toBe(false);
  });
});
