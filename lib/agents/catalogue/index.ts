// The parts catalogue: the JSON files beside this module, parsed once with the zod schemas so a bad entry fails
// loudly at start-up. The design engine only ever names parts it finds here (or says plainly that it does not know one).
import { z } from 'zod';
import { boardSchema, cataloguePartSchema, type Board, type CataloguePart } from './schema';
import mcu from './parts-mcu.json';
import climate from './parts-climate.json';
import sensors from './parts-sensors.json';
import sensorsMore from './parts-sensors-more.json';
import displays from './parts-displays.json';
import actuators from './parts-actuators.json';
import power from './parts-power.json';
import passives from './parts-passives.json';
import interfaces from './parts-interfaces.json';
import esp32 from './board-esp32-devkitc.json';
import esp32s3 from './board-esp32-s3-devkitc.json';
import esp32c3 from './board-esp32-c3-devkitm.json';
import esp8266 from './board-esp8266-nodemcu.json';
import uno from './board-arduino-uno.json';
import nano from './board-arduino-nano.json';
import picoW from './board-pico-w.json';

export type { Board, BoardPin, CataloguePart, PartPinType } from './schema';

const partFiles = { mcu, climate, sensors, sensorsMore, displays, actuators, power, passives, interfaces };

function load(): { parts: CataloguePart[]; boards: Board[] } {
  const parts: CataloguePart[] = [];
  for (const [file, entries] of Object.entries(partFiles)) {
    const parsed = z.array(cataloguePartSchema).safeParse(entries);
    if (!parsed.success) throw new Error(`catalogue ${file}: ${z.prettifyError(parsed.error)}`);
    parts.push(...parsed.data);
  }
  const boards = [esp32, esp32s3, esp32c3, esp8266, uno, nano, picoW].map((entry) => {
    const parsed = boardSchema.safeParse(entry);
    if (!parsed.success) throw new Error(`board ${entry.key}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
  return { parts, boards };
}

const loaded = load();
const partsByKey = new Map(loaded.parts.map((part) => [part.key, part]));
const boardsByKey = new Map(loaded.boards.map((board) => [board.key, board]));

export const catalogueParts: readonly CataloguePart[] = loaded.parts;
export const catalogueBoards: readonly Board[] = loaded.boards;
export const defaultBoardKey = 'esp32-devkitc';

export function getPart(key: string | null | undefined): CataloguePart | null {
  return key ? (partsByKey.get(key) ?? null) : null;
}

/** The part, or a thrown error: for keys the engine itself chose, where a miss is a bug in the engine. */
export function requirePart(key: string): CataloguePart {
  const part = partsByKey.get(key);
  if (!part) throw new Error(`catalogue has no part ${key}`);
  return part;
}

export function getBoard(key: string | null | undefined): Board | null {
  return key ? (boardsByKey.get(key) ?? null) : null;
}

export function boardPin(board: Board, pin: string) {
  return board.pins.find((candidate) => candidate.pin === pin) ?? null;
}

/** Parts of a category, cheapest first: the budget agent's shelf of alternatives. */
export function partsInCategory(category: CataloguePart['category']): CataloguePart[] {
  return loaded.parts.filter((part) => part.category === category).sort((a, b) => a.price.amount - b.price.amount);
}
