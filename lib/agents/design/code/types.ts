// What each part contributes to a firmware file: includes, globals, setup lines, the lines that read it into named
// values, and (for displays and actuators) how it shows or acts on those values.
import { boardPin, type Board } from '../../catalogue';

export type Value = { name: string; label: string; unit: string; format: string };
export type Snippet = {
  includes: string[];
  globals: string[];
  setup: string[];
  read: string[];
  values: Value[];
  /** Displays: lines that draw `lines[]`, an array of String. Actuators: lines that act on the first value. */
  output?: string[];
  kind: 'sensor' | 'display' | 'actuator' | 'driver';
};
export type PartContext = {
  ref: string;
  id: string; // a C identifier from the ref: 'bme280_2'
  pins: Record<string, string>; // part pin → board pin label
  address: string | null;
  board: Board;
  unitIndex: number; // 0 for the first unit of a key, 1 for the second, …
};

export function cIdent(ref: string): string {
  const id = ref.replace(/[^a-zA-Z0-9]+/g, '_');
  return /^[0-9]/.test(id) ? `p_${id}` : id;
}

/** How the firmware names a board pin: GPIO numbers on ESP32 and RP2040, D/A labels on the ESP8266 and AVR. */
export function pinExpr(board: Board, label: string): string {
  const pin = boardPin(board, label);
  if (board.platformioPlatform === 'espressif8266')
    return label.startsWith('D') || label === 'A0' ? label : String(pin?.gpio ?? label);
  if (board.platformioPlatform === 'atmelavr') return label.startsWith('A') ? label : label.replace(/^D/, '');
  return String(pin?.gpio ?? label);
}

export function isEsp32(board: Board): boolean {
  return board.platformioPlatform === 'espressif32';
}
