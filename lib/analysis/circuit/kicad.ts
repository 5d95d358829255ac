// Verifies an uploaded KiCad netlist (the s-expression `.net` file Eeschema exports) against the project's wiring.
// Components are matched to BOM lines by ref, then by value / part name / MPN (resistors by their ohms), in ref
// order; a node's pin is its pin function when that names one of the design's pins, else its number, read against
// the shipped pin tables (pin-numbers.ts) when it names no pin itself; a number no table maps is listed, never
// guessed. Components the project does not have (decoupling capacitors, connectors) are listed and left out.
import { compareConnections, type ExpectedEdge, type FileEdge, type WireEnd } from './compare.ts';
import { shortLineName, type CircuitDesign, type DesignLine } from './design.ts';
import { pinByNumber } from './pin-numbers.ts';
import { UnreadableCircuitFile } from './wokwi.ts';

type Sexp = string | Sexp[];
const maxTokens = 2_000_000;

export function parseSexp(text: string): Sexp {
  const stack: Sexp[][] = [[]];
  let count = 0;
  const re = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([^\s()"]+))/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) && m[0] !== '') {
    end = re.lastIndex;
    if (++count > maxTokens) throw new UnreadableCircuitFile('The netlist is too large to read.');
    if (m[1]) {
      if (stack.length > 64) throw new UnreadableCircuitFile('The netlist nests deeper than a KiCad netlist does.');
      stack.push([]);
    } else if (m[2]) {
      if (stack.length === 1) throw new UnreadableCircuitFile('The netlist has an unmatched ")".');
      const done = stack.pop()!;
      stack[stack.length - 1].push(done);
    } else stack[stack.length - 1].push(m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4]);
  }
  if (text.slice(end).trim() !== '' || stack.length !== 1)
    throw new UnreadableCircuitFile('The netlist is cut short or is not an s-expression (a "(" is never closed).');
  return stack[0][0] ?? [];
}

const isList = (s: Sexp | undefined): s is Sexp[] => Array.isArray(s);
const children = (s: Sexp, head: string) => (isList(s) ? s.filter((c): c is Sexp[] => isList(c) && c[0] === head) : []);
const child = (s: Sexp, head: string) => children(s, head)[0];
const value = (s: Sexp | undefined, head: string) => {
  const c = s ? child(s, head) : undefined;
  return c && typeof c[1] === 'string' ? c[1] : null;
};

/** One spelling per pin: GPIO21 / IO21 / D21 → GPIO21; GND / VSS / GND.2 → GND; +3V3 / 3.3V → 3V3. */
export function canonicalPin(pin: string): string {
  const p = pin.toUpperCase().replace(/\s+/g, '');
  const gpio = p.match(/^(?:GPIO|IO|GP|D|P)(\d+)$/);
  if (gpio) return `GPIO${Number(gpio[1])}`;
  if (/^(GND|VSS|GND[.\d]+|AGND|DGND)$/.test(p)) return 'GND';
  if (/^(\+?3V3|\+?3\.3V|VDD33)$/.test(p)) return '3V3';
  if (/^(\+?5V|VBUS|VUSB)$/.test(p)) return '5V';
  // KiCad's regulator symbols name their pins VI and VO.
  if (p === 'VI') return 'VIN';
  if (p === 'VO') return 'VOUT';
  return p;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
function ohms(text: string): number | null {
  const m =
    text.replace(/Ω|ohms?/gi, '').match(/^\s*(\d+(?:\.\d+)?)\s*([rkKmM]?)(\d*)\s*$/) ??
    text.match(/(\d+(?:\.\d+)?)\s*([kKM]?)\s*(?:Ω|ohm)/i);
  if (!m) return null;
  const factor = /k/i.test(m[2]) ? 1e3 : m[2] === 'M' ? 1e6 : 1;
  return Number(`${m[1]}${m[3] ? `.${m[3]}` : ''}`) * factor;
}

function componentMatches(comp: { value: string; part: string; description: string }, line: DesignLine): boolean {
  if (line.role === 'passive') {
    const [mine, theirs] = [ohms(line.name), ohms(comp.value)];
    return mine !== null && mine === theirs;
  }
  const text = squash(`${comp.value} ${comp.part} ${comp.description}`);
  const names = [line.catalogueKey ?? '', line.mpn ?? '', shortLineName(line)].map(squash).filter((n) => n.length >= 4);
  return names.some((n) => text.includes(n) || (squash(comp.value).length >= 4 && n.includes(squash(comp.value))));
}

const naturalRef = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function verifyKicadNetlist(bytes: Uint8Array, design: CircuitDesign, fileName: string) {
  let root: Sexp;
  try {
    root = parseSexp(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    if (error instanceof UnreadableCircuitFile) throw error;
    throw new UnreadableCircuitFile('The file is not UTF-8 text, so it cannot be a KiCad netlist.');
  }
  if (!isList(root) || root[0] !== 'export' || !child(root, 'nets'))
    throw new UnreadableCircuitFile('The file is not a KiCad netlist: it has no (export … (nets …)) section.');
  const comps = children(child(root, 'components') ?? [], 'comp')
    .map((c) => ({
      ref: value(c, 'ref') ?? '',
      value: value(c, 'value') ?? '',
      part: value(child(c, 'libsource'), 'part') ?? '',
      description: value(c, 'description') ?? value(child(c, 'libsource'), 'description') ?? '',
    }))
    .filter((c) => c.ref)
    .sort((a, b) => naturalRef(a.ref, b.ref));

  const lineByComp = new Map<string, DesignLine>();
  const used = new Set<string>();
  for (const comp of comps) {
    const same = design.lines.find((l) => l.ref.toLowerCase() === comp.ref.toLowerCase() && !used.has(l.ref));
    if (same) {
      lineByComp.set(comp.ref, same);
      used.add(same.ref);
    }
  }
  for (const comp of comps) {
    if (lineByComp.has(comp.ref)) continue;
    const line = design.lines.find((l) => !used.has(l.ref) && componentMatches(comp, l));
    if (line) {
      lineByComp.set(comp.ref, line);
      used.add(line.ref);
    }
  }

  const pinsByRef = new Map<string, Set<string>>();
  for (const wire of design.wires)
    for (const end of [wire.from, wire.to])
      pinsByRef.set(end.ref, (pinsByRef.get(end.ref) ?? new Set()).add(canonicalPin(end.pin)));
  const label = (end: { ref: string; pin: string }): WireEnd => {
    const line = design.lines.find((l) => l.ref === end.ref);
    return { ...end, label: `${line ? shortLineName(line) : end.ref} ${end.pin}` };
  };
  const expected: ExpectedEdge[] = design.wires.map((wire) => ({
    sequence: wire.sequence,
    a: `${wire.from.ref}:${canonicalPin(wire.from.pin)}`,
    b: `${wire.to.ref}:${canonicalPin(wire.to.pin)}`,
    ends: [label(wire.from), label(wire.to)],
  }));

  const fileEdges: FileEdge[] = [];
  const unmappedPins: string[] = [];
  for (const net of children(child(root, 'nets')!, 'net')) {
    const nodes = children(net, 'node').flatMap((n) => {
      const ref = value(n, 'ref') ?? '';
      const line = lineByComp.get(ref);
      if (!line) return [];
      const [pinFunction, number] = [value(n, 'pinfunction'), value(n, 'pin')].map((p) => (p && p !== '~' ? p : null));
      const pins = pinsByRef.get(line.ref);
      let pin = [pinFunction, number].flatMap((p) => (p ? [canonicalPin(p)] : [])).find((p) => pins?.has(p));
      if (!pin && !pinFunction && number && /^\d+$/.test(number)) {
        const named = pinByNumber(line, Number(number));
        if ('unmapped' in named) {
          unmappedPins.push(`${ref} pin ${number} (${shortLineName(line)}: ${named.unmapped})`);
          return [];
        }
        pin = canonicalPin(named.name);
      }
      return [`${line.ref}:${pin ?? canonicalPin(pinFunction ?? number ?? '?')}`];
    });
    for (let i = 1; i < nodes.length; i++) fileEdges.push({ a: nodes[i - 1], b: nodes[i] });
  }
  const describe = (node: string): WireEnd => {
    const [ref, pin = ''] = node.split(':');
    return label({ ref, pin });
  };
  const comparison = compareConnections({ design, expected, fileEdges, fileName, describe });
  const wired = new Set(design.wires.flatMap((w) => [w.from.ref, w.to.ref]));
  return {
    ...comparison,
    expected: expected.length,
    unknownParts: comps
      .filter((c) => !lineByComp.has(c.ref))
      .map((c) => `${c.ref} (${c.value || c.part || 'no value'})`),
    absentParts: design.lines.filter((l) => wired.has(l.ref) && !used.has(l.ref)).map(shortLineName),
    unmappedPins,
  };
}
