// Wokwi diagram.json from the BOM and the wiring, with Wokwi's real part types and pin names (the tables in
// wokwi-parts.json). Wokwi silently connects nothing on a wrong pin name, so a pin the table does not have is refused
// here with a message naming the wire and the pins there are. A part Wokwi lacks is replaced by the nearest one it
// simulates (BMP180 for a BME280), and the file and the notes say so.
import type { Bom, BomLine, Connection, Wiring } from '../agents/design/contract.ts';
import { OhmError } from '../errors.ts';
import { exportFilename, requireArtifact, utf8, type ExportFile, type Versioned } from './file.ts';
import table from './wokwi-parts.json' with { type: 'json' };

type PartSpec = {
  title: string;
  pins: string;
  gpio?: string;
  aliases?: Record<string, string>;
  attrs?: Record<string, string>;
  serial?: string[];
};
export type Match = {
  pattern: string;
  role?: string;
  type?: string;
  id?: string;
  substituteFor?: string;
  note?: string;
  rail?: Record<string, string | null>;
};
export type WokwiPart = { type: string; id: string; top: number; left: number; attrs: Record<string, string> };
export type WokwiConnection = [from: string, to: string, color: string, routing: string[]];
export type WokwiDiagram = {
  version: 1;
  author: string;
  editor: 'wokwi';
  parts: WokwiPart[];
  connections: WokwiConnection[];
  dependencies: Record<string, string>;
};
export type WokwiBuild = {
  diagram: WokwiDiagram;
  substitutions: Array<{ ref: string; name: string; type: string; note: string }>;
  notes: string[]; // what the simulation leaves out or changes, for the README
};

export const wokwiParts = table.parts as Record<string, PartSpec>;
const matches = table.matches as Match[];
const pinsOf = (type: string) => wokwiParts[type].pins.split(' ');

/** The Wokwi pin for one of OHM's pin names on a part type, or null when the part has no such pin. */
export function resolveWokwiPin(type: string, pin: string): string | null {
  const spec = wokwiParts[type];
  const pins = pinsOf(type);
  if (pins.includes(pin)) return pin;
  const alias = Object.entries(spec.aliases ?? {}).find(([k]) => k.toUpperCase() === pin.toUpperCase());
  if (alias) return alias[1];
  const gpio = pin.match(/^(?:GPIO|IO|D)?(\d+)$/i);
  if (gpio && spec.gpio) {
    const name = spec.gpio.replace('{n}', String(Number(gpio[1])));
    if (pins.includes(name)) return name;
  }
  const caseless = pins.find((p) => p.toUpperCase() === pin.toUpperCase());
  return caseless ?? null;
}

/** Which Wokwi part (or board rail) a BOM line becomes; lib/analysis/circuit places uploaded diagrams the same way. */
export function matchLine(line: Pick<BomLine, 'catalogueKey' | 'ref' | 'name' | 'mpn' | 'role'>): Match | null {
  const text = `${line.catalogueKey ?? ''} ${line.ref} ${line.name} ${line.mpn ?? ''}`;
  return matches.find((m) => (!m.role || m.role === line.role) && new RegExp(m.pattern, 'i').test(text)) ?? null;
}

/** '4.7 kΩ resistor' → '4700' (Wokwi's resistor takes ohms). */
function ohms(name: string): string | null {
  const m = name.match(/(\d+(?:\.\d+)?)\s*([kKM]?)\s*(?:Ω|ohm)/i);
  if (!m) return null;
  const factor = m[2] === 'M' ? 1e6 : m[2] ? 1e3 : 1;
  return String(Math.round(Number(m[1]) * factor));
}

const cssColour = (colour: string) => (/^(?:[a-z]+|#[0-9a-f]{3}|#[0-9a-f]{6})$/i.test(colour) ? colour : 'green');

type Placed = { kind: 'part'; id: string; type: string } | { kind: 'rail'; rail: Record<string, string | null> };

/** Builds the diagram; throws a 400 OhmError on a pin Wokwi does not have or a board it cannot simulate. */
export function buildWokwiDiagram({ bom, wiring }: { bom: Bom; wiring: Wiring }): WokwiBuild {
  const placed = new Map<string, Placed>();
  const parts: WokwiPart[] = [];
  const substitutions: WokwiBuild['substitutions'] = [];
  const notes: string[] = [];
  const left: string[] = [];
  const counters = new Map<string, number>();
  let board: WokwiPart | null = null;

  for (const line of bom.lines) {
    const match = matchLine(line);
    if (match?.rail) {
      placed.set(line.ref, { kind: 'rail', rail: match.rail });
      notes.push(`${line.name} ${match.note}.`);
      continue;
    }
    if (!match?.type) {
      left.push(line.name);
      continue;
    }
    const isBoard = match.id === 'esp';
    if (isBoard && board) {
      left.push(line.name); // one microcontroller per simulation
      continue;
    }
    const n = (counters.get(match.id!) ?? 0) + 1;
    counters.set(match.id!, n);
    const id = isBoard ? 'esp' : `${match.id}${n}`;
    const attrs: Record<string, string> = { ...(wokwiParts[match.type].attrs ?? {}) };
    if (match.type === 'wokwi-resistor') attrs.value = ohms(line.name) ?? attrs.value;
    if (match.substituteFor) {
      attrs.ohmNote = `Stands in for ${line.name} (${line.ref}). ${match.note}`;
      substitutions.push({ ref: line.ref, name: line.name, type: match.type, note: match.note! });
    }
    const index = parts.length - (board ? 1 : 0);
    const part: WokwiPart = isBoard
      ? { type: match.type, id, top: 0, left: 0, attrs }
      : { type: match.type, id, top: -170 - Math.floor(index / 5) * 130, left: (index % 5) * 150 - 150, attrs };
    if (isBoard) board = part;
    parts.push(part);
    placed.set(line.ref, { kind: 'part', id, type: match.type });
    // A quantity above one is one BOM line with one ref: the wiring can only name one of them.
    if (line.quantity > 1 && line.role !== 'passive') notes.push(`Only one ${line.name} is simulated.`);
  }
  if (!board) {
    throw new OhmError(
      'bad_request:export',
      `Wokwi cannot simulate this board: the BOM has no ESP32 it knows (supported: ${['board-esp32-devkit-c-v4', 'wokwi-esp32-devkit-v1'].map((t) => wokwiParts[t].title).join(', ')}).`,
    );
  }
  const boardPart: WokwiPart = board;
  if (left.length) notes.push(`Not in the simulation (no Wokwi part): ${left.join(', ')}.`);

  const endpoint = (end: Connection['from'], wire: Connection): string | null => {
    const where = placed.get(end.ref);
    if (!where) return null;
    const [type, id, pin] =
      where.kind === 'rail'
        ? [boardPart.type, boardPart.id, where.rail[end.pin.toUpperCase()]]
        : [where.type, where.id, end.pin];
    if (pin === null || pin === undefined) {
      if (where.kind === 'rail' && !(end.pin.toUpperCase() in where.rail)) {
        throw new OhmError(
          'bad_request:export',
          `Wire ${wire.sequence} uses pin "${end.pin}" of ${end.ref}, which the simulation does not know.`,
        );
      }
      return null;
    }
    const resolved = resolveWokwiPin(type, pin);
    if (!resolved) {
      throw new OhmError(
        'bad_request:export',
        `Wire ${wire.sequence} (${wire.from.ref}:${wire.from.pin} → ${wire.to.ref}:${wire.to.pin}) uses pin "${pin}", ` +
          `which Wokwi's ${wokwiParts[type].title} (${type}) does not have. Its pins are: ${pinsOf(type).join(', ')}. ` +
          'Fix the pin in the wiring; Wokwi would silently leave the wire unconnected.',
      );
    }
    return `${id}:${resolved}`;
  };

  const serial = wokwiParts[boardPart.type].serial ?? [];
  const connections: WokwiConnection[] = serial.length
    ? [
        [`esp:${serial[0]}`, '$serialMonitor:RX', '', []],
        [`esp:${serial[1]}`, '$serialMonitor:TX', '', []],
      ]
    : [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const wire of [...wiring.connections].sort((a, b) => a.sequence - b.sequence)) {
    const from = endpoint(wire.from, wire);
    const to = endpoint(wire.to, wire);
    if (!from || !to) {
      dropped++;
      continue;
    }
    const key = [from, to].sort().join(' ');
    if (from === to || seen.has(key)) continue; // a rail folded onto the board pin it stands for
    seen.add(key);
    connections.push([from, to, cssColour(wire.wireColor), []]);
  }
  if (dropped) {
    const wires = dropped === 1 ? '1 wire ends' : `${dropped} wires end`;
    notes.push(`${wires} on a part or pin the simulation does not have, and ${dropped === 1 ? 'is' : 'are'} left out.`);
  }

  const diagram: WokwiDiagram = { version: 1, author: 'OHM', editor: 'wokwi', parts, connections, dependencies: {} };
  return { diagram, substitutions, notes: [...substitutions.map((s) => `${s.name}: ${s.note}`), ...notes] };
}

/** Checks a diagram (ours or an uploaded one) against the pin tables: unknown types, bad pins, duplicate ids. */
export function lintWokwiDiagram(diagram: Pick<WokwiDiagram, 'parts' | 'connections'>): string[] {
  const problems: string[] = [];
  const types = new Map<string, string>();
  for (const part of diagram.parts) {
    if (types.has(part.id)) problems.push(`Duplicate part id "${part.id}".`);
    if (!wokwiParts[part.type]) problems.push(`Part "${part.id}" has a type OHM has no pin table for: ${part.type}.`);
    types.set(part.id, part.type);
  }
  for (const [from, to] of diagram.connections) {
    for (const end of [from, to]) {
      const [id, pin] = end.split(':');
      if (id === '$serialMonitor') continue;
      const type = types.get(id);
      if (!type) problems.push(`Connection to unknown part "${id}" (${end}).`);
      else if (wokwiParts[type] && !pinsOf(type).includes(pin)) {
        problems.push(`${end}: ${wokwiParts[type].title} has no pin "${pin}".`);
      }
    }
  }
  return problems;
}

/** The Wokwi diagram.json export, named by the wiring version: `diagram-v2.json`. */
export function exportWokwiDiagram({
  bom,
  wiring,
}: {
  bom: Versioned<Bom> | null | undefined;
  wiring: Versioned<Wiring> | null | undefined;
}): ExportFile {
  const b = requireArtifact(bom, 'bom', 'Wokwi diagram');
  const w = requireArtifact(wiring, 'wiring', 'Wokwi diagram');
  const { diagram } = buildWokwiDiagram({ bom: b.json, wiring: w.json });
  return {
    filename: exportFilename('diagram', w.version, 'json'),
    contentType: 'application/json',
    bytes: utf8(JSON.stringify(diagram, null, 2) + '\n'),
  };
}
