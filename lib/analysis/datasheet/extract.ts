// The offline reader: facts a datasheet states in its usual places (the title page, the electrical characteristics
// table, "Absolute maximum ratings", the I2C section, the pin table), read with small patterns over the page lines
// and quoted with their page. It is careful rather than complete: a fact it cannot place is left out (null or []),
// never guessed, and register addresses, tables of contents and ripple figures do not pass for the facts.
import { emptyFacts, type DatasheetFacts, type Quote, type VoltageRange } from './schema.ts';

type Line = { page: number; text: string };

const quoteOf = (line: Line): Quote => ({ page: line.page, text: line.text.slice(0, 400) });
const linesOf = (pages: string[]): Line[] =>
  pages.flatMap((text, index) => text.split('\n').map((line) => ({ page: index + 1, text: line.trim() })));

/** A table of contents entry ("4 Absolute maximum ratings ........ 12") names a section without being it. */
const isContentsEntry = (text: string) => /(\.\s?){4,}\s*\d+$|\s\.{2,}\s*\d+$/.test(text);

/** Numbers that stand alone in a line ("1.71", "3.6V", "-0.3"), not those inside another unit ("50mVpp"). */
function standaloneNumbers(text: string): number[] {
  const values: number[] = [];
  for (const token of text.replace(/[–—]/g, ' - ').split(/[\s\t]+/)) {
    const m = token.match(/^([-+−]?\d+(?:\.\d+)?)(V)?$/);
    if (m) values.push(Number(m[1].replace('−', '-')));
  }
  return values;
}

function voltageRange(line: Line): VoltageRange | null {
  if (!/\dV\b|\sV\b|\sV$|\d\s?V(\s|$)/.test(line.text)) return null;
  const values = standaloneNumbers(line.text).filter((v) => v > 0 && v <= 60);
  if (values.length === 0) return null;
  const min = values[0];
  const max = values[values.length - 1];
  if (min > max) return null;
  return { min, max, quote: quoteOf(line) };
}

function findAbsoluteMaximumPages(lines: Line[]): Set<number> {
  return new Set(
    lines.filter((l) => /absolute\s+maximum\s+ratings?/i.test(l.text) && !isContentsEntry(l.text)).map((l) => l.page),
  );
}

const supplyPattern = /supply\s+voltage|operating\s+voltage|power\s+supply|\bV(?:DD|CC|IN)\b/i;
const logicPattern =
  /\b(?:VDDIO|VIO|VDD_IO)\b|(?:interface|I\/O|logic)\s+(?:supply\s+)?voltage|voltage\s+(?:of\s+)?(?:the\s+)?(?:I\/O|interface)/i;

function findVoltages(lines: Line[], absPages: Set<number>): Pick<DatasheetFacts, 'supplyVoltage' | 'logicVoltage'> {
  let supplyVoltage: VoltageRange | null = null;
  let logicVoltage: VoltageRange | null = null;
  for (const line of lines) {
    if (absPages.has(line.page) || isContentsEntry(line.text) || /absolute|maximum rating|ripple\s*$/i.test(line.text))
      continue;
    if (!logicVoltage && logicPattern.test(line.text)) {
      logicVoltage = voltageRange(line);
      continue;
    }
    if (!supplyVoltage && supplyPattern.test(line.text) && !logicPattern.test(line.text))
      supplyVoltage = voltageRange(line);
    if (supplyVoltage && logicVoltage) break;
  }
  return { supplyVoltage, logicVoltage };
}

function findAbsoluteMaximum(lines: Line[], absPages: Set<number>): DatasheetFacts['absoluteMaximum'] {
  const found: DatasheetFacts['absoluteMaximum'] = [];
  for (const page of absPages) {
    const onPage = lines.filter((l) => l.page === page);
    const start = onPage.findIndex((l) => /absolute\s+maximum\s+ratings?/i.test(l.text) && !isContentsEntry(l.text));
    for (const line of onPage.slice(start + 1, start + 30)) {
      // The next section's heading ends the table ("5 Functional description", "Table 3: …").
      if (/^\d+(\.\d+)*\s+[A-Z][a-z]/.test(line.text) && !/\d\s*(V|°C|kV|hPa|mA)\b/.test(line.text)) break;
      if (/^(parameter|symbol|condition|table\s+\d+)\b/i.test(line.text)) continue;
      // Cells are tab-separated: the parameter is the first cell, the value the numbers and unit after it.
      const cells = line.text.split('\t');
      const m =
        cells.length > 1
          ? [line.text, cells[0], cells.slice(1).join(' ')]
          : line.text.match(/^([^\d±+−-].*?)\s+([-+±−]?\d.*)$/);
      if (!m || !/[A-Za-z]/.test(m[1]) || !/\d/.test(m[2])) continue;
      found.push({
        parameter: m[1].trim().slice(0, 120),
        value: m[2].replace(/\t/g, ' ').trim().slice(0, 60),
        quote: quoteOf(line),
      });
      if (found.length >= 40) return found;
    }
  }
  return found;
}

function findI2cAddresses(lines: Line[]): DatasheetFacts['i2cAddresses'] {
  const found = new Map<string, Quote>();
  for (const line of lines) {
    // An address is stated with the words for one; register maps ("register 0xD0", "chip_id 0x60") are not.
    if (
      !/(slave|device|i2c|i²c|7-bit)\s*(bus\s*)?address|address(es)?\s+(is|are|of|=)|\baddress\b.*\b0x/i.test(line.text)
    )
      continue;
    if (/register|chip[_\s]?id|reg\b/i.test(line.text)) continue;
    for (const m of line.text.matchAll(/\b0x([0-7][0-9a-f])\b/gi)) {
      const address = `0x${m[1].toUpperCase()}`;
      if (!found.has(address)) found.set(address, quoteOf(line));
    }
    for (const m of line.text.matchAll(/\b([01]{7})b?\b/g)) {
      const address = `0x${parseInt(m[1], 2).toString(16).toUpperCase().padStart(2, '0')}`;
      if (!found.has(address)) found.set(address, quoteOf(line));
    }
    if (found.size >= 8) break;
  }
  return [...found].slice(0, 8).map(([address, quote]) => ({ address, quote }));
}

function findPins(lines: Line[]): DatasheetFacts['pins'] {
  const pinPages = new Set(
    lines
      .filter((l) => /\bpin\s*(?:-?out|description|configuration|assignment|functions?|name)\b/i.test(l.text))
      .filter((l) => !isContentsEntry(l.text))
      .map((l) => l.page),
  );
  const pins: DatasheetFacts['pins'] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!pinPages.has(line.page)) continue;
    const m = line.text.match(/^(\d{1,3}|[A-H]\d{1,2})[\t ]+([A-Z][A-Z0-9_/+#-]{0,15})(?:[\t ]+(.*))?$/);
    if (!m || seen.has(`${m[1]}:${m[2]}`)) continue;
    seen.add(`${m[1]}:${m[2]}`);
    pins.push({
      number: m[1],
      name: m[2],
      description: (m[3] ?? '').replace(/\t/g, ' ').slice(0, 160),
      quote: quoteOf(line),
    });
    if (pins.length >= 128) break;
  }
  return pins;
}

const unitToMa: Record<string, number> = { ma: 1, µa: 0.001, μa: 0.001, ua: 0.001, na: 0.000001, a: 1000 };

function findTypicalCurrent(lines: Line[], absPages: Set<number>): DatasheetFacts['typicalCurrent'] {
  const patterns = [
    /current\s+consumption|supply\s+current|typical\s+current|operating\s+current/i,
    /\bI(?:DD|CC|Q)\b/,
  ];
  for (const pattern of patterns) {
    for (const line of lines) {
      if (absPages.has(line.page) || isContentsEntry(line.text) || !pattern.test(line.text)) continue;
      if (/sleep|standby|shutdown|power[-\s]?down|peak|max(imum)?\b/i.test(line.text)) continue;
      const m = line.text.match(/(\d+(?:\.\d+)?)\s?(mA|µA|μA|uA|nA)\b/);
      if (!m) continue;
      const milliamps = Number(m[1]) * unitToMa[m[2].toLowerCase()];
      return {
        milliamps: Math.round(milliamps * 1e6) / 1e6,
        value: `${m[1]} ${m[2].replace('u', 'µ')}`,
        quote: quoteOf(line),
      };
    }
  }
  return null;
}

function findPartNumber(pages: string[], lines: Line[]): DatasheetFacts['partNumber'] {
  const counts = new Map<string, number>();
  const all = pages.join('\n');
  for (const m of all.matchAll(/\b[A-Z]{2,}[A-Z0-9]*\d[A-Z0-9]*(?:-[A-Z0-9]+)?\b/g))
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  // The part number is on the title page, and the most repeated such word there (page headers and footers name it).
  const first = lines.filter((l) => l.page === 1);
  const candidates = [
    ...new Set(first.flatMap((l) => l.text.match(/\b[A-Z]{2,}[A-Z0-9]*\d[A-Z0-9]*(?:-[A-Z0-9]+)?\b/g) ?? [])),
  ]
    .filter((word) => !/^(DS|REV|BST|ISO|AEC|IEC|JEDEC)/.test(word))
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const value = candidates[0];
  if (!value) return null;
  const line = first.find((l) => l.text.includes(value))!;
  return { value, quote: quoteOf(line) };
}

/** Every fact the offline reader can place, from the text of each page (index 0 is page 1). */
export function extractDatasheetFacts(pages: string[]): DatasheetFacts {
  const lines = linesOf(pages).filter((l) => l.text.length > 0);
  if (lines.length === 0) return emptyFacts();
  const absPages = findAbsoluteMaximumPages(lines);
  return {
    partNumber: findPartNumber(pages, lines),
    ...findVoltages(lines, absPages),
    absoluteMaximum: findAbsoluteMaximum(lines, absPages),
    i2cAddresses: findI2cAddresses(lines),
    pins: findPins(lines),
    typicalCurrent: findTypicalCurrent(lines, absPages),
  };
}
