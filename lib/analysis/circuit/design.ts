// What an uploaded circuit is checked against: the BOM lines (refs, names, in BOM order), the current wiring's wires
// as public.connections holds them (by part ref and pin) and its steps, which say which wires each step makes.
import type { BomLine } from '../../agents/design/contract.ts';

export type DesignLine = Pick<BomLine, 'ref' | 'name' | 'catalogueKey' | 'role' | 'mpn' | 'quantity'>;
export type DesignWire = { sequence: number; from: { ref: string; pin: string }; to: { ref: string; pin: string } };
export type DesignStep = { number: number; title: string; connections: number[] };

export type CircuitDesign = {
  wiringVersion: number;
  lines: DesignLine[];
  wires: DesignWire[];
  steps: DesignStep[];
};

/**
 * How a finding names a part: the first word for modules ("SSD1306", "ESP32-DevKitC"), the name up to its details
 * for passives and power parts ("4.7 kΩ resistor 0805", "MCP1700 3.3 V LDO regulator").
 */
export function shortLineName(line: Pick<DesignLine, 'name' | 'role'>): string {
  const head = line.name.split(/ \(|, /)[0];
  if (['passive', 'power', 'prototyping', 'level-shifter', 'other'].includes(line.role)) return head;
  return head.split(/\s+/)[0].replace(/-V\d+$/, '');
}

export function stepOf(design: CircuitDesign, sequence: number): DesignStep | null {
  return design.steps.find((step) => step.connections.includes(sequence)) ?? null;
}

/** The design as the wiring artifact states it (the rows in public.connections are made from the same version). */
export function designFromArtifacts({
  bom,
  wiring,
  wiringVersion,
}: {
  bom: { lines: DesignLine[] };
  wiring: {
    connections: Array<{ sequence: number; from: DesignWire['from']; to: DesignWire['to'] }>;
    steps: DesignStep[];
  };
  wiringVersion: number;
}): CircuitDesign {
  return {
    wiringVersion,
    lines: bom.lines.map(({ ref, name, catalogueKey, role, mpn, quantity }) => ({
      ref,
      name,
      catalogueKey,
      role,
      mpn,
      quantity,
    })),
    wires: wiring.connections.map((c) => ({
      sequence: c.sequence,
      from: { ref: c.from.ref, pin: c.from.pin },
      to: { ref: c.to.ref, pin: c.to.pin },
    })),
    steps: wiring.steps.map(({ number, title, connections }) => ({ number, title, connections })),
  };
}
