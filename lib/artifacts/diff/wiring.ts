// Wiring diff by connection, keyed by its two ends (ref:pin ↔ ref:pin; a wire drawn the other way round is the same
// wire). Gives added and removed wires, re-routed ones (the same `from` pin now going somewhere else), changed
// attributes of the wires that stayed (colour, voltage, signal, note) and a text diff of the assembly steps.
import type { Connection, Wiring } from '../../agents/design/contract.ts';
import { diffText, type TextDiff } from './text.ts';

export type WireEnd = { ref: string; pin: string };
export type WireField = 'wireColor' | 'voltage' | 'signalType' | 'note' | 'fromPinType' | 'toPinType';
export type WireFieldChange = { field: WireField; before: string | null; after: string | null };
export type WireChange = { key: string; before: Connection; after: Connection; fields: WireFieldChange[] };
export type WireReroute = { from: WireEnd; before: Connection; after: Connection };
export type WiringDiff = {
  identical: boolean;
  added: Connection[];
  removed: Connection[];
  rerouted: WireReroute[];
  changed: WireChange[];
  unchangedCount: number;
  steps: TextDiff;
  bomVersion: { before: number; after: number } | null;
};

export const endKey = (end: WireEnd) => `${end.ref}:${end.pin}`;

/** One key for both directions of the same wire. */
export function wireKey(connection: Connection): string {
  const a = endKey(connection.from);
  const b = endKey(connection.to);
  return a <= b ? `${a} ↔ ${b}` : `${b} ↔ ${a}`;
}

/** '1. Power rail\n   Seat the …\n   wires: 1, 2' — the steps as text, for the steps' line diff. */
export function renderWiringSteps(wiring: Wiring): string {
  return wiring.steps
    .map(
      (s) =>
        `${s.number}. ${s.title}\n   ${s.instruction}` +
        (s.connections.length ? `\n   wires: ${s.connections.join(', ')}` : ''),
    )
    .join('\n');
}

function compareWires(before: Connection, after: Connection): WireFieldChange[] {
  // The stored direction may be flipped: compare pin types end by end, not from by from.
  const flipped = endKey(before.from) !== endKey(after.from);
  const beforeFrom = flipped ? before.to : before.from;
  const beforeTo = flipped ? before.from : before.to;
  const pairs: Array<[WireField, string | null, string | null]> = [
    ['wireColor', before.wireColor, after.wireColor],
    ['voltage', before.voltage, after.voltage],
    ['signalType', before.signalType, after.signalType],
    ['note', before.note, after.note],
    ['fromPinType', beforeFrom.pinType, after.from.pinType],
    ['toPinType', beforeTo.pinType, after.to.pinType],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, before: a, after: b }));
}

function groupByKey(connections: Connection[]): Map<string, Connection[]> {
  const groups = new Map<string, Connection[]>();
  for (const c of connections) {
    const key = wireKey(c);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}

/** Compares two wiring versions connection by connection. */
export function diffWiring(before: Wiring, after: Wiring): WiringDiff {
  const old = groupByKey(before.connections);
  const changed: WireChange[] = [];
  const unmatchedAdded: Connection[] = [];
  let unchangedCount = 0;
  for (const connection of after.connections) {
    const key = wireKey(connection);
    // The same wire twice (two jumpers in parallel) matches one for one, in order.
    const previous = old.get(key)?.shift();
    if (!previous) {
      unmatchedAdded.push(connection);
      continue;
    }
    const fields = compareWires(previous, connection);
    if (fields.length) changed.push({ key, before: previous, after: connection, fields });
    else unchangedCount++;
  }
  const unmatchedRemoved = before.connections.filter((c) => old.get(wireKey(c))?.includes(c));

  // A removed and an added wire that leave the same `from` pin are one wire moved to a new destination.
  const rerouted: WireReroute[] = [];
  const added: Connection[] = [];
  const removedLeft = [...unmatchedRemoved];
  for (const connection of unmatchedAdded) {
    const index = removedLeft.findIndex((r) => endKey(r.from) === endKey(connection.from));
    if (index === -1) {
      added.push(connection);
      continue;
    }
    const [previous] = removedLeft.splice(index, 1);
    rerouted.push({
      from: { ref: connection.from.ref, pin: connection.from.pin },
      before: previous,
      after: connection,
    });
  }

  const steps = diffText(renderWiringSteps(before), renderWiringSteps(after));
  const bomVersion =
    before.bomVersion === after.bomVersion ? null : { before: before.bomVersion, after: after.bomVersion };
  const identical =
    added.length === 0 &&
    removedLeft.length === 0 &&
    rerouted.length === 0 &&
    changed.length === 0 &&
    steps.identical &&
    bomVersion === null;
  return { identical, added, removed: removedLeft, rerouted, changed, unchangedCount, steps, bomVersion };
}
