// Text understanding for the offline agents: which catalogue parts a message names (by name, alias or MPN) and how
// many, the edits it asks for, and the project facts it states (power, display, connectivity, place, budget).
import { catalogueParts, type CataloguePart } from '../catalogue';
import type { ContextDoc, Money } from './contract';

export type PartMention = { key: string; name: string; quantity: number; start: number; end: number };

type Alias = { alias: string; part: CataloguePart };
const aliases: Alias[] = catalogueParts
  .flatMap((part) => [part.key, part.mpn, ...part.aliases].map((alias) => ({ alias: alias.toLowerCase(), part })))
  .filter((entry) => entry.alias.length >= 2)
  .sort((a, b) => b.alias.length - a.alias.length); // longest first: "adafruit bme280" before "bme280"

const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  pair: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The quantity written just before a mention: "two", "2x", "3 x", "a pair of", "2"; or "x2" just after it. */
function quantityAround(text: string, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
  const after = text.slice(end, end + 6).toLowerCase();
  const times =
    /\b(\d{1,2})\s*x\s*$/.exec(before) ?? /\bx\s*(\d{1,2})\b/.exec(after.trimStart().startsWith('x') ? after : '');
  if (times) return Number(times[1]);
  const word =
    /\b(\d{1,2}|a|an|one|single|two|three|four|five|six|seven|eight|nine|ten|(?:a )?pair|(?:a )?couple)(?: of)?(?: the| more)?\s+(?:[\w.-]+\s+){0,2}$/.exec(
      before,
    );
  if (!word) return 1;
  const token = word[1].replace(/^a /, '');
  return /^\d+$/.test(token) ? Math.max(1, Number(token)) : (numberWords[token] ?? 1);
}

/** Boards and devices makers name that the catalogue does not hold: reported as unknown, never mistaken for a part. */
const unlisted =
  /\b(arduino (?:mega|due|leonardo|micro|mkr ?\w+|nano (?:33|every|esp32)|giga|r4)|esp32-(?:cam|wrover)|raspberry pi (?:zero|[345])|(?:water |peristaltic )?pump|fan|buzzer|camera|speaker|microphone|keypad|push ?button|solenoid|valve|heater|rfid|nfc|sd card|rtc|real[- ]time clock|joystick|potentiometer|rotary encoder|load cell|stepper(?: motor)?)s?\b/gi;

function unlistedSpans(text: string): Array<{ name: string; start: number; end: number }> {
  return [...text.matchAll(unlisted)].map((m) => ({ name: m[1], start: m.index, end: m.index + m[0].length }));
}

/** Catalogue parts named in the text, in order, each once (repeated mentions keep the largest quantity). */
export function findPartMentions(text: string): PartMention[] {
  const lower = text.toLowerCase();
  const taken: Array<[number, number]> = unlistedSpans(text).map((span) => [span.start, span.end]);
  const found: PartMention[] = [];
  for (const { alias, part } of aliases) {
    const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(alias)}s?(?![\\w-])`, 'g');
    for (const match of lower.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      const quantity = quantityAround(text, start, end);
      const existing = found.find((mention) => mention.key === part.key);
      if (existing) existing.quantity = Math.max(existing.quantity, quantity);
      else found.push({ key: part.key, name: part.name, quantity, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const notPartNumbers =
  /^(wi-?fi|usb-?c?|i2c|spi|uart|gpio\d*|adc\d?|ch\d+|v\d|rev\d|mk\d|ipv\d|\d+(v|mah|ma|w|k|kb|mb|cm|mm|m|s|ms|hz)|esp\d*)$/i;

/** Tokens that look like part numbers (letters then digits: "SCD30", "SX1276", "HDC-1080") the catalogue lacks. */
export function findUnknownParts(text: string): string[] {
  const known = findPartMentions(text);
  const unknown: string[] = [];
  for (const span of unlistedSpans(text)) {
    const name = span.name.replace(/\b\w/g, (c) => c.toUpperCase());
    if (!unknown.includes(name)) unknown.push(name);
  }
  for (const match of text.matchAll(/(?<![\w-])([A-Za-z]{2,}[-]?\d{2,}[A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)(?![\w-])/g)) {
    const token = match[1];
    const start = match.index;
    if (notPartNumbers.test(token)) continue;
    if (known.some((mention) => start >= mention.start && start < mention.end)) continue;
    if (unlistedSpans(text).some((span) => start >= span.start && start < span.end)) continue;
    if (!unknown.some((seen) => seen.toLowerCase() === token.toLowerCase())) unknown.push(token.toUpperCase());
  }
  return unknown;
}

export function parsePower(text: string): ContextDoc['power']['source'] | null {
  const lower = text.toLowerCase();
  if (/\bsolar\b/.test(lower)) return 'solar';
  if (/\b(batter(y|ies)|lipo|li-po|18650|li-ion|cordless|portable)\b/.test(lower)) return 'battery';
  if (/\b(mains|wall adapter|power adapter|plug(ged)? in)\b/.test(lower)) return 'mains-adapter';
  if (/\b(usb|powered from (my|a|the) (laptop|computer|pc))\b/.test(lower)) return 'usb';
  return null;
}

export function parseEnvironment(text: string): ContextDoc['environment'] | null {
  const lower = text.toLowerCase();
  if (/\b(outdoors?|outside|garden|balcony|roof|weatherproof|rain|field|yard)\b/.test(lower)) return 'outdoor';
  if (/\b(indoors?|inside|room|desk|office|bedroom|kitchen|living room|greenhouse)\b/.test(lower)) return 'indoor';
  return null;
}

export function parseConnectivity(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  if (/\b(wi-?fi|wireless|internet|online|mqtt|home assistant|web ?page|dashboard|cloud|http)\b/.test(lower))
    found.push('wifi');
  if (/\b(bluetooth|ble)\b/.test(lower)) found.push('bluetooth');
  if (/\blora\b/.test(lower)) found.push('lora');
  return found;
}

const currencyBySymbol: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const currencyByWord: Record<string, string> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
};

/** "under $40", "€30", "30 euros", "budget of 25 USD", "£20 max". */
export function parseBudget(text: string): Money | null {
  const symbol = /([$€£¥])\s?(\d+(?:[.,]\d{1,2})?)/.exec(text);
  if (symbol) return { amount: Number(symbol[2].replace(',', '.')), currency: currencyBySymbol[symbol[1]] };
  const word = /(\d+(?:[.,]\d{1,2})?)\s?(usd|dollars?|eur|euros?|gbp|pounds?)\b/i.exec(text);
  if (word) return { amount: Number(word[1].replace(',', '.')), currency: currencyByWord[word[2].toLowerCase()] };
  return null;
}

const sensingWords: Array<[RegExp, string]> = [
  [/\b(temperature|temp|thermometer|weather)\b/, 'temperature'],
  [/\b(humidity|humid|weather)\b/, 'humidity'],
  [/\b(pressure|barometer|barometric|weather)\b/, 'pressure'],
  [/\b(light|lux|brightness)\b/, 'light'],
  [/\b(soil|plant|watering)\b/, 'soil moisture'],
  [/\b(motion|movement|presence|pir)\b/, 'motion'],
  [/\b(distance|range|parking|level)\b/, 'distance'],
  [/\b(co2|carbon dioxide)\b/, 'co2'],
  [/\b(air quality|voc|smoke|gas)\b/, 'air quality'],
];

export function parseSensing(text: string): string[] {
  const lower = text.toLowerCase();
  return [...new Set(sensingWords.filter(([pattern]) => pattern.test(lower)).map(([, what]) => what))];
}

export function wantsDisplay(text: string): boolean {
  return /\b(display|screen|oled|lcd|show (the |it )?(readings|values|data)|e-?paper|e-?ink|tft)\b/i.test(text);
}

export function wantsDeepSleep(text: string): boolean {
  return /\b(deep sleep|low power|sleep between|months on|weeks on|battery life)\b/i.test(text);
}
