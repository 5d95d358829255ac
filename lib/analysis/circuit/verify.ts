// An uploaded circuit file → a circuit verification: the Wokwi or KiCad reader by the type the content check
// decided, the comparison against the project's wiring, the counts, and the summary the chat shows.
import type { CircuitDesign } from './design.ts';
import { verifyKicadNetlist } from './kicad.ts';
import { circuitVerificationSchema, type CircuitVerification } from './schema.ts';
import { UnreadableCircuitFile, verifyWokwiDiagram } from './wokwi.ts';

export const circuitFileTypes = { 'application/json': 'wokwi', 'application/x-kicad-netlist': 'kicad' } as const;

const noCounts = { expected: 0, matched: 0, missing: 0, extra: 0, swapped: 0 };

export function verifyCircuitFile({
  bytes,
  fileType,
  filename,
  attachmentId,
  design,
  now = new Date(),
}: {
  bytes: Uint8Array;
  fileType: keyof typeof circuitFileTypes;
  filename: string;
  attachmentId: string;
  design: CircuitDesign | null;
  now?: Date;
}): CircuitVerification {
  const format = circuitFileTypes[fileType];
  const base = {
    attachmentId,
    filename,
    format,
    checkedAt: now.toISOString(),
    method: 'offline' as const,
    model: null,
    wiringVersion: design?.wiringVersion ?? null,
    findings: [],
    unknownParts: [],
    absentParts: [],
    counts: noCounts,
  };
  if (!design || design.wires.length === 0) {
    return circuitVerificationSchema.parse({
      ...base,
      status: 'no-wiring',
      reason:
        'This chat has no wiring yet to check the file against. Ask OHM for the wiring first, then upload it again.',
    });
  }
  try {
    const result =
      format === 'wokwi' ? verifyWokwiDiagram(bytes, design, filename) : verifyKicadNetlist(bytes, design, filename);
    const count = (kind: string) => result.findings.filter((f) => f.kind === kind).length;
    return circuitVerificationSchema.parse({
      ...base,
      status: result.findings.length === 0 ? 'matches' : 'differs',
      reason:
        result.expected < design.wires.length
          ? `${design.wires.length - result.expected} of the wiring's ${design.wires.length} wires end on parts a Wokwi diagram cannot hold, so they were not checked.`
          : null,
      counts: {
        expected: result.expected,
        matched: result.matched,
        missing: count('missing'),
        extra: count('extra'),
        swapped: count('swapped'),
      },
      findings: result.findings,
      unknownParts: result.unknownParts,
      absentParts: result.absentParts,
      unmappedPins: 'unmappedPins' in result ? result.unmappedPins : [],
    });
  } catch (error) {
    if (!(error instanceof UnreadableCircuitFile)) throw error;
    return circuitVerificationSchema.parse({ ...base, status: 'unreadable', reason: error.message });
  }
}

export function summariseVerification(v: CircuitVerification): string {
  const what = `**${v.filename}**`;
  if (v.status === 'unreadable') return `I could not check ${what}: ${v.reason}`;
  if (v.status === 'no-wiring') return `I could not check ${what}: ${v.reason}`;
  const against = `wiring v${v.wiringVersion}`;
  const unmapped = v.unmappedPins.length
    ? `Pins I could not name from their numbers (left unchecked): ${v.unmappedPins.join('; ')}.`
    : null;
  if (v.status === 'matches')
    return [
      `${what} matches ${against}: all ${v.counts.matched} wires are where the steps put them.${v.reason ? ` ${v.reason}` : ''}`,
      ...(unmapped ? ['', unmapped] : []),
    ].join('\n');
  const parts = [
    v.counts.missing && `${v.counts.missing} missing`,
    v.counts.swapped && `${v.counts.swapped} swapped pair${v.counts.swapped > 1 ? 's' : ''}`,
    v.counts.extra && `${v.counts.extra} extra`,
  ].filter(Boolean);
  const lines = [
    `${what} differs from ${against} (${v.counts.matched} of ${v.counts.expected} wires match; ${parts.join(', ')}):`,
    '',
    ...v.findings.slice(0, 20).map((f) => `- **${f.kind}**: ${f.message}`),
  ];
  if (v.findings.length > 20) lines.push(`- … and ${v.findings.length - 20} more in the saved verification.`);
  if (v.unknownParts.length) lines.push('', `Not in the project: ${v.unknownParts.join(', ')}.`);
  if (v.absentParts.length) lines.push('', `Not in the file: ${v.absentParts.join(', ')}.`);
  if (unmapped) lines.push('', unmapped);
  if (v.reason) lines.push('', v.reason);
  return lines.join('\n');
}
