// Where each power connection of a wiring lands: the board's 3V3 and 5 V pins, or the supply chain the BOM carries
// (battery → charger → regulator, a separate 5 V supply, a boost converter, a motor supply), and the wire colours.
import type { Board } from '../catalogue';
import type { Bom, BomLine } from './contract';
import { partOf } from './bom-lines';

export type Endpoint = { ref: string; pin: string };
export type RailMap = { v3: Endpoint; v5: Endpoint; gnd: Endpoint; motor: Endpoint | null; motorGnd: Endpoint | null };

function lineWith(bom: Pick<Bom, 'lines'>, ref: string): BomLine | undefined {
  return bom.lines.find((line) => line.ref === ref);
}

function boardFivePin(boardRef: string, bom: Pick<Bom, 'lines'>): string {
  const pins = partOf(lineWith(bom, boardRef)!)?.pins ?? {};
  return ['5V', 'VIN', 'VBUS'].find((pin) => pin in pins) ?? '5V';
}

export function railMap(bom: Pick<Bom, 'lines' | 'boardRef'>): RailMap {
  const boardRef = bom.boardRef ?? bom.lines[0].ref;
  const extra3v3 = lineWith(bom, 'regulator-3v3');
  const supply5 = lineWith(bom, 'supply-5v');
  const boost = lineWith(bom, 'boost-5v');
  const motor = lineWith(bom, 'supply-motor');
  const motorPlus = motor ? (Object.keys(partOf(motor)?.pins ?? {})[0] ?? '+') : null;
  return {
    v3: extra3v3 ? { ref: extra3v3.ref, pin: 'VOUT' } : { ref: boardRef, pin: '3V3' },
    v5: supply5
      ? { ref: supply5.ref, pin: '5V' }
      : boost
        ? { ref: boost.ref, pin: 'VOUT+' }
        : { ref: boardRef, pin: boardFivePin(boardRef, bom) },
    gnd: { ref: boardRef, pin: 'GND' },
    motor: motor && motorPlus ? { ref: motor.ref, pin: motorPlus } : null,
    motorGnd: motor ? { ref: motor.ref, pin: motorPlus === '12V' ? 'GND' : '-' } : null,
  };
}

export function volts(endpoint: Endpoint, board: Board, bom: Pick<Bom, 'lines'>): string {
  if (endpoint.pin === 'GND' || endpoint.pin === '-' || endpoint.pin.endsWith('-')) return '0 V';
  const supplies = partOf(lineWith(bom, endpoint.ref) ?? { catalogueKey: null })?.supplies;
  if (supplies) return `${supplies.volts} V`;
  if (endpoint.pin === '3V3') return '3.3 V';
  if (['5V', 'VIN', 'VBUS'].includes(endpoint.pin)) return '5 V';
  return `${board.logicV} V`;
}

export function powerColour(voltage: string): string {
  if (voltage === '0 V') return 'black';
  if (voltage === '3.3 V') return 'red';
  if (voltage === '5 V') return 'orange';
  return 'brown';
}

const signalColours: Record<string, string> = {
  'i2c-sda': 'blue',
  'i2c-scl': 'yellow',
  'spi-mosi': 'blue',
  'spi-miso': 'purple',
  'spi-sck': 'yellow',
  'spi-cs': 'white',
  'spi-dc': 'grey',
  'spi-rst': 'grey',
  'uart-tx': 'green',
  'uart-rx': 'white',
  'one-wire': 'green',
  'signal-in': 'green',
  'signal-out': 'green',
  'pwm-in': 'purple',
  'analog-out': 'white',
  load: 'grey',
  passive: 'green',
};

export function signalColour(type: string): string {
  return signalColours[type] ?? 'green';
}

export function signalName(type: string): string {
  if (type.startsWith('i2c')) return 'I2C';
  if (type.startsWith('spi')) return 'SPI';
  if (type.startsWith('uart')) return 'UART';
  if (type === 'one-wire') return 'one-wire';
  if (type === 'pwm-in') return 'PWM';
  if (type === 'analog-out') return 'analog';
  if (type === 'load') return 'motor';
  return 'digital';
}
