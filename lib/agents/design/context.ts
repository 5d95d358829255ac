// The conversational specialist's project context document: built from the first message that describes the
// project and updated as the maker answers ("add a BME280", "it runs on a battery", "under €30").
import { getPart } from '../catalogue';
import type { ContextDoc } from './contract';
import { parseEdits, type EditOp } from './edits';
import { formatMoney } from './money';
import { shortName } from './rules/types';
import {
  findPartMentions,
  findUnknownParts,
  parseBudget,
  parseConnectivity,
  parseEnvironment,
  parsePower,
  parseSensing,
  wantsDeepSleep,
  wantsDisplay,
} from './text';

export type ContextChange = { doc: ContextDoc; changes: string[] };

const lead =
  /^(hi[,!.]?\s*)?(please\s+)?(i\s*(?:'d| would)? ?(?:want|like|need|am planning|'m planning) to\s+|i'm\s+|let's\s+|can you\s+|help me\s+)?(build|make|create|design|do)\s+(me\s+)?/i;

export function goalFrom(message: string): string {
  const sentence = message
    .split(/(?<=[.!?])\s/)[0]
    .trim()
    .replace(/[.!?]+$/, '');
  const goal = sentence.replace(lead, '').trim();
  return (goal.charAt(0).toUpperCase() + goal.slice(1)).slice(0, 200) || 'A hardware project';
}

/** A project name from the goal: "ESP32 weather station with a BME280" → "ESP32 weather station". */
export function projectNameFrom(goal: string): string {
  const short = goal
    .replace(/^(an?|the|my)\s+/i, '')
    .split(/\s+(with|that|which|using|for|to|on)\s+/i)[0]
    .trim();
  const name = short.charAt(0).toUpperCase() + short.slice(1);
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

function partLabel(key: string): string {
  const part = getPart(key);
  return part ? shortName(part) : key;
}

function applyPartOps(doc: ContextDoc, ops: EditOp[], changes: string[]): void {
  for (const op of ops) {
    if (op.kind === 'power') {
      if (doc.power.source !== op.source) changes.push(`power: ${op.source}`);
      doc.power = { source: op.source, notes: doc.power.notes };
      continue;
    }
    const key = op.kind === 'replace' ? op.to : op.key;
    const part = getPart(key);
    if (part?.category === 'mcu' && op.kind !== 'remove') {
      if (doc.board !== key) changes.push(`board: ${part.name}`);
      doc.board = key;
      continue;
    }
    if (op.kind === 'replace') {
      const from = op.from ?? doc.parts.find((p) => p.key && sharesJob(p.key, op.to))?.key ?? null;
      const index = doc.parts.findIndex((p) => p.key === from);
      const entry = { key: op.to, name: part?.name ?? op.to, quantity: op.quantity };
      if (index >= 0 && doc.parts.some((p) => p.key === op.to)) doc.parts.splice(index, 1);
      else if (index >= 0) doc.parts.splice(index, 1, entry);
      else doc.parts.push(entry);
      changes.push(from ? `replaced ${partLabel(from)} with ${partLabel(op.to)}` : `added ${partLabel(op.to)}`);
    } else if (op.kind === 'remove') {
      if (doc.board === op.key) continue;
      const before = doc.parts.length;
      doc.parts = doc.parts.filter((p) => p.key !== op.key);
      if (doc.parts.length < before) changes.push(`removed ${partLabel(op.key)}`);
    } else {
      const existing = doc.parts.find((p) => p.key === op.key);
      const quantity = op.kind === 'add' ? (existing ? existing.quantity + op.quantity : op.quantity) : op.quantity;
      if (existing) existing.quantity = quantity;
      else doc.parts.push({ key: op.key, name: part?.name ?? op.key, quantity });
      changes.push(`${existing ? `${quantity} ×` : 'added'} ${partLabel(op.key)}`);
    }
  }
}

/** Two catalogue parts do the same job: same category and, for sensors, something sensed in common. */
export function sharesJob(a: string, b: string): boolean {
  const left = getPart(a);
  const right = getPart(b);
  if (!left || !right || left.category !== right.category) return false;
  if (left.category !== 'sensor') return true;
  return left.senses.some((what) => right.senses.includes(what));
}

function openQuestions(doc: ContextDoc): string[] {
  const questions: string[] = [];
  if (doc.power.source === 'unknown') questions.push('How will it be powered: USB, a battery or solar?');
  if (doc.environment === 'unknown') questions.push('Will it live indoors or outdoors?');
  if (!doc.budget) questions.push('What is your budget (for example "under $40")?');
  if (!doc.board) questions.push('Any board in mind? Otherwise I will use an ESP32 DevKitC (Wi-Fi, plenty of pins).');
  return questions;
}

function constraintsOf(doc: ContextDoc): string[] {
  const constraints: string[] = [];
  if (doc.power.source === 'battery' || doc.power.source === 'solar')
    constraints.push('Runs on a battery: deep sleep between readings, low-quiescent regulator');
  if (doc.power.source === 'solar') constraints.push('Solar charging through a TP4056 charger');
  if (doc.environment === 'outdoor')
    constraints.push('Outdoors: a vented enclosure, sensors shaded from direct sun and rain');
  if (doc.budget) constraints.push(`Total under ${formatMoney(doc.budget)}`);
  return constraints;
}

export function emptyContext(goal: string): ContextDoc {
  return {
    goal,
    board: null,
    sensing: [],
    parts: [],
    unknownParts: [],
    display: null,
    connectivity: [],
    power: { source: 'unknown', notes: '' },
    environment: 'unknown',
    budget: null,
    constraints: [],
    openQuestions: [],
  };
}

/** The context after this message: a first version from a description, or the previous one with the answers. */
export function updateContext(message: string, previous: ContextDoc | null): ContextChange {
  const doc: ContextDoc = previous ? structuredClone(previous) : emptyContext(goalFrom(message));
  const changes: string[] = [];
  const edits = parseEdits(message);
  if (previous && edits.ops.length > 0) applyPartOps(doc, edits.ops, changes);
  else {
    const ops: EditOp[] = findPartMentions(message).map((m) => ({ kind: 'add', key: m.key, quantity: m.quantity }));
    const power = parsePower(message);
    if (power) ops.push({ kind: 'power', source: power });
    applyPartOps(doc, ops, changes);
  }
  for (const unknown of findUnknownParts(message))
    if (!doc.unknownParts.includes(unknown)) {
      doc.unknownParts.push(unknown);
      changes.push(`noted ${unknown} (not in the catalogue)`);
    }
  const sensing = new Set([...doc.sensing, ...parseSensing(message)]);
  for (const entry of doc.parts) for (const what of getPart(entry.key)?.senses ?? []) sensing.add(what);
  if (sensing.size !== doc.sensing.length) doc.sensing = [...sensing];
  const display = doc.parts.find((entry) => getPart(entry.key)?.category === 'display');
  const displayName = display ? (getPart(display.key)?.name ?? display.name) : doc.display;
  doc.display = displayName ?? (wantsDisplay(message) ? 'a display (not chosen yet)' : null);
  for (const link of parseConnectivity(message))
    if (!doc.connectivity.includes(link)) {
      doc.connectivity.push(link);
      changes.push(`connectivity: ${link}`);
    }
  const power = parsePower(message);
  if (power && power !== doc.power.source) {
    doc.power = { ...doc.power, source: power };
    changes.push(`power: ${power}`);
  }
  if (wantsDeepSleep(message) && !doc.power.notes.includes('deep sleep'))
    doc.power.notes = 'deep sleep between readings';
  const environment = parseEnvironment(message);
  if (environment && environment !== doc.environment) {
    doc.environment = environment;
    changes.push(`environment: ${environment}`);
  }
  const budget = parseBudget(message);
  if (budget && (budget.amount !== doc.budget?.amount || budget.currency !== doc.budget?.currency)) {
    doc.budget = budget;
    changes.push(`budget: ${formatMoney(budget)}`);
  }
  doc.constraints = constraintsOf(doc);
  doc.openQuestions = openQuestions(doc);
  return { doc, changes };
}

export function renderContextMarkdown(doc: ContextDoc): string {
  const parts = doc.parts.map((p) => `- ${p.quantity} × ${getPart(p.key)?.name ?? p.name}`);
  const lines = [
    `# ${doc.goal}`,
    '',
    `**Board:** ${doc.board ? (getPart(doc.board)?.name ?? doc.board) : 'not chosen (default: ESP32 DevKitC)'}`,
    `**Sensing:** ${doc.sensing.join(', ') || 'not stated'}`,
    `**Display:** ${doc.display ?? 'none'}`,
    `**Connectivity:** ${doc.connectivity.join(', ') || 'none stated'}`,
    `**Power:** ${doc.power.source}${doc.power.notes ? ` (${doc.power.notes})` : ''}`,
    `**Environment:** ${doc.environment}`,
    `**Budget:** ${doc.budget ? formatMoney(doc.budget) : 'not stated'}`,
    '',
    '## Parts asked for',
    ...(parts.length ? parts : ['- none yet']),
  ];
  if (doc.unknownParts.length)
    lines.push('', '## Not in the catalogue', ...doc.unknownParts.map((name) => `- ${name}: check its datasheet`));
  if (doc.constraints.length) lines.push('', '## Constraints', ...doc.constraints.map((c) => `- ${c}`));
  if (doc.openQuestions.length) lines.push('', '## Open questions', ...doc.openQuestions.map((q) => `- ${q}`));
  return lines.join('\n');
}
