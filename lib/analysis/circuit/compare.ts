// The comparison itself, in one node namespace ('part:PIN' after each format's mapping): the project's wires make
// nets, the file's wires or nets make nets, and
// - a project wire whose two ends the file does not join is missing,
// - two missing wires whose ends the file joins crosswise (SDA to SCL's pin and SCL to SDA's) are one swap,
// - a file connection joining two of the project's nets is extra (unless a swap explains it).
// Comparing nets, not wires, accepts the same circuit wired another way (a bus daisy-chained through a breakout).
import type { CircuitDesign } from './design.ts';
import { stepOf } from './design.ts';
import type { Finding } from './schema.ts';

export type WireEnd = { ref: string; pin: string; label: string };
export type ExpectedEdge = { sequence: number; a: string; b: string; ends: [WireEnd, WireEnd] };
/** `foreign`: an end is on a part the project does not have (such a wire is always extra). */
export type FileEdge = { a: string; b: string; foreign?: boolean };

class Nets {
  private parent = new Map<string, string>();
  find(node: string): string {
    let root = node;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(node, root);
    return root;
  }
  join(a: string, b: string) {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }
  same(a: string, b: string) {
    return this.find(a) === this.find(b);
  }
}

export type Comparison = { findings: Finding[]; matched: number };

export function compareConnections({
  design,
  expected,
  fileEdges,
  fileName,
  describe,
}: {
  design: CircuitDesign;
  expected: ExpectedEdge[];
  /** The file's connections: its wires, or for a netlist each net's nodes joined in a chain. */
  fileEdges: FileEdge[];
  fileName: string;
  /** How a node the project's wires do not name reads in a message. */
  describe: (node: string) => WireEnd;
}): Comparison {
  const mine = new Nets();
  const theirs = new Nets();
  for (const edge of expected) mine.join(edge.a, edge.b);
  for (const edge of fileEdges) theirs.join(edge.a, edge.b);
  const known = new Map<string, WireEnd>();
  for (const edge of expected) {
    known.set(edge.a, edge.ends[0]);
    known.set(edge.b, edge.ends[1]);
  }
  const end = (node: string) => known.get(node) ?? describe(node);
  const step = (sequence: number | null) => (sequence === null ? null : stepOf(design, sequence));
  const arrow = (a: WireEnd, b: WireEnd) => `${a.label} → ${b.label}`;

  const missing = expected.filter((edge) => !theirs.same(edge.a, edge.b));
  const findings: Finding[] = [];
  const swappedPairs: Array<[string, string]> = [];
  const used = new Set<number>();
  for (const [i, first] of missing.entries()) {
    if (used.has(first.sequence)) continue;
    for (const second of missing.slice(i + 1)) {
      if (used.has(second.sequence)) continue;
      // Two wires to one pin (two parts fed from one rail) cannot be swapped: only four distinct ends can.
      if (new Set([first.a, first.b, second.a, second.b]).size < 4) continue;
      const orientations: Array<[string, string]> = [
        [second.a, second.b],
        [second.b, second.a],
      ];
      const crossed = orientations.find(([c, d]) => theirs.same(first.a, d) && theirs.same(c, first.b));
      if (!crossed) continue;
      const [c, d] = crossed;
      used.add(first.sequence).add(second.sequence);
      swappedPairs.push([first.a, d], [c, first.b]);
      const s = step(first.sequence) ?? step(second.sequence);
      findings.push({
        kind: 'swapped',
        step: s?.number ?? null,
        stepTitle: s?.title ?? null,
        wires: [first.sequence, second.sequence],
        ends: [
          [first.ends[0], end(d)],
          [end(c), first.ends[1]],
        ],
        message:
          `${s ? `Step ${s.number} (${s.title}): ` : ''}wires ${first.sequence} and ${second.sequence} are swapped in ${fileName}: ` +
          `${first.ends[0].label} goes to ${end(d).label} and ${end(c).label} to ${first.ends[1].label}; ` +
          `the wiring has ${arrow(first.ends[0], first.ends[1])} and ${arrow(second.ends[0], second.ends[1])}.`,
      });
      break;
    }
  }
  for (const edge of missing) {
    if (used.has(edge.sequence)) continue;
    const s = step(edge.sequence);
    findings.push({
      kind: 'missing',
      step: s?.number ?? null,
      stepTitle: s?.title ?? null,
      wires: [edge.sequence],
      ends: [edge.ends],
      message: `${s ? `Step ${s.number} (${s.title}): ` : ''}wire ${edge.sequence}, ${arrow(...edge.ends)}, is not in ${fileName}.`,
    });
  }

  const explained = (a: string, b: string) =>
    swappedPairs.some(([x, y]) => (mine.same(a, x) && mine.same(b, y)) || (mine.same(a, y) && mine.same(b, x)));
  const reported = new Set<string>();
  for (const edge of fileEdges) {
    // Between two pins the design leaves free: not ours to judge (unless it reaches a part the project lacks).
    if (!known.has(edge.a) && !known.has(edge.b) && !edge.foreign) continue;
    if (mine.same(edge.a, edge.b) || explained(edge.a, edge.b)) continue;
    const key = [mine.find(edge.a), mine.find(edge.b)].sort().join(' ');
    if (reported.has(key)) continue;
    reported.add(key);
    const touching = expected.filter((w) => [w.a, w.b].some((n) => n === edge.a || n === edge.b));
    const first = touching.sort((x, y) => x.sequence - y.sequence)[0] ?? null;
    const s = step(first?.sequence ?? null);
    const [a, b] = [end(edge.a), end(edge.b)];
    findings.push({
      kind: 'extra',
      step: s?.number ?? null,
      stepTitle: s?.title ?? null,
      wires: touching.map((w) => w.sequence),
      ends: [[a, b]],
      message:
        `${fileName} joins ${a.label} to ${b.label}, which the wiring does not` +
        (s ? `; it breaks step ${s.number} (${s.title}).` : '.'),
    });
  }
  findings.sort((x, y) => (x.step ?? 1e9) - (y.step ?? 1e9) || (x.wires[0] ?? 1e9) - (y.wires[0] ?? 1e9));
  return { findings, matched: expected.length - missing.length };
}
