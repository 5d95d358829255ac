// The bomGenerator specialist: a first BOM from the context (and the message), or a new version from the maker's
// edits, with the stale marks a BOM change leaves on the wiring, diagram and code built from the older one.
import type { Bom, PlanTurnInput, ProjectState, StaleMark, TurnPlan } from './contract';
import { basisFromContext, buildBom, renderBomMarkdown } from './bom';
import { applyBomOps, basisFromBom, summariseBomChange } from './bom-change';
import { projectNameFrom, updateContext } from './context';
import { parseEdits } from './edits';
import { formatMoney } from './money';
import { capitalise, nextVersion, staleOffer, unknownLines, warningLines, writeFor } from './prose';

export function question(input: PlanTurnInput, agent: TurnPlan['agent'], text: string): TurnPlan {
  return { intent: input.intent, agent, reply: text, writes: [], stale: [], projectName: null, question: true };
}

export function staleMarks(state: ProjectState, bomVersion: number, reason: string): TurnPlan['stale'] {
  const marks: TurnPlan['stale'] = [];
  const wiring = state.artifacts.wiring;
  const mark = (builtFrom: number): StaleMark => ({
    reason,
    basedOn: { type: 'bom', version: builtFrom },
    current: { type: 'bom', version: bomVersion },
  });
  if (wiring && wiring.json.bomVersion < bomVersion) {
    marks.push({ artifactId: wiring.artifactId, mark: mark(wiring.json.bomVersion) });
    const diagram = state.artifacts.circuit_diagram;
    if (diagram) marks.push({ artifactId: diagram.artifactId, mark: mark(wiring.json.bomVersion) });
  }
  const code = state.artifacts.code;
  if (code && code.json.bomVersion < bomVersion)
    marks.push({ artifactId: code.artifactId, mark: mark(code.json.bomVersion) });
  return marks;
}

export function bomSummaryLines(bom: Bom): string[] {
  const main = bom.lines.filter((line) => line.requested || line.role === 'mcu');
  const support = bom.lines.filter((line) => !line.requested && line.role !== 'mcu');
  const table = bom.lines.map(
    (line) =>
      `| ${line.name}${line.verified ? '' : ' (unverified)'} | ${line.quantity} | ${line.linePrice ? formatMoney(line.linePrice) : '—'} |`,
  );
  return [
    '| Part | Qty | Price |',
    '|---|---|---|',
    ...table,
    '',
    `**Parts:** ${main.map((line) => `${line.quantity > 1 ? `${line.quantity} × ` : ''}${line.name}`).join(', ')}.`,
    `**Supporting parts:** ${support.map((line) => `${line.name.split(' (')[0]} (${line.reason})`).join('; ')}.`,
    `**Total:** ${formatMoney(bom.totals.subtotal)} for ${bom.totals.partCount} parts · **Power:** ${bom.power.supply}, peak ${bom.power.peakMa} mA of ${bom.power.budgetMa} mA.`,
  ];
}

/** The BOM this turn works on: the current one, or a first one from the context and the message. */
export function bomForTurn(
  input: PlanTurnInput,
): { bom: Bom; version: number; created: boolean } | { question: string } {
  const current = input.state.artifacts.bom;
  if (current) return { bom: current.json, version: current.version, created: false };
  const context = updateContext(input.message, input.state.artifacts.context?.json ?? null).doc;
  if (context.parts.length === 0 && context.sensing.length === 0 && !context.board)
    return {
      question:
        'What should it do? Tell me what it senses or drives (for example "an ESP32 weather station with a BME280 and an OLED") and I will build the BOM.',
    };
  const basis = basisFromContext(context);
  if (input.state.artifacts.context) basis.contextVersion = input.state.artifacts.context.version;
  return { bom: buildBom(basis, input.state.datasheets), version: 1, created: true };
}

export function planBom(input: PlanTurnInput): TurnPlan {
  const { state, message } = input;
  const current = state.artifacts.bom;
  const title = `${state.project?.name ?? 'Project'} BOM`;
  if (!current) {
    const made = bomForTurn(input);
    if ('question' in made) return question(input, 'bomGenerator', made.question);
    const bom = made.bom;
    const context = state.artifacts.context?.json;
    const reply = [
      `**BOM v1** — ${bom.lines.length} lines from ${context ? `the project context (v${state.artifacts.context!.version})` : 'your message'}.`,
      '',
      ...bomSummaryLines(bom),
      ...(warningLines(bom.warnings, { includeResolved: true }).length
        ? ['', '**Checks:**', ...warningLines(bom.warnings, { includeResolved: true })]
        : []),
      ...(bom.basis?.unknownParts.length ? ['', ...unknownLines(bom.basis.unknownParts)] : []),
      '',
      'Next: say **now the wiring** for the connections and the diagram.',
    ];
    return {
      intent: input.intent,
      agent: 'bomGenerator',
      reply: reply.join('\n'),
      writes: [
        writeFor(
          'bom',
          title,
          undefined,
          renderBomMarkdown(bom, title),
          bom,
          `Initial version: ${bom.lines.length} lines, ${formatMoney(bom.totals.subtotal)}`,
        ),
      ],
      stale: [],
      projectName: state.project ? null : projectNameFrom(context?.goal ?? message),
      question: false,
    };
  }
  const edits = parseEdits(message);
  if (edits.question) return question(input, 'bomGenerator', edits.question);
  const previousBasis = basisFromBom(current.json);
  let change = applyBomOps(previousBasis, edits.ops);
  if (change.question) return question(input, 'bomGenerator', change.question);
  const contextSnapshot = state.artifacts.context;
  if (edits.ops.length === 0 && contextSnapshot && contextSnapshot.version > (previousBasis.contextVersion ?? 0)) {
    // "generate the BOM" after the context moved on: the newer context wins; otherwise the BOM's own basis stands
    const fromContext = basisFromContext(contextSnapshot.json);
    change = {
      ...change,
      basis: {
        ...fromContext,
        unknownParts: [...new Set([...fromContext.unknownParts, ...edits.unknown])],
        contextVersion: contextSnapshot.version,
      },
    };
  } else if (edits.unknown.length)
    change.basis.unknownParts = [...new Set([...change.basis.unknownParts, ...edits.unknown])];
  const bom = buildBom(change.basis, state.datasheets);
  const summary = summariseBomChange(current.json, bom, change.said);
  if (summary === 'No change') {
    const said = change.notes.length ? change.notes.join(' ') : `The BOM (v${current.version}) already has that.`;
    return {
      intent: input.intent,
      agent: 'bomGenerator',
      reply: `${said} Nothing to change.`,
      writes: [],
      stale: [],
      projectName: null,
      question: change.notes.length > 0,
    };
  }
  const version = nextVersion(current);
  const stale = staleMarks(state, version, `BOM v${version}: ${summary}`);
  const offer = staleOffer(state, ['wiring', 'circuit_diagram', 'code']);
  const reply = [
    `**BOM v${version}** — ${capitalise(summary)}.`,
    ...change.notes,
    '',
    ...bomSummaryLines(bom),
    ...(warningLines(bom.warnings).length ? ['', '**Open warnings:**', ...warningLines(bom.warnings)] : []),
    ...(edits.unknown.length ? ['', ...unknownLines(edits.unknown)] : []),
    ...(offer ? ['', offer] : []),
  ];
  return {
    intent: input.intent,
    agent: 'bomGenerator',
    reply: reply.join('\n'),
    writes: [writeFor('bom', title, current, renderBomMarkdown(bom, current.title), bom, capitalise(summary))],
    stale,
    projectName: null,
    question: false,
  };
}
