import { describe, expect, it } from 'vitest';
import { datasheetPartOf } from '@/lib/analysis/datasheet/parts';
import { analyseDatasheet } from '@/lib/analysis/datasheet/analyse';
import { planTurn } from '@/lib/agents/design/plan';
import { basisFromContext, buildBom } from '@/lib/agents/design/bom';
import { bomSchema, type ContextDoc, type DatasheetPart } from '@/lib/agents/design/contract';
import { makeShortDatasheetPdf } from '../fixtures/datasheet-pdf';

const context = (unknownParts: string[], parts: ContextDoc['parts'] = []): ContextDoc => ({
  goal: 'light logger',
  board: 'esp32-devkitc',
  sensing: [],
  parts,
  unknownParts,
  display: null,
  connectivity: ['wifi'],
  power: { source: 'usb', notes: '' },
  environment: 'indoor',
  budget: null,
  constraints: [],
  openQuestions: [],
});

async function xyz9000(): Promise<DatasheetPart> {
  const analysis = await analyseDatasheet({
    bytes: await makeShortDatasheetPdf(),
    filename: 'xyz9000.pdf',
    attachmentId: '00000000-0000-4000-8000-000000000003',
  });
  return datasheetPartOf(analysis, 'artifact-1')!;
}

describe('a part the catalogue lacks, with its datasheet attached', () => {
  it('is built from the datasheet and marked as such', async () => {
    const datasheet = await xyz9000();
    const bom = buildBom(basisFromContext(context(['XYZ9000'])), [datasheet]);
    const line = bom.lines.find((l) => l.ref === 'unknown-xyz9000')!;
    expect(line).toMatchObject({
      source: 'datasheet',
      verified: false,
      mpn: 'XYZ9000',
      voltage: '2.4–5.5 V',
      interface: 'I2C',
      i2cAddress: '0x29',
      currentMa: { typical: 0.12, peak: 0.12 },
      datasheet: { artifactId: 'artifact-1', supplyV: { min: 2.4, max: 5.5, page: 1 } },
    });
    expect(line.reason).toMatch(/from the datasheet you attached \(p\. 1\)/);
    expect(bomSchema.safeParse(bom).success).toBe(true);
    // Without the datasheet it stays a bare unknown line.
    const without = buildBom(basisFromContext(context(['XYZ9000'])));
    expect(without.lines.find((l) => l.ref === 'unknown-xyz9000')).toMatchObject({ source: 'user', voltage: null });
  });

  it('takes part in the I2C address rule with catalogue parts', async () => {
    const bom = buildBom(basisFromContext(context(['XYZ9000'], [{ key: 'vl53l0x', name: 'VL53L0X', quantity: 1 }])), [
      await xyz9000(),
    ]);
    const clash = bom.warnings.find((w) => w.rule === 'i2c-address' && w.severity === 'error');
    expect(clash).toMatchObject({ refs: expect.arrayContaining(['unknown-xyz9000']) });
    expect(clash!.message).toMatch(/XYZ9000.*0x29|0x29/);
  });

  it('gets a logic-level warning from its datasheet range, with the page', async () => {
    const lowVoltage: DatasheetPart = { ...(await xyz9000()), logicV: { min: 1.62, max: 1.98, page: 7 } };
    const bom = buildBom(basisFromContext(context(['XYZ9000'])), [lowVoltage]);
    expect(bom.warnings).toContainEqual(
      expect.objectContaining({ rule: 'logic-level', severity: 'error', reason: 'its datasheet says so on page 7' }),
    );
  });

  it('reaches the BOM generator through the project state', async () => {
    const plan = planTurn({
      message: 'Make the BOM for an ESP32 light logger with an XYZ9000 sensor',
      intent: 'BOM',
      state: { project: null, artifacts: {}, recent: [], datasheets: [await xyz9000()] },
    });
    const bom = bomSchema.parse(plan.writes[0].contentJson);
    expect(bom.lines.find((l) => l.mpn === 'XYZ9000')).toMatchObject({ source: 'datasheet', i2cAddress: '0x29' });
  });
});
