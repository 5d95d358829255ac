// The /insights table as CSV, safe to open in a spreadsheet: csv-stringify quotes per RFC 4180 and, with
// escape_formulas, prefixes ' to a text cell starting with = + - @ Tab CR (or their full-width forms); it leaves a
// leading LF and NUL alone, so the cast below covers them too (OWASP CSV injection, ASVS V1.2.10). Numbers stay
// numbers, so a count or a cost is never mangled.
import { stringify } from 'csv-stringify/sync';
import { guardFormulaStart } from '../csv/formula-safe.ts';

export type InsightsCsvRow = {
  day: string;
  chat_title: string | null;
  project_name: string | null;
  agent_name: string;
  agent_model: string;
  messages: number;
  unpriced_messages: number;
  input_uncached_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  cost: number;
};

const columns: { key: keyof InsightsCsvRow; header: string }[] = [
  { key: 'day', header: 'Day (UTC)' },
  { key: 'chat_title', header: 'Chat' },
  { key: 'project_name', header: 'Project' },
  { key: 'agent_name', header: 'Agent' },
  { key: 'agent_model', header: 'Model' },
  { key: 'messages', header: 'Replies' },
  { key: 'unpriced_messages', header: 'Unpriced replies' },
  { key: 'input_uncached_tokens', header: 'Input tokens (uncached)' },
  { key: 'cache_read_tokens', header: 'Cache read tokens' },
  { key: 'cache_write_tokens', header: 'Cache write tokens' },
  { key: 'output_tokens', header: 'Output tokens' },
  { key: 'cost', header: 'Cost (USD)' },
];

export function insightsCsv(rows: InsightsCsvRow[]): string {
  return stringify(rows, {
    bom: true,
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    escape_formulas: true,
    cast: {
      string: guardFormulaStart,
      number: (value) => String(value),
    },
  });
}

export function insightsCsvFilename(from: string, to: string): string {
  return `ohm-usage-${from}-to-${to}.csv`;
}
