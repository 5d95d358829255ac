// Verifies an uploaded Wokwi diagram.json against the project's wiring. The project's parts are placed as OHM's own
// export places them (lib/exports/wokwi.ts: the same part types, ids 'esp', 'oled1', 'r2' in BOM order, regulators
// folded onto the board's 3V3), so an exported diagram a maker edited in Wokwi maps one to one; a diagram drawn
// from scratch has its parts matched by type, in order. Pins are compared by Wokwi's names, the board's GND.1–3 as
// one ground.
import { z } from 'zod';
import { matchLine, resolveWokwiPin, wokwiParts } from '../../exports/wokwi.ts';
import { compareConnections, type ExpectedEdge, type FileEdge, type WireEnd } from './compare.ts';
import { shortLineName, type CircuitDesign, type DesignLine } from './design.ts';

const diagramSchema = z.object({
  parts: z.array(z.object({ id: z.string().min(1).max(100), type: z.string().min(1).max(100) })).max(500),
  connections: z.array(z.tuple([z.string().max(200), z.string().max(200)]).rest(z.unknown())).max(5000),
});

export class UnreadableCircuitFile extends Error {}

type Placed =
  { id: string; type: string; line: DesignLine } | { rail: Record<string, string | null>; line: DesignLine };

const foldPin = (pin: string) => (/^GND(\.\d+)?$/i.test(pin) ? 'GND' : pin);

function placeParts(lines: DesignLine[]) {
  const placed = new Map<string, Placed>();
  const counters = new Map<string, number>();
  let board: { id: string; type: string } | null = null;
  for (const line of lines) {
    const match = matchLine(line);
    if (match?.rail) {
      placed.set(line.ref, { rail: match.rail, line });
      continue;
    }
    if (!match?.type || !match.id) continue;
    const isBoard = match.id === 'esp';
    if (isBoard && board) continue;
    const n = (counters.get(match.id) ?? 0) + 1;
    counters.set(match.id, n);
    const part = { id: isBoard ? 'esp' : `${match.id}${n}`, type: match.type, line };
    if (isBoard) board = part;
    placed.set(line.ref, part);
  }
  return { placed, board };
}

export function parseWokwiDiagram(bytes: Uint8Array) {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new UnreadableCircuitFile('The file is not valid JSON, so it cannot be a Wokwi diagram.json.');
  }
  const parsed = diagramSchema.safeParse(json);
  if (!parsed.success)
    throw new UnreadableCircuitFile(
      'The JSON is not a Wokwi diagram: it needs "parts" (each with an id and a type) and "connections".',
    );
  return parsed.data;
}

export function verifyWokwiDiagram(bytes: Uint8Array, design: CircuitDesign, fileName: string) {
  const diagram = parseWokwiDiagram(bytes);
  const { placed, board } = placeParts(design.lines);
  const node = (end: { ref: string; pin: string }): string | null => {
    const where = placed.get(end.ref);
    if (!where) return null;
    if ('rail' in where) {
      const pin = where.rail[end.pin.toUpperCase()];
      return board && pin ? `${board.id}:${foldPin(pin)}` : null;
    }
    const pin = wokwiParts[where.type] ? resolveWokwiPin(where.type, end.pin) : null;
    return `${where.id}:${foldPin(pin ?? end.pin)}`;
  };
  const label = (end: { ref: string; pin: string }): WireEnd => {
    const line = design.lines.find((l) => l.ref === end.ref);
    return { ...end, label: `${line ? shortLineName(line) : end.ref} ${end.pin}` };
  };
  const expected: ExpectedEdge[] = [];
  for (const wire of design.wires) {
    const [a, b] = [node(wire.from), node(wire.to)];
    if (a && b && a !== b) expected.push({ sequence: wire.sequence, a, b, ends: [label(wire.from), label(wire.to)] });
  }

  // Upload ids → ours: the same id and type first, then by type in order.
  const ours = [...placed.values()].filter((p): p is Extract<Placed, { id: string }> => 'id' in p);
  const mapped = new Map<string, string>();
  const taken = new Set<string>();
  for (const part of diagram.parts) {
    if (ours.some((p) => p.id === part.id && p.type === part.type)) {
      mapped.set(part.id, part.id);
      taken.add(part.id);
    }
  }
  for (const part of diagram.parts) {
    if (mapped.has(part.id)) continue;
    const free = ours.find((p) => p.type === part.type && !taken.has(p.id));
    if (free) {
      mapped.set(part.id, free.id);
      taken.add(free.id);
    }
  }
  const fileEdges: FileEdge[] = [];
  for (const [from, to] of diagram.connections) {
    if (from.startsWith('$') || to.startsWith('$')) continue; // the serial monitor
    const [a, b] = [from, to].map((e) => {
      const [id, pin = ''] = e.split(':');
      return mapped.has(id) ? `${mapped.get(id)}:${foldPin(pin)}` : `?${id}:${pin}`;
    });
    fileEdges.push({ a, b, foreign: a.startsWith('?') || b.startsWith('?') });
  }
  const describe = (n: string): WireEnd => {
    const [id, pin = ''] = n.replace(/^\?/, '').split(':');
    const part = ours.find((p) => p.id === id);
    const name = n.startsWith('?') ? `${id} (not in the project)` : part ? shortLineName(part.line) : id;
    return { ref: part?.line.ref ?? id, pin, label: `${name} ${pin}` };
  };
  const comparison = compareConnections({ design, expected, fileEdges, fileName, describe });
  return {
    ...comparison,
    expected: expected.length,
    unknownParts: diagram.parts.filter((p) => !mapped.has(p.id)).map((p) => `${p.id} (${p.type})`),
    absentParts: ours.filter((p) => !taken.has(p.id)).map((p) => shortLineName(p.line)),
  };
}
