import { MockLanguageModelV4 } from 'ai/test';
import { generatedText } from '../support/mock-model';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseDatasheet } from '@/lib/analysis/datasheet/analyse';
import { readPdfText } from '@/lib/analysis/datasheet/pdf-text';
import { renderDatasheetMarkdown, summariseDatasheet } from '@/lib/analysis/datasheet/render';
import { emptyFacts, type DatasheetFacts } from '@/lib/analysis/datasheet/schema';
import { corruptPdf, makeDatasheetPdf, makeShortDatasheetPdf, truncated } from './fixtures/datasheet-pdf';

const attachmentId = '00000000-0000-4000-8000-000000000002';
let bme280: Uint8Array;
beforeAll(async () => {
  bme280 = await makeDatasheetPdf();
});

const analyse = (bytes: Uint8Array, model?: MockLanguageModelV4) =>
  analyseDatasheet({
    bytes,
    filename: 'BST-BME280-DS002.pdf',
    attachmentId,
    model: model ? { model, label: 'mock/reader' } : null,
  });

const generated = (facts: unknown) => generatedText(JSON.stringify(facts), { input: 900, output: 80 });

describe('the offline datasheet reader on a 40-page datasheet', () => {
  it('reads the part number, supply and logic ranges, each quoted with its page', async () => {
    const analysis = await analyse(bme280);
    expect(analysis).toMatchObject({
      status: 'analysed',
      pageCount: 40,
      pagesRead: 40,
      truncated: false,
      method: 'offline',
    });
    expect(analysis.partNumber).toMatchObject({ value: 'BME280', quote: { page: 1 } });
    expect(analysis.supplyVoltage).toEqual({
      min: 1.71,
      max: 3.6,
      quote: { page: 3, text: '• Supply voltage VDD 1.71 V to 3.6 V' },
    });
    expect(analysis.logicVoltage).toMatchObject({ min: 1.2, max: 3.6, quote: { page: 3 } });
    expect(analysis.typicalCurrent).toMatchObject({ milliamps: 0.0036, quote: { page: 3 } });
  });

  it('reads the absolute maximum ratings from their section, not from the table of contents', async () => {
    const { absoluteMaximum } = await analyse(bme280);
    expect(absoluteMaximum.map((r) => r.quote.page)).toEqual(Array(absoluteMaximum.length).fill(12));
    expect(absoluteMaximum).toContainEqual(
      expect.objectContaining({ parameter: 'Voltage at any supply pin VDD and VDDIO', value: '-0.3 4.25 V' }),
    );
    expect(absoluteMaximum.map((r) => r.parameter)).toEqual(
      expect.arrayContaining(['Pressure', 'ESD HBM, at any pin']),
    );
    expect(absoluteMaximum.some((r) => /Table|Functional/.test(r.parameter))).toBe(false);
  });

  it('finds both I2C addresses and ignores register addresses and the chip id', async () => {
    const { i2cAddresses } = await analyse(bme280);
    expect(i2cAddresses.map((a) => a.address)).toEqual(['0x76', '0x77']);
    expect(i2cAddresses.every((a) => a.quote.page === 32)).toBe(true);
  });

  it('reads the pin table', async () => {
    const { pins } = await analyse(bme280);
    expect(pins.map((p) => `${p.number} ${p.name}`)).toEqual([
      '1 GND',
      '2 CSB',
      '3 SDI',
      '4 SCK',
      '5 SDO',
      '6 VDDIO',
      '7 GND',
      '8 VDD',
    ]);
    expect(pins[5]).toMatchObject({ description: 'Supply Digital / Interface supply', quote: { page: 35 } });
  });

  it('renders every fact with its page, and a summary for the chat', async () => {
    const analysis = await analyse(bme280);
    const markdown = renderDatasheetMarkdown(analysis);
    expect(markdown).toContain('| Supply voltage | 1.71–3.6 V (p. 3) |');
    expect(markdown).toContain('| I2C address | 0x77 | p. 32:');
    expect(summariseDatasheet(analysis)).toMatch(
      /^I read the \*\*BME280\*\* datasheet \(40 of 40 pages\): supply 1\.71–3\.6 V/,
    );
  });
});

describe('other PDFs', () => {
  it('reads a plain one-page sheet', async () => {
    const analysis = await analyse(await makeShortDatasheetPdf());
    expect(analysis).toMatchObject({
      partNumber: { value: 'XYZ9000' },
      supplyVoltage: { min: 2.4, max: 5.5 },
      i2cAddresses: [{ address: '0x29' }],
      typicalCurrent: { milliamps: 0.12 },
    });
  });

  it('says a corrupt or truncated PDF could not be read, and never throws', async () => {
    for (const bytes of [corruptPdf(), truncated(bme280), new Uint8Array([0x25, 0x50, 0x44, 0x46])]) {
      const analysis = await analyse(bytes);
      expect(analysis).toMatchObject({ status: 'unreadable', pageCount: 0, partNumber: null, pins: [] });
      expect(analysis.reason).toMatch(/could not be read as a PDF/);
      expect(summariseDatasheet(analysis)).toMatch(/^I could not read/);
    }
  });

  it('stops at the page cap and says which pages it read', async () => {
    const text = await readPdfText(bme280, { maxPages: 10, maxChars: 1e6, maxPageChars: 1e5, deadlineMs: 1e5 });
    expect(text).toMatchObject({ pageCount: 40, truncated: true });
    expect(text.pages).toHaveLength(10);
    const capped = await readPdfText(bme280, { maxPages: 80, maxChars: 2_000, maxPageChars: 1e5, deadlineMs: 1e5 });
    expect(capped.truncated).toBe(true);
    expect(capped.pages.length).toBeLessThan(40);
  });
});

describe('the model reader', () => {
  it('keeps facts whose quotes are on their page and drops the rest', async () => {
    const facts: DatasheetFacts = {
      ...emptyFacts(),
      partNumber: { value: 'BME280', quote: { page: 1, text: 'BME280' } },
      supplyVoltage: { min: 1.71, max: 3.6, quote: { page: 3, text: 'Supply voltage VDD 1.71 V to 3.6 V' } },
      // Invented: no page says this.
      logicVoltage: { min: 1.8, max: 5, quote: { page: 3, text: 'Interface voltage 1.8 V to 5 V' } },
      // True words, wrong page.
      i2cAddresses: [
        { address: '0x76', quote: { page: 32, text: 'slave address 1110110 (0x76)' } },
        { address: '0x77', quote: { page: 5, text: 'slave address 1110111 (0x77)' } },
      ],
    };
    const model = new MockLanguageModelV4({ doGenerate: generated(facts) });
    const analysis = await analyse(bme280, model);
    expect(model.doGenerateCalls[0].responseFormat).toMatchObject({ type: 'json' });
    expect(JSON.stringify(model.doGenerateCalls[0].prompt)).toContain('=== page 32 ===');
    expect(analysis).toMatchObject({ method: 'model', model: 'mock/reader', droppedQuotes: 2, logicVoltage: null });
    expect(analysis.supplyVoltage).toMatchObject({ min: 1.71, max: 3.6 });
    expect(analysis.i2cAddresses.map((a) => a.address)).toEqual(['0x76']);
  });

  it('falls back to the offline reader when the model fails, and says so', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error('quota exceeded');
      },
    });
    const analysis = await analyse(bme280, model);
    expect(analysis).toMatchObject({ method: 'offline', status: 'analysed', partNumber: { value: 'BME280' } });
    expect(analysis.reason).toMatch(/model could not read it \(.*quota exceeded.*\), so it was read offline/);
  });
});
