// The supporting lines a real build needs around the parts the maker asked for: pull-ups, series resistors, bulk
// capacitors, level shifters, dividers, motor drivers and their supplies, alternative I2C addresses or a multiplexer.
import { getBoard, requirePart, type Board } from '../catalogue';
import type { BomLine } from './contract';
import { lineFromPart, partOf } from './bom-lines';
import { logicMismatch } from './rules';
import { shortName, signalPins } from './rules/types';

function resistorKey(ohms: number): string {
  return ({ 10000: 'resistor-10k', 4700: 'resistor-4k7', 330: 'resistor-330', 220: 'resistor-220' } as const)[
    ohms as 10000
  ];
}

/** Gives units that share an I2C address their alternatives; returns the lines that still collide. */
export function assignI2cAddresses(units: BomLine[]): BomLine[] {
  const used = new Set<string>();
  const stuck: BomLine[] = [];
  for (const line of units) {
    const i2c = partOf(line)?.i2c;
    if (!i2c) continue;
    const address = [i2c.default, ...i2c.alternatives].find((candidate) => !used.has(candidate));
    if (!address) {
      stuck.push(line);
      continue;
    }
    used.add(address);
    if (address !== i2c.default) line.i2cAddress = address;
  }
  return stuck;
}

/** How many level-shifter channels a part needs: its signal pins (analog goes through a divider instead). */
function shiftedChannels(line: BomLine): number {
  const part = partOf(line)!;
  return signalPins(part).filter(
    (pin) => part.pins[pin] !== 'analog-out' && part.pins[pin] !== 'spi-miso' && pin !== 'DO',
  ).length;
}

export function supportingLines(boardKey: string, units: BomLine[]): BomLine[] {
  const board = getBoard(boardKey) as Board;
  const extra: BomLine[] = [];
  const add = (key: string, ref: string, reason: string, quantity = 1) =>
    extra.push(lineFromPart(requirePart(key), ref, { quantity, reason }));
  let oneWirePulled = false;
  let channels = 0;
  let i2cShifted = false;
  const motors: BomLine[] = [];
  for (const line of units) {
    const part = partOf(line);
    if (!part) continue;
    const name = shortName(part);
    const pullUp = part.needs.pullUp;
    if (pullUp && !(part.interface === 'one-wire' && oneWirePulled)) {
      const value = pullUp.ohms === 10000 ? '10 kΩ' : '4.7 kΩ';
      const ref = part.interface === 'one-wire' ? 'r-pullup-onewire' : `r-pullup-${line.ref}`;
      add(resistorKey(pullUp.ohms), ref, `${value} pull-up for the ${name} ${pullUp.pin} line`);
      if (part.interface === 'one-wire') oneWirePulled = true;
    }
    if (part.interface === 'GPIO' && part.category === 'sensor' && part.needs.pullUp)
      add('cap-100nf', `c-decoupling-${line.ref}`, `decoupling across the ${name} supply pins`);
    if (part.needs.seriesOhms)
      add(
        resistorKey(part.needs.seriesOhms),
        `r-series-${line.ref}`,
        `series resistor on the ${name} ${part.key === 'led-5mm-red' ? 'anode' : 'data line'}`,
      );
    if (part.needs.capacitorUf)
      add('cap-1000uf', `c-bulk-${line.ref}`, `bulk capacitor across the ${name} supply against inrush and stall dips`);
    if (part.needs.driver) motors.push(line);
    if (!logicMismatch(part, board.logicV)) continue;
    if (part.key === 'ws2812b-strip')
      add('74ahct125', `ls-${line.ref}`, `lifts the ${board.logicV} V data to 5 V for the ${name}`);
    else if (signalPins(part).some((pin) => part.pins[pin] === 'analog-out')) {
      add('resistor-1k', `r-divider-top-${line.ref}`, `upper half of the 5 V → 3.3 V divider on the ${name} output`);
      add('resistor-2k', `r-divider-bottom-${line.ref}`, `lower half of the 5 V → 3.3 V divider on the ${name} output`);
    } else if (part.i2c) {
      if (!i2cShifted) channels += 2;
      i2cShifted = true;
    } else channels += shiftedChannels(line);
  }
  for (let board4 = 0; board4 * 4 < channels; board4++)
    add(
      'bss138-4ch',
      board4 === 0 ? 'level-shifter' : `level-shifter-${board4 + 1}`,
      `shifts ${Math.min(4, channels - board4 * 4)} line(s) between 3.3 V and 5 V`,
    );
  if (motors.length) {
    const volts = Math.max(...motors.map((m) => partOf(m)!.needs.externalSupplyV ?? 6));
    const peak = Math.max(...motors.map((m) => partOf(m)!.currentMa.peak));
    const driver =
      volts <= 10.8 && peak <= 1500 ? 'drv8833' : volts <= 13.5 && motors.length === 1 ? 'tb6612' : 'l298n';
    const perDriver = driver === 'tb6612' ? 1 : 2;
    for (let index = 0; index * perDriver < motors.length; index++)
      add(
        driver,
        index === 0 ? 'motor-driver' : `motor-driver-${index + 1}`,
        `drives the motor${perDriver > 1 ? 's' : ''}: a GPIO cannot source motor current`,
      );
    if (volts > 6)
      add('supply-12v-2a', 'supply-motor', `${volts} V supply for the motor${motors.length > 1 ? 's' : ''}`);
    else add('aa-holder-4', 'supply-motor', '6 V pack for the motors, kept off the logic supply');
  }
  const stuck = assignI2cAddresses(units);
  if (stuck.length)
    add('tca9548a', 'i2c-mux', `${stuck.map((l) => l.ref).join(', ')} share an address with no alternative left`);
  return extra;
}
