// Edits a maker asks for in words ("replace the DHT22 with a BME280", "add two DS18B20", "remove the OLED",
// "run it on a battery"), parsed clause by clause into operations the context and BOM specialists apply.
// A clause that asks for a change but names no part becomes a question, never a guess.
import { getPart } from '../catalogue';
import type { ContextDoc } from './contract';
import { shortName } from './rules/types';
import { findPartMentions, findUnknownParts, parsePower, type PartMention } from './text';

export type EditOp =
  | { kind: 'replace'; from: string | null; to: string; quantity: number }
  | { kind: 'add'; key: string; quantity: number }
  | { kind: 'remove'; key: string }
  | { kind: 'quantity'; key: string; quantity: number }
  | { kind: 'power'; source: ContextDoc['power']['source'] };

export type ParsedEdits = { ops: EditOp[]; unknown: string[]; question: string | null };

const replaceVerb = /\b(replace|swap|switch|change|exchange|substitute)\b/;
const insteadWord = /\binstead\b/;
const removeVerb = /\b(remove|drop|delete|without|get rid of|no longer need|(?:don't|do not) need|take out|no more)\b/;
const addVerb = /\b(add|include|plus|also|another|attach|put in|throw in)\b/;
const quantityPhrase = /\b(\d+|two|three|four|five|six|a pair|a couple)\s+of\s+(?:the|those|these|them)\b/;
const powerVerb = /\b(run|power|powered|make it|use|on)\b/;

function splitClauses(message: string): string[] {
  return message
    .split(/[,;.!?]+|\band then\b|\bthen\b|\band also\b|\band\s+(?=(?:add|remove|replace|swap|drop|use|run|make)\b)/i)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

function byPosition(mentions: PartMention[], clause: string, word: RegExp) {
  const at = clause.toLowerCase().search(word);
  return {
    before: mentions.filter((mention) => at < 0 || mention.start < at),
    after: mentions.filter((mention) => at >= 0 && mention.start > at),
  };
}

function parseClause(clause: string, into: ParsedEdits): void {
  const lower = clause.toLowerCase();
  const mentions = findPartMentions(clause);
  if (replaceVerb.test(lower) && !insteadWord.test(lower)) {
    const { before, after } = byPosition(mentions, clause, /\b(with|for|to|by|into)\b/);
    const to = after[0] ?? (before.length > 1 ? before[before.length - 1] : undefined);
    const from = to === before[before.length - 1] && before.length > 1 ? before[0] : (before[0] ?? null);
    if (!to || from?.key === to.key) {
      const part = from ? getPart(from.key) : null;
      const what = part ? `the ${shortName(part)}` : 'that part';
      into.question = `What should replace ${what}? Name the new part (for example a BME280 or an SHT31).`;
      return;
    }
    into.ops.push({ kind: 'replace', from: from?.key ?? null, to: to.key, quantity: to.quantity });
    return;
  }
  if (insteadWord.test(lower)) {
    const { before, after } = byPosition(mentions, clause, /\binstead\b/);
    const to = before[before.length - 1];
    if (!to) {
      into.question = 'Which part would you like instead? Name it and I will swap it in.';
      return;
    }
    into.ops.push({ kind: 'replace', from: after[0]?.key ?? null, to: to.key, quantity: to.quantity });
    return;
  }
  if (removeVerb.test(lower)) {
    if (mentions.length === 0) {
      if (!findUnknownParts(clause).length) into.question = 'Which part should I remove?';
      return;
    }
    for (const mention of mentions) into.ops.push({ kind: 'remove', key: mention.key });
    return;
  }
  const quantity = quantityPhrase.exec(lower);
  if (quantity && mentions.length > 0) {
    const count = /^\d+$/.test(quantity[1])
      ? Number(quantity[1])
      : ({ two: 2, three: 3, four: 4, five: 5, six: 6 }[quantity[1]] ?? 2);
    for (const mention of mentions) into.ops.push({ kind: 'quantity', key: mention.key, quantity: count });
    return;
  }
  const power = parsePower(clause);
  if (power && powerVerb.test(lower) && mentions.every((m) => getPart(m.key)?.category === 'power')) {
    into.ops.push({ kind: 'power', source: power });
    return;
  }
  if (addVerb.test(lower) || /^(a|an|two|three|\d+)\b/.test(lower)) {
    if (mentions.length === 0) {
      if (/\b(sensor|display|screen|part|module|actuator)\b/.test(lower) && !findUnknownParts(clause).length)
        into.question = 'Which one should I add? Name the part (for example "add a BH1750 light sensor").';
      return;
    }
    for (const mention of mentions) into.ops.push({ kind: 'add', key: mention.key, quantity: mention.quantity });
  }
}

export function parseEdits(message: string): ParsedEdits {
  const parsed: ParsedEdits = { ops: [], unknown: findUnknownParts(message), question: null };
  for (const clause of splitClauses(message)) parseClause(clause, parsed);
  return parsed;
}

/** Does the message ask to change something (rather than to generate or explain)? */
export function isEditRequest(message: string): boolean {
  const lower = message.toLowerCase();
  if (replaceVerb.test(lower) || insteadWord.test(lower) || removeVerb.test(lower)) return true;
  if (quantityPhrase.test(lower)) return true;
  if (/\b(run|power) (it|this|the \w+) (on|from|with)\b/.test(lower)) return true;
  return /^(please )?(also )?(add|include|put in)\b/.test(lower.trim());
}
