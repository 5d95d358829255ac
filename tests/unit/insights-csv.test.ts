// The insights CSV: formula-safe text cells (OWASP's seven characters, NUL, the full-width forms), typed numbers
// (a negative number is not escaped), RFC 4180 quoting that survives a parse back.
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { insightsCsv, type InsightsCsvRow } from '@/lib/insights/csv';

const row = (chat: string, extra: Partial<InsightsCsvRow> = {}): InsightsCsvRow => ({
  day: '2026-11-30',
  chat_title: chat,
  project_name: null,
  agent_name: 'bomGenerator',
  agent_model: 'anthropic/claude-sonnet-5-5',
  messages: 3,
  unpriced_messages: 0,
  input_uncached_tokens: 1200,
  cache_read_tokens: 800,
  cache_write_tokens: 0,
  output_tokens: 400,
  cost: 0.01234,
  ...extra,
});

function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parseCsv(csv, { bom: true, skip_empty_lines: true }) as string[][];
}

describe('insightsCsv', () => {
  it('writes a header and one typed line per row', () => {
    const [header, line] = parse(insightsCsv([row('Weather station')]));
    expect(header[0]).toBe('Day (UTC)');
    expect(header.at(-1)).toBe('Cost (USD)');
    expect(line).toEqual([
      '2026-11-30',
      'Weather station',
      '',
      'bomGenerator',
      'anthropic/claude-sonnet-5-5',
      '3',
      '0',
      '1200',
      '800',
      '0',
      '400',
      '0.01234',
    ]);
  });

  it.each(['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '\nx', '\0x', '＝1+2', '＋1', '－1', '＠x'])(
    'prefixes a quote to a text cell starting with %j',
    (payload) => {
      const [, line] = parse(insightsCsv([row(payload)]));
      expect(line[1]).toBe(`'${payload}`);
    },
  );

  it('keeps quotes, separators and new lines inside one cell', () => {
    const title = 'a,b;"c"\nd =x';
    const csv = insightsCsv([row(title)]);
    expect(csv).toContain('"a,b;""c""\nd =x"');
    expect(parse(csv)[1][1]).toBe(title);
  });

  it('leaves a negative number alone: numbers are not text', () => {
    const [, line] = parse(insightsCsv([row('x', { cost: -0.5 })]));
    expect(line.at(-1)).toBe('-0.5');
  });
});
