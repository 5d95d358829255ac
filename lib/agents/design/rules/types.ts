// What the rules look at: a board, the BOM's lines and the project's power and radio, plus the helper that writes
// a finding. Every rule is a small pure function (view) → DesignWarning[] so model output is checked the same way.
import type { Board, CataloguePart } from '../../catalogue';
import type { BomLine, ContextDoc, DesignWarning } from '../contract';

export type DesignView = {
  board: Board;
  boardRef: string;
  lines: BomLine[];
  power: ContextDoc['power']['source'];
  wifi: boolean;
};

export function warning(
  rule: string,
  severity: DesignWarning['severity'],
  text: { message: string; reason: string; fix: string },
  refs: string[],
  options: { pins?: string[]; resolved?: boolean } = {},
): DesignWarning {
  return { rule, severity, ...text, refs, pins: options.pins ?? [], resolved: options.resolved ?? false };
}

/** How a reply names a part: "DHT22", "BME280", "ESP32-DevKitC", "10 kΩ resistor", "5 V 2.5 A USB power supply". */
export function shortName(part: CataloguePart): string {
  const head = part.name.split(' (')[0];
  if (['passive', 'prototyping', 'power', 'level-shifter'].includes(part.category)) return head;
  const token = head
    .replace(/[(),]/g, ' ')
    .split(/\s+/)
    .find((word) => word.length >= 4 && /^[A-Za-z][A-Za-z0-9-]*\d[A-Za-z0-9-]*$/.test(word));
  return token ?? (part.mpn.length <= 14 && part.name.includes(part.mpn) ? part.mpn : head);
}

/** The part's pins that carry signals to or from the board. */
export function signalPins(part: CataloguePart): string[] {
  return Object.entries(part.pins)
    .filter(([, type]) => !['power-in', 'power-out', 'ground', 'load', 'passive', 'nc'].includes(type))
    .map(([name]) => name);
}
