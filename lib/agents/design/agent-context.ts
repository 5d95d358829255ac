// The conversational specialist: the project context document (created from the first description, a new version
// as the maker answers), the MVP and PRD documents on request, and plain chat that writes nothing.
import type { ContextDoc, PlanTurnInput, TurnPlan } from './contract';
import { question } from './agent-bom';
import { basisFromContext, buildBom } from './bom';
import { projectNameFrom, renderContextMarkdown, updateContext } from './context';
import { parseEdits } from './edits';
import { formatMoney } from './money';
import { capitalise, nextVersion, partFacts, unknownLines, warningLines, writeFor } from './prose';
import { findPartMentions, findUnknownParts } from './text';

function headsUp(doc: ContextDoc): string[] {
  if (doc.parts.length === 0 && !doc.board) return [];
  const bom = buildBom(basisFromContext(doc));
  const lines = warningLines(
    bom.warnings.filter((w) => w.severity === 'error' || w.rule === 'logic-level'),
    { includeResolved: true },
  );
  return lines.length ? ['', '**Heads-up:**', ...lines] : [];
}

export function planContext(input: PlanTurnInput): TurnPlan {
  const snapshot = input.state.artifacts.context;
  const edits = parseEdits(input.message);
  if (edits.question) return question(input, 'conversational', edits.question);
  const { doc, changes } = updateContext(input.message, snapshot?.json ?? null);
  if (!snapshot && doc.parts.length === 0 && doc.sensing.length === 0 && !doc.board && doc.unknownParts.length === 0)
    return question(
      input,
      'conversational',
      'What would you like to build? Tell me what it should sense or drive, how it is powered and where it lives (for example "an ESP32 weather station with a BME280 and an OLED, on a battery, outdoors").',
    );
  if (snapshot && changes.length === 0)
    return {
      intent: input.intent,
      agent: 'conversational',
      reply: `The context (v${snapshot.version}) already says that. ${doc.openQuestions[0] ?? 'Say **generate the BOM** when you are ready.'}`,
      writes: [],
      stale: [],
      projectName: null,
      question: false,
    };
  const version = nextVersion(snapshot);
  const summary = snapshot ? capitalise(changes.join('; ')) : 'Initial version';
  const mentioned = findPartMentions(input.message).map((m) => m.key);
  const reply = [
    snapshot ? `**Context v${version}** — ${changes.join('; ')}.` : `**Context v1** — ${doc.goal}.`,
    '',
    ...partFacts(mentioned.length ? mentioned : doc.parts.flatMap((p) => (p.key ? [p.key] : []))),
    ...headsUp(doc),
    ...(doc.unknownParts.length ? ['', ...unknownLines(doc.unknownParts)] : []),
    ...(doc.openQuestions.length ? ['', '**Open questions:**', ...doc.openQuestions.map((q) => `- ${q}`)] : []),
    '',
    'When you are ready, say **generate the BOM**.',
  ];
  return {
    intent: input.intent,
    agent: 'conversational',
    reply: reply.join('\n'),
    writes: [writeFor('context', 'Project context', snapshot, renderContextMarkdown(doc), doc, summary)],
    stale: [],
    projectName: input.state.project ? null : projectNameFrom(doc.goal),
    question: false,
  };
}

function documentSections(doc: ContextDoc, kind: 'mvp' | 'prd'): Array<{ heading: string; body: string }> {
  const bom = buildBom(basisFromContext(doc));
  const main = bom.lines.filter((l) => l.requested || l.role === 'mcu').map((l) => l.name);
  const risks = bom.warnings.filter((w) => w.severity !== 'info').map((w) => `${w.message} → ${w.fix}`);
  const must = [
    doc.sensing.length ? `Measure ${doc.sensing.join(', ')}` : null,
    doc.display ? `Show readings on ${doc.display}` : null,
    doc.connectivity.length ? `Send data over ${doc.connectivity.join(', ')}` : null,
  ].filter(Boolean) as string[];
  const base = [
    { heading: 'Goal', body: doc.goal },
    {
      heading: kind === 'mvp' ? 'Must have' : 'Functional requirements',
      body: must.map((m) => `- ${m}`).join('\n') || '- Read the sensors and print the values',
    },
    { heading: 'Hardware', body: `${main.join(', ')}; estimated ${formatMoney(bom.totals.subtotal)}` },
    {
      heading: 'Success criteria',
      body: '1. Every sensor reads plausibly on the serial monitor\n2. The goal works end to end\n3. Runs unattended for a week',
    },
  ];
  if (kind === 'mvp')
    return [...base, { heading: 'Out of scope', body: '- Enclosure design, PCB, over-the-air updates' }];
  return [
    ...base,
    {
      heading: 'Non-functional requirements',
      body: `- Power: ${doc.power.source}\n- Environment: ${doc.environment}\n- Budget: ${doc.budget ? formatMoney(doc.budget) : 'not set'}`,
    },
    { heading: 'Firmware', body: 'PlatformIO (Arduino framework) in three success units: calibration, minimal, full' },
    { heading: 'Risks', body: risks.map((r) => `- ${r}`).join('\n') || '- None found by the rules' },
    { heading: 'Open questions', body: doc.openQuestions.map((q) => `- ${q}`).join('\n') || '- None' },
  ];
}

export function planDocument(input: PlanTurnInput, kind: 'mvp' | 'prd'): TurnPlan {
  const context = input.state.artifacts.context?.json ?? updateContext(input.message, null).doc;
  if (!input.state.artifacts.context && context.parts.length === 0 && context.sensing.length === 0)
    return question(
      input,
      'conversational',
      `Tell me about the project first (what it senses or drives), then I will write the ${kind.toUpperCase()}.`,
    );
  const sections = documentSections(context, kind);
  const title = kind === 'mvp' ? 'MVP spec' : 'Product requirements (PRD)';
  const snapshot = input.state.artifacts[kind];
  const markdown = [`# ${title}: ${context.goal}`, ...sections.flatMap((s) => ['', `## ${s.heading}`, s.body])].join(
    '\n',
  );
  return {
    intent: input.intent,
    agent: 'conversational',
    reply: `**${kind.toUpperCase()} v${nextVersion(snapshot)}** — ${sections.map((s) => s.heading).join(', ')}.\n\n${sections[1].body}`,
    writes: [
      writeFor(
        kind,
        title,
        snapshot,
        markdown,
        { sections },
        snapshot ? 'Rewritten from the current context' : 'Initial version',
      ),
    ],
    stale: [],
    projectName: input.state.project ? null : projectNameFrom(context.goal),
    question: false,
  };
}

export function planChat(input: PlanTurnInput): TurnPlan {
  const keys = findPartMentions(input.message).map((m) => m.key);
  const unknown = findUnknownParts(input.message);
  const facts = partFacts(keys);
  const reply = facts.length
    ? [
        'Here is what the catalogue knows:',
        '',
        ...facts,
        ...unknownLines(unknown).map((l) => `\n${l}`),
        '',
        'Want me to start a project context with these? Describe what you are building.',
      ]
    : [
        ...unknownLines(unknown),
        'Happy to help you build it. Tell me:',
        '',
        '1. **What it should sense or do** (temperature, motion, a display, a relay, …).',
        '2. **How it is powered** (USB, battery, solar).',
        '3. **Where it lives** (indoors or outdoors) and your rough budget.',
        '',
        'A good start is an **ESP32** (Wi-Fi, plenty of GPIO) with I2C sensors such as a **BME280** (0x76 or 0x77).',
      ];
  return {
    intent: input.intent,
    agent: 'conversational',
    reply: reply.join('\n'),
    writes: [],
    stale: [],
    projectName: null,
    question: false,
  };
}
