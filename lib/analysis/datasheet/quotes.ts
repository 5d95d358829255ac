// A model's extraction is believed only where the datasheet says it: every fact carries a quote, and a quote that is
// not on the page it names (after folding case, spacing and Unicode forms, as PDF text comes out) drops the fact.
import type { DatasheetFacts, Quote } from './schema.ts';

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export function quoteIsOnPage(quote: Quote, pages: string[]): boolean {
  const page = pages[quote.page - 1];
  return page !== undefined && fold(quote.text).length > 0 && fold(page).includes(fold(quote.text));
}

/** The facts whose quotes are on their pages, and how many were dropped. */
export function keepQuotedFacts(facts: DatasheetFacts, pages: string[]): { facts: DatasheetFacts; dropped: number } {
  let dropped = 0;
  const keep = <T extends { quote: Quote }>(fact: T | null): T | null => {
    if (!fact) return null;
    if (quoteIsOnPage(fact.quote, pages)) return fact;
    dropped++;
    return null;
  };
  const keepAll = <T extends { quote: Quote }>(list: T[]): T[] => list.flatMap((fact) => keep(fact) ?? []);
  return {
    facts: {
      partNumber: keep(facts.partNumber),
      supplyVoltage: keep(facts.supplyVoltage),
      logicVoltage: keep(facts.logicVoltage),
      absoluteMaximum: keepAll(facts.absoluteMaximum),
      i2cAddresses: keepAll(facts.i2cAddresses),
      pins: keepAll(facts.pins),
      typicalCurrent: keep(facts.typicalCurrent),
    },
    dropped,
  };
}
