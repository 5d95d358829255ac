// How a datasheet analysis reads: the artifact's markdown (every fact with its page) and the one-paragraph summary
// the chat shows.
import type { DatasheetAnalysis, VoltageRange } from './schema.ts';

const range = (r: VoltageRange | null) => (r ? `${r.min}–${r.max} V (p. ${r.quote.page})` : 'not found');

export function datasheetTitle(analysis: DatasheetAnalysis): string {
  return `Datasheet: ${analysis.partNumber?.value ?? analysis.filename}`.slice(0, 200);
}

export function summariseDatasheet(analysis: DatasheetAnalysis): string {
  if (analysis.status === 'unreadable') return `I could not read **${analysis.filename}**: ${analysis.reason}`;
  const found = [
    analysis.supplyVoltage && `supply ${range(analysis.supplyVoltage)}`,
    analysis.logicVoltage && `logic ${range(analysis.logicVoltage)}`,
    analysis.i2cAddresses.length > 0 && `I2C ${analysis.i2cAddresses.map((a) => a.address).join(' / ')}`,
    analysis.typicalCurrent && `typical ${analysis.typicalCurrent.value}`,
    analysis.pins.length > 0 && `${analysis.pins.length} pins`,
    analysis.absoluteMaximum.length > 0 && `${analysis.absoluteMaximum.length} absolute maximum ratings`,
  ].filter(Boolean);
  const part = analysis.partNumber ? `the **${analysis.partNumber.value}** datasheet` : `**${analysis.filename}**`;
  const pages = `${analysis.pagesRead} of ${analysis.pageCount} pages`;
  const facts = found.length ? `: ${found.join(', ')}` : ', but found none of the usual facts in its text';
  const note = analysis.reason ? ` ${analysis.reason}` : '';
  return `I read ${part} (${pages})${facts}. Each fact is quoted with its page in the analysis.${note}`;
}

export function renderDatasheetMarkdown(analysis: DatasheetAnalysis): string {
  const q = (quote: { page: number; text: string }) => `p. ${quote.page}: “${quote.text.replace(/\|/g, '\\|')}”`;
  const lines = [`# ${datasheetTitle(analysis)}`, '', summariseDatasheet(analysis)];
  if (analysis.status === 'unreadable') return lines.join('\n');
  lines.push('', '| Fact | Value | Source |', '|---|---|---|');
  if (analysis.partNumber)
    lines.push(`| Part number | ${analysis.partNumber.value} | ${q(analysis.partNumber.quote)} |`);
  if (analysis.supplyVoltage)
    lines.push(`| Supply voltage | ${range(analysis.supplyVoltage)} | ${q(analysis.supplyVoltage.quote)} |`);
  if (analysis.logicVoltage)
    lines.push(`| Logic voltage | ${range(analysis.logicVoltage)} | ${q(analysis.logicVoltage.quote)} |`);
  if (analysis.typicalCurrent)
    lines.push(`| Typical current | ${analysis.typicalCurrent.value} | ${q(analysis.typicalCurrent.quote)} |`);
  for (const a of analysis.i2cAddresses) lines.push(`| I2C address | ${a.address} | ${q(a.quote)} |`);
  if (analysis.absoluteMaximum.length) {
    lines.push('', '## Absolute maximum ratings', '', '| Parameter | Value | Source |', '|---|---|---|');
    for (const r of analysis.absoluteMaximum) lines.push(`| ${r.parameter} | ${r.value} | p. ${r.quote.page} |`);
  }
  if (analysis.pins.length) {
    lines.push('', '## Pins', '', '| Pin | Name | Description | Page |', '|---|---|---|---|');
    for (const p of analysis.pins)
      lines.push(`| ${p.number ?? '—'} | ${p.name} | ${p.description} | ${p.quote.page} |`);
  }
  lines.push(
    '',
    `Read ${analysis.method === 'model' ? `by ${analysis.model}, quotes checked against the text` : 'offline'}.`,
  );
  if (analysis.droppedQuotes)
    lines.push(`${analysis.droppedQuotes} facts were dropped: their quotes are not on the page named.`);
  return lines.join('\n');
}
