// With a vision-capable model, a circuit photo is checked against the project's wiring: the model is shown the
// photo and the numbered wires and answers, per wire, whether it sees it (zod-typed structured output). The answer
// is checked before it is believed: a wire number the wiring does not have is dropped, and so is a wire the model
// says nothing about (it counts as unclear, never as matched).
import { generateText, Output } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { z } from 'zod';
import { shortLineName, stepOf, type CircuitDesign } from './design.ts';
import type { Finding } from './schema.ts';

export const photoAnswerSchema = z.object({
  wires: z
    .array(
      z.object({
        sequence: z.number().int().positive(),
        seen: z.enum(['connected', 'missing', 'elsewhere', 'unclear']),
        note: z.string().max(300),
      }),
    )
    .max(500),
  extra: z.array(z.object({ description: z.string().min(1).max(300) })).max(50),
});

export function photoPrompt(design: CircuitDesign): string {
  const name = (ref: string) => {
    const line = design.lines.find((l) => l.ref === ref);
    return line ? shortLineName(line) : ref;
  };
  return [
    'This photo shows a breadboard circuit. Check it against the wiring below, wire by wire.',
    'For each wire answer connected (you see it), missing (its pins are free), elsewhere (one end goes to another pin)',
    'or unclear (you cannot see). List wires you see that are not below as extra.',
    '',
    ...design.wires.map((w) => `${w.sequence}. ${name(w.from.ref)} ${w.from.pin} → ${name(w.to.ref)} ${w.to.pin}`),
  ].join('\n');
}

export async function checkCircuitPhoto({
  model,
  image,
  mediaType,
  design,
}: {
  model: LanguageModelV4;
  image: Uint8Array;
  mediaType: string;
  design: CircuitDesign;
}) {
  const result = await generateText({
    model,
    output: Output.object({ schema: photoAnswerSchema }),
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: photoPrompt(design) },
          { type: 'image', image, mediaType },
        ],
      },
    ],
  });
  const answer = result.output;
  const name = (ref: string) => shortLineName(design.lines.find((l) => l.ref === ref) ?? { name: ref, role: 'other' });
  const bySequence = new Map(answer.wires.map((w) => [w.sequence, w]));
  const findings: Finding[] = [];
  let matched = 0;
  let unclear = 0;
  for (const wire of design.wires) {
    const said = bySequence.get(wire.sequence);
    if (!said || said.seen === 'unclear') {
      unclear++;
      continue;
    }
    if (said.seen === 'connected') {
      matched++;
      continue;
    }
    const step = stepOf(design, wire.sequence);
    const ends: Finding['ends'][number] = [
      { ...wire.from, label: `${name(wire.from.ref)} ${wire.from.pin}` },
      { ...wire.to, label: `${name(wire.to.ref)} ${wire.to.pin}` },
    ];
    findings.push({
      kind: 'missing',
      step: step?.number ?? null,
      stepTitle: step?.title ?? null,
      wires: [wire.sequence],
      ends: [ends],
      message:
        `${step ? `Step ${step.number} (${step.title}): ` : ''}wire ${wire.sequence}, ${ends[0].label} → ${ends[1].label}, ` +
        `${said.seen === 'elsewhere' ? 'goes elsewhere in the photo' : 'is not in the photo'}${said.note ? ` (${said.note})` : ''}.`,
    });
  }
  for (const extra of answer.extra)
    findings.push({
      kind: 'extra',
      step: null,
      stepTitle: null,
      wires: [],
      ends: [],
      message: `The photo shows ${extra.description}, which the wiring does not have.`,
    });
  return {
    findings,
    matched,
    unclear,
    dropped: answer.wires.filter((w) => !design.wires.some((d) => d.sequence === w.sequence)).length,
    usage: { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 },
  };
}
