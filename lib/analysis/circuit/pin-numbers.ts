// Pin numbers → pin names, for KiCad netlists whose nodes name a pin only by number: `(node (ref U3) (pin 3))`.
// KiCad writes a `pinfunction` only when the symbol's pin has a name, so numbers alone come from symbols with
// unnamed pins, above all a breakout module or a dev board drawn as a plain header (Conn_01x04, Conn_02x19).
// Numbers are read against the pin tables we ship:
// - a board: its Wokwi pin table (lib/exports/wokwi-parts.json), which lists the headers in order, for the
//   ESP32 DevKitC v4 as Espressif's user guide numbers them (J2 pins 1–19, then J3 pins 1–19 as 20–38);
// - a module or sensor: the catalogue's pin table, which lists the header as the board prints it, pin 1 first
//   (the DHT22's is also its datasheet's numbering);
// - a few bare parts whose numbering is fixed by their package, given here (DS18B20 TO-92, KiCad's LED symbol).
// A bare regulator's numbers depend on its package (SOT-23, SOT-223, TO-92), so they are never guessed: such a
// pin, and any number past the end of its table, is reported as unmapped rather than wired to a wrong name.
import type { DesignLine } from './design.ts';
import { matchLine, wokwiParts } from '../../exports/wokwi.ts';
import actuators from '../../agents/catalogue/parts-actuators.json' with { type: 'json' };
import climate from '../../agents/catalogue/parts-climate.json' with { type: 'json' };
import displays from '../../agents/catalogue/parts-displays.json' with { type: 'json' };
import interfaces from '../../agents/catalogue/parts-interfaces.json' with { type: 'json' };
import passives from '../../agents/catalogue/parts-passives.json' with { type: 'json' };
import power from '../../agents/catalogue/parts-power.json' with { type: 'json' };
import sensors from '../../agents/catalogue/parts-sensors.json' with { type: 'json' };
import sensorsMore from '../../agents/catalogue/parts-sensors-more.json' with { type: 'json' };

type TablePart = { key: string; aliases?: string[]; category?: string; pins?: Record<string, string> };
const tableParts = [
  actuators,
  climate,
  displays,
  interfaces,
  passives,
  power,
  sensors,
  sensorsMore,
].flat() as unknown as TablePart[];

/** Bare parts numbered by their package, not in their table's order. */
const packageNumbering: Record<string, string[]> = {
  ds18b20: ['GND', 'DQ', 'VDD'],
  'led-5mm-red': ['K', 'A'],
};
/** Bare regulators, whose pin 1 is GND in SOT-23A but VIN in SOT-23-5: only their pin names can be trusted. */
const packageDependent = new Set(['mcp1700', 'ap2112k', 'ams1117']);

export type PinNumbering = { pins: string[] | null; why: string };

function catalogueEntry(key: string | null): TablePart | null {
  if (!key) return null;
  const k = key.toLowerCase();
  // A line may carry an alias ('esp32') or a variant of the key ('mcp1700-3v3'): the longest key it extends.
  const variantOf = tableParts.filter((p) => k.startsWith(`${p.key}-`)).sort((a, b) => b.key.length - a.key.length)[0];
  return tableParts.find((p) => p.key === k) ?? tableParts.find((p) => p.aliases?.includes(k)) ?? variantOf ?? null;
}

/** A Wokwi board pin ('21', 'D21', 'VP', 'GND.2', 'TX') as OHM's wiring names it ('GPIO21', 'GPIO36', 'GND', 'GPIO1'). */
function boardPinName(type: string, pin: string): string {
  const spec = wokwiParts[type];
  const gpio = spec.gpio ? pin.match(new RegExp(`^${spec.gpio.replace('{n}', '(\\d+)')}$`)) : null;
  if (gpio) return `GPIO${gpio[1]}`;
  const alias = Object.entries(spec.aliases ?? {}).find(([ours, theirs]) => theirs === pin && /^GPIO\d+$/.test(ours));
  return alias ? alias[0] : pin;
}

/** The names of a design line's pins in number order (pin n is `pins[n - 1]`), or why it has none. */
export function pinNumbering(line: DesignLine): PinNumbering {
  if (line.role === 'mcu') {
    const type = matchLine(line)?.type;
    const spec = type ? wokwiParts[type] : undefined;
    if (!type || !spec) return { pins: null, why: 'OHM has no numbered pin table for this board' };
    return { pins: spec.pins.split(' ').map((pin) => boardPinName(type, pin)), why: spec.title };
  }
  const part = catalogueEntry(line.catalogueKey);
  if (!part?.pins || Object.keys(part.pins).length === 0)
    return { pins: null, why: 'the part is not in OHM’s catalogue, so its pins have no numbers here' };
  if (packageDependent.has(part.key))
    return { pins: null, why: 'its pin numbers depend on the package; export the netlist with pin names' };
  return { pins: packageNumbering[part.key] ?? Object.keys(part.pins), why: part.key };
}

/** The name of pin `number` of `line`, or why it cannot be named. */
export function pinByNumber(line: DesignLine, number: number): { name: string } | { unmapped: string } {
  const { pins, why } = pinNumbering(line);
  if (!pins) return { unmapped: why };
  const name = pins[number - 1];
  return name ? { name } : { unmapped: `its pin table (${why}) has ${pins.length} pins` };
}
