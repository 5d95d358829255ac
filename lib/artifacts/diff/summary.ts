// summariseChange(type, before, after): the one-line change summary of an artifact version, from the diff of its
// content. The agents' change_summary and the timeline use it; `before` null is the artifact's first version.
import type { z } from 'zod';
import type {
  Budget,
  CodeArtifact,
  ContextDoc,
  DesignArtifactType,
  Wiring,
  Bom,
  circuitDiagramSchema,
  documentSchema,
} from '../../agents/design/contract.ts';
import { diffBom } from './bom.ts';
import { diffCode } from './code.ts';
import { describeMoneyChange, compareMoney, formatMoney } from './money.ts';
import { joinClauses, summariseBomDiff } from './summary-bom.ts';
import { diffText } from './text.ts';
import { diffWiring, endKey } from './wiring.ts';

type DocumentContent = z.infer<typeof documentSchema> | string;
export type SummaryContent = {
  context: ContextDoc | string;
  mvp: DocumentContent;
  prd: DocumentContent;
  bom: Bom;
  wiring: Wiring;
  circuit_diagram: z.infer<typeof circuitDiagramSchema>;
  code: CodeArtifact;
  budget: Budget;
};

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summariseText(before: string, after: string): string {
  const diff = diffText(before, after);
  if (diff.identical) return 'No changes';
  return `Edited the text (+${diff.added} −${diff.removed} lines)`;
}

function summariseDocument(before: DocumentContent, after: DocumentContent): string {
  if (typeof before === 'string' || typeof after === 'string') {
    return summariseText(typeof before === 'string' ? before : '', typeof after === 'string' ? after : '');
  }
  const old = new Map(before.sections.map((s) => [s.heading, s.body]));
  const current = new Map(after.sections.map((s) => [s.heading, s.body]));
  const added = [...current.keys()].filter((h) => !old.has(h));
  const removed = [...old.keys()].filter((h) => !current.has(h));
  const rewritten = [...current].filter(([h, body]) => old.has(h) && old.get(h) !== body).map(([h]) => h);
  const clauses: string[] = [];
  if (rewritten.length) clauses.push(`rewrote ${rewritten.join(', ')}`);
  if (added.length) clauses.push(`added ${added.join(', ')}`);
  if (removed.length) clauses.push(`removed ${removed.join(', ')}`);
  const order = (s: { sections: Array<{ heading: string }> }) => s.sections.map((x) => x.heading).join('\n');
  if (!clauses.length && order(before) !== order(after)) clauses.push('reordered the sections');
  return joinClauses(clauses);
}

function summariseContext(before: ContextDoc, after: ContextDoc): string {
  const clauses: string[] = [];
  if (before.goal !== after.goal) clauses.push('new goal');
  if (before.board !== after.board) clauses.push(`board ${before.board ?? 'unset'} → ${after.board ?? 'unset'}`);
  const names = (d: ContextDoc) => d.parts.map((p) => p.name);
  const addedParts = names(after).filter((n) => !names(before).includes(n));
  const removedParts = names(before).filter((n) => !names(after).includes(n));
  if (addedParts.length) clauses.push(`added ${addedParts.join(', ')}`);
  if (removedParts.length) clauses.push(`removed ${removedParts.join(', ')}`);
  const budget = compareMoney(before.budget, after.budget);
  if (budget && !(budget.kind === 'delta' && budget.delta === 0)) {
    clauses.push(
      budget.kind === 'delta'
        ? `budget ${formatMoney({ amount: budget.before, currency: budget.currency })} → ${formatMoney(after.budget!)}`
        : `budget ${describeMoneyChange(budget)}`,
    );
  }
  const listFields = ['sensing', 'connectivity', 'constraints', 'openQuestions', 'unknownParts'] as const;
  for (const field of listFields) {
    if (before[field].join('\n') !== after[field].join('\n')) clauses.push(`updated ${field}`);
  }
  if (before.display !== after.display) clauses.push(`display ${after.display ?? 'none'}`);
  if (before.power.source !== after.power.source) clauses.push(`power ${after.power.source}`);
  if (before.environment !== after.environment) clauses.push(`${after.environment} use`);
  return joinClauses(clauses);
}

function hubRef(connections: Wiring['connections']): string | null {
  const counts = new Map<string, number>();
  for (const c of connections) for (const ref of [c.from.ref, c.to.ref]) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function summariseWiring(before: Wiring, after: Wiring): string {
  const diff = diffWiring(before, after);
  const clauses: string[] = [];
  for (const r of diff.rerouted.slice(0, 2)) {
    // 'moved ssd1306 SDA from GPIO21 to GPIO4' when it stays on the same part, else with both parts named.
    const samePart = r.before.to.ref === r.after.to.ref;
    const [oldEnd, newEnd] = samePart ? [r.before.to.pin, r.after.to.pin] : [endKey(r.before.to), endKey(r.after.to)];
    clauses.push(`moved ${r.from.ref} ${r.from.pin} from ${oldEnd} to ${newEnd}`);
  }
  if (diff.rerouted.length > 2) clauses.push(`re-routed ${count(diff.rerouted.length - 2, 'more wire')}`);
  // Name the parts that came or went with the wires; else the parts wired, but not the board most wires end on.
  const hub = hubRef([...before.connections, ...after.connections]);
  const refsOf = (list: Wiring['connections']) => new Set(list.flatMap((c) => [c.from.ref, c.to.ref]));
  const touched = (list: Wiring['connections'], other: Wiring) => {
    const all = [...refsOf(list)];
    const elsewhere = refsOf(other.connections);
    const own = all.filter((r) => !elsewhere.has(r));
    const named = own.length ? own : all.filter((r) => r !== hub);
    return (named.length ? named : all).slice(0, 3).join(', ');
  };
  if (diff.added.length) clauses.push(`added ${count(diff.added.length, 'wire')} (${touched(diff.added, before)})`);
  if (diff.removed.length) {
    clauses.push(`removed ${count(diff.removed.length, 'wire')} (${touched(diff.removed, after)})`);
  }
  const byField = (field: string) => diff.changed.filter((c) => c.fields.some((f) => f.field === field)).length;
  const recoloured = byField('wireColor');
  if (recoloured) clauses.push(`recoloured ${count(recoloured, 'wire')}`);
  const revolted = byField('voltage');
  if (revolted) clauses.push(`new voltage on ${count(revolted, 'wire')}`);
  const other =
    diff.changed.length -
    diff.changed.filter((c) => c.fields.some((f) => ['wireColor', 'voltage'].includes(f.field))).length;
  if (other) clauses.push(`updated ${count(other, 'wire')}`);
  if (!diff.steps.identical) clauses.push('revised the steps');
  if (diff.bomVersion) clauses.push(`rebuilt from BOM v${diff.bomVersion.after}`);
  return joinClauses(clauses);
}

function summariseCode(before: CodeArtifact, after: CodeArtifact): string {
  const diff = diffCode(before, after);
  const clauses: string[] = [];
  if (diff.board) clauses.push(`board ${diff.board.before} → ${diff.board.after}`);
  for (const file of diff.files) {
    if (file.status === 'added') clauses.push(`added ${file.filename}`);
    else if (file.status === 'removed') clauses.push(`removed ${file.filename}`);
    else clauses.push(`changed ${file.filename} (+${file.text.added} −${file.text.removed})`);
  }
  const libs = [...new Set(diff.files.flatMap((f) => f.libraries.added))];
  if (libs.length) clauses.push(`new libraries ${libs.map((l) => l.split('@')[0]).join(', ')}`);
  if (diff.units.added.length) clauses.push(`added unit ${diff.units.added.join(', ')}`);
  if (diff.units.removed.length) clauses.push(`removed unit ${diff.units.removed.join(', ')}`);
  return joinClauses(clauses);
}

function summariseBudget(before: Budget, after: Budget): string {
  const clauses: string[] = [];
  const total = compareMoney(before.total, after.total)!;
  if (!(total.kind === 'delta' && total.delta === 0)) {
    clauses.push(`total ${formatMoney(before.total)} → ${formatMoney(after.total)}`);
  }
  if (before.status !== after.status) clauses.push(`now ${after.status.replace('-', ' ')}`);
  const target = compareMoney(before.target, after.target);
  if (target && !(target.kind === 'delta' && target.delta === 0)) {
    clauses.push(after.target ? `target ${formatMoney(after.target)}` : 'no target');
  }
  if (before.savings.length !== after.savings.length) clauses.push(`${count(after.savings.length, 'saving')} found`);
  if (before.bomVersion !== after.bomVersion) clauses.push(`for BOM v${after.bomVersion}`);
  return joinClauses(clauses);
}

/** One line saying what changed between two versions of an artifact's content (its content_json, or for documents
 * their markdown). */
export function summariseChange<T extends DesignArtifactType>(
  type: T,
  before: SummaryContent[T] | null,
  after: SummaryContent[T],
): string {
  if (before === null) return 'Initial version';
  switch (type) {
    case 'bom':
      return summariseBomDiff(diffBom(before as Bom, after as Bom));
    case 'wiring':
      return summariseWiring(before as Wiring, after as Wiring);
    case 'code':
      return summariseCode(before as CodeArtifact, after as CodeArtifact);
    case 'budget':
      return summariseBudget(before as Budget, after as Budget);
    case 'mvp':
    case 'prd':
      return summariseDocument(before as DocumentContent, after as DocumentContent);
    case 'context':
      return typeof before === 'string' || typeof after === 'string'
        ? summariseText(String(before), String(after))
        : summariseContext(before as ContextDoc, after as ContextDoc);
    case 'circuit_diagram': {
      const a = before as SummaryContent['circuit_diagram'];
      const b = after as SummaryContent['circuit_diagram'];
      if (a.wiringVersion !== b.wiringVersion) return `Redrew the diagram from wiring v${b.wiringVersion}`;
      return a.width !== b.width || a.height !== b.height
        ? `Resized the diagram to ${b.width}×${b.height}`
        : 'No changes';
    }
    default:
      return 'No changes';
  }
}
