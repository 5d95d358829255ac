// The wiringGenerator and codeGenerator specialists: wiring + circuit diagram from the current BOM (building the BOM
// first when there is only a context), and firmware from the wiring's pins (rebuilding a stale wiring first).
import type { ArtifactWrite, Bom, PlanTurnInput, TurnPlan, Wiring } from './contract';
import { bomForTurn, question } from './agent-bom';
import { renderBomMarkdown } from './bom';
import { buildCode } from './code/generate';
import { projectNameFrom } from './context';
import { formatMoney } from './money';
import { nextVersion, warningLines, writeFor } from './prose';
import { renderCircuitSvg } from './svg';
import { buildWiring, labelOf } from './wiring';

export function renderWiringMarkdown(wiring: Wiring, bom: Pick<Bom, 'lines'>): string {
  const rows = wiring.connections.map(
    (c) =>
      `| ${c.sequence} | ${labelOf(bom, c.from.ref)} ${c.from.pin} | ${labelOf(bom, c.to.ref)} ${c.to.pin} | ${c.signalType} | ${c.voltage ?? '—'} | ${c.wireColor} |`,
  );
  return [
    `# Wiring (from BOM v${wiring.bomVersion})`,
    '',
    ...wiring.steps.map((step) => `${step.number}. **${step.title}** — ${step.instruction}`),
    '',
    '| # | From | To | Signal | Voltage | Wire |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(wiring.warnings.length ? ['', '## Warnings', ...warningLines(wiring.warnings)] : []),
  ].join('\n');
}

type Built = {
  writes: ArtifactWrite[];
  wiring: Wiring;
  wiringVersion: number;
  bom: Bom;
  bomVersion: number;
  notes: string[];
  changed: boolean;
};

function wiringWrites(input: PlanTurnInput): Built | { question: string } {
  const made = bomForTurn(input);
  if ('question' in made) return made;
  const { state } = input;
  const writes: ArtifactWrite[] = [];
  const notes: string[] = [];
  const title = state.project?.name ?? 'Project';
  if (made.created) {
    writes.push(
      writeFor(
        'bom',
        `${title} BOM`,
        undefined,
        renderBomMarkdown(made.bom, `${title} BOM`),
        made.bom,
        `Initial version: ${made.bom.lines.length} lines, ${formatMoney(made.bom.totals.subtotal)}`,
      ),
    );
    notes.push(
      `There was no BOM yet, so I built **BOM v1** (${made.bom.lines.length} lines, ${formatMoney(made.bom.totals.subtotal)}) first.`,
    );
  }
  const previous = state.artifacts.wiring;
  const wiring = buildWiring(made.bom, made.version);
  const unchanged = previous && !previous.stale && JSON.stringify(previous.json) === JSON.stringify(wiring);
  if (unchanged)
    return {
      writes,
      wiring: previous.json,
      wiringVersion: previous.version,
      bom: made.bom,
      bomVersion: made.version,
      notes,
      changed: false,
    };
  const version = nextVersion(previous);
  const summary = previous
    ? `Rebuilt from BOM v${made.version}: ${wiring.connections.length} connections (was ${previous.json.connections.length})`
    : `Initial version: ${wiring.connections.length} connections in ${wiring.steps.length} steps`;
  writes.push(writeFor('wiring', `${title} wiring`, previous, renderWiringMarkdown(wiring, made.bom), wiring, summary));
  const diagram = renderCircuitSvg(wiring, made.bom);
  const diagramSnapshot = state.artifacts.circuit_diagram;
  writes.push(
    writeFor(
      'circuit_diagram',
      `${title} circuit diagram`,
      diagramSnapshot,
      diagram.svg,
      { wiringVersion: version, width: diagram.width, height: diagram.height },
      previous ? `Redrawn from wiring v${version}` : 'Initial version',
    ),
  );
  return { writes, wiring, wiringVersion: version, bom: made.bom, bomVersion: made.version, notes, changed: true };
}

function clearMarks(input: PlanTurnInput, types: Array<'wiring' | 'circuit_diagram' | 'code'>): TurnPlan['stale'] {
  return types.flatMap((type) => {
    const snapshot = input.state.artifacts[type];
    return snapshot?.stale ? [{ artifactId: snapshot.artifactId, mark: null }] : [];
  });
}

export function planWiring(input: PlanTurnInput): TurnPlan {
  const built = wiringWrites(input);
  if ('question' in built) return question(input, 'wiringGenerator', built.question);
  const { wiring, bom } = built;
  if (!built.changed)
    return {
      intent: input.intent,
      agent: 'wiringGenerator',
      reply: `The wiring (v${built.wiringVersion}) is already up to date with BOM v${built.bomVersion}.`,
      writes: [],
      stale: [],
      projectName: null,
      question: false,
    };
  const stale = clearMarks(input, ['wiring', 'circuit_diagram']);
  const code = input.state.artifacts.code;
  if (code && (code.json.wiringVersion ?? 0) < built.wiringVersion)
    stale.push({
      artifactId: code.artifactId,
      mark: {
        reason: `wiring v${built.wiringVersion} changed the pins`,
        basedOn: { type: 'wiring', version: code.json.wiringVersion ?? 1 },
        current: { type: 'wiring', version: built.wiringVersion },
      },
    });
  const pins = wiring.pinAssignments.map((a) => `${labelOf(bom, a.ref)} ${a.function} → **${a.boardPin}**`);
  const reply = [
    ...built.notes,
    `**Wiring v${built.wiringVersion}** — ${wiring.connections.length} connections in ${wiring.steps.length} steps (power first, then buses, then signals), with the circuit diagram.`,
    '',
    `**Pins:** ${pins.join('; ') || 'no signal pins'}.`,
    '',
    ...wiring.steps.slice(0, 4).map((step) => `${step.number}. **${step.title}** — ${step.instruction}`),
    ...(wiring.steps.length > 4 ? [`… and ${wiring.steps.length - 4} more steps in the wiring artifact.`] : []),
    ...(warningLines(wiring.warnings).length ? ['', '**Warnings:**', ...warningLines(wiring.warnings)] : []),
    '',
    code
      ? 'The firmware was built from the older wiring: say **update the code** to match these pins.'
      : 'Next: say **write the firmware** for the three success units.',
  ];
  return {
    intent: input.intent,
    agent: 'wiringGenerator',
    reply: reply.join('\n'),
    writes: built.writes,
    stale,
    projectName: input.state.project ? null : projectNameFrom(input.message),
    question: false,
  };
}

export function planCode(input: PlanTurnInput): TurnPlan {
  const { state } = input;
  const current = state.artifacts.wiring;
  const fresh =
    current && !current.stale && state.artifacts.bom && current.json.bomVersion === state.artifacts.bom.version;
  const built = fresh
    ? {
        writes: [] as ArtifactWrite[],
        wiring: current.json,
        wiringVersion: current.version,
        bom: state.artifacts.bom!.json,
        bomVersion: state.artifacts.bom!.version,
        notes: [] as string[],
        changed: false,
      }
    : wiringWrites(input);
  if ('question' in built) return question(input, 'codeGenerator', built.question);
  const code = buildCode({
    bom: built.bom,
    bomVersion: built.bomVersion,
    wiring: built.wiring,
    wiringVersion: built.wiringVersion,
    context: state.artifacts.context?.json ?? null,
  });
  const previous = state.artifacts.code;
  const ready = code.files.some((file) => file.isProductionReady);
  const libraries = [...new Set(code.files.flatMap((file) => file.requiredLibraries))];
  const content = [
    `# Firmware for ${code.board} (PlatformIO, Arduino)`,
    '',
    ...code.units.map((unit) => `- **Unit ${unit.unit} · ${unit.title}** — ${unit.goal}`),
    '',
    `Libraries: ${libraries.join(', ') || 'none beyond the core'}`,
    '',
    ...code.files.map((file) => `- \`${file.filename}\``),
  ].join('\n');
  const summary = previous
    ? `Rebuilt for BOM v${built.bomVersion} and wiring v${built.wiringVersion}`
    : `Initial version: three units, ${code.files.length} files`;
  const writes = [
    ...built.writes,
    writeFor('code', `${state.project?.name ?? 'Project'} firmware`, previous, content, code, summary),
  ];
  const stale = clearMarks(input, built.changed ? ['wiring', 'circuit_diagram', 'code'] : ['code']);
  const open = [...built.wiring.warnings, ...code.warnings];
  const reply = [
    ...(built.changed
      ? [
          ...built.notes,
          `I rebuilt the wiring first (**wiring v${built.wiringVersion}**) so the firmware uses current pins.`,
        ]
      : []),
    `**Firmware v${nextVersion(previous)}** for \`${code.board}\` in three success units:`,
    ...code.units.map((unit) => `${unit.unit}. **${unit.title}** — ${unit.goal}.`),
    '',
    `**Libraries (lib_deps):** ${libraries.map((lib) => `\`${lib}\``).join(', ') || 'none'}.`,
    `**Pins:** ${built.wiring.pinAssignments.map((a) => `${a.ref} ${a.function.split(' (')[0]} = ${a.boardPin}`).join(', ') || 'none'}.`,
    ready
      ? 'Unit 3 is production-ready: every warning is resolved.'
      : 'Unit 3 is not production-ready yet: resolve the open warnings first.',
    ...(warningLines(open).length ? ['', ...warningLines(open)] : []),
    '',
    'Flash unit 1 first and check every reading on the serial monitor (115200 baud) before moving on.',
  ];
  return {
    intent: input.intent,
    agent: 'codeGenerator',
    reply: reply.join('\n'),
    writes,
    stale,
    projectName: state.project ? null : projectNameFrom(input.message),
    question: false,
  };
}
