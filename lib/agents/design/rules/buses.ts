// Bus rules: I2C address collisions, the pull-ups each bus needs (DHT data 10 kΩ, 1-Wire 4.7 kΩ, I2C when no
// breakout has its own) and the read timing single-wire sensors impose.
import { partOf } from '../bom-lines';
import type { BomLine, DesignWarning } from '../contract';
import { shortName, warning, type DesignView } from './types';

export function i2cAddressOf(line: BomLine): string | null {
  const part = partOf(line);
  return line.i2cAddress ?? part?.i2c?.default ?? null;
}

/** A line's short name: the catalogue's for catalogue parts, the maker's name for a part built from its datasheet. */
const lineName = (line: BomLine) => {
  const part = partOf(line);
  return part ? shortName(part) : line.name;
};

export function checkI2cAddresses(view: DesignView): DesignWarning[] {
  const found: DesignWarning[] = [];
  const hasMux = view.lines.some((line) => line.catalogueKey === 'tca9548a');
  const byAddress = new Map<string, BomLine[]>();
  for (const line of view.lines) {
    const address = i2cAddressOf(line);
    if (!address || line.catalogueKey === 'tca9548a') continue;
    for (let unit = 0; unit < line.quantity; unit++) byAddress.set(address, [...(byAddress.get(address) ?? []), line]);
  }
  for (const [address, lines] of byAddress) {
    if (lines.length < 2) continue;
    const part = partOf(lines[1]) ?? partOf(lines[0]);
    const alternatives = part?.i2c?.alternatives.filter((alt) => !byAddress.has(alt)) ?? [];
    found.push(
      warning(
        'i2c-address',
        'error',
        {
          message: `${lines.map(lineName).join(' and ')} all answer at ${address}`,
          reason: 'two devices at one I2C address corrupt each other’s replies',
          fix: alternatives.length
            ? `move one to ${alternatives[0]} (${part!.i2c!.how})`
            : 'put them on separate branches of a TCA9548A I2C multiplexer',
        },
        [...new Set(lines.map((l) => l.ref))],
        { resolved: hasMux },
      ),
    );
  }
  for (const line of view.lines) {
    const part = partOf(line);
    if (line.i2cAddress && part?.i2c && line.i2cAddress !== part.i2c.default)
      found.push(
        warning(
          'i2c-address',
          'info',
          {
            message: `${line.ref} is set to ${line.i2cAddress}`,
            reason: `another device already uses ${part.i2c.default}`,
            fix: part.i2c.how,
          },
          [line.ref],
          { resolved: true },
        ),
      );
  }
  return found;
}

function resistorCount(lines: BomLine[], key: string): number {
  return lines.filter((line) => line.catalogueKey === key).reduce((sum, line) => sum + line.quantity, 0);
}

export function checkPullUps(view: DesignView): DesignWarning[] {
  const found: DesignWarning[] = [];
  let tenK = resistorCount(view.lines, 'resistor-10k');
  let fourK7 = resistorCount(view.lines, 'resistor-4k7');
  let oneWireCovered = false;
  for (const line of view.lines) {
    const part = partOf(line);
    const pullUp = part?.needs.pullUp;
    if (!part || !pullUp) continue;
    const sharedOneWire: boolean = part.interface === 'one-wire' && oneWireCovered;
    const available = pullUp.ohms === 10000 ? tenK : fourK7;
    const resolved: boolean = sharedOneWire || available >= 1;
    if (!sharedOneWire && available >= 1) {
      if (pullUp.ohms === 10000) tenK -= 1;
      else fourK7 -= 1;
    }
    if (part.interface === 'one-wire') oneWireCovered ||= resolved;
    const value = pullUp.ohms === 10000 ? '10 kΩ' : '4.7 kΩ';
    found.push(
      warning(
        'bus-pull-up',
        resolved ? 'info' : 'error',
        {
          message: `${shortName(part)} ${pullUp.pin} needs a ${value} pull-up to ${view.board.logicV >= 5 ? '5' : '3.3'} V`,
          reason:
            part.interface === 'one-wire'
              ? 'the 1-Wire bus is open-drain: without a pull-up it never reads high (one resistor serves every sensor on it)'
              : 'the data line is open-drain: without a pull-up readings fail or time out',
          fix: `a ${value} resistor from ${pullUp.pin} to the supply`,
        },
        [line.ref],
        { resolved },
      ),
    );
  }
  const i2c = view.lines.filter((line) => partOf(line)?.i2c);
  if (i2c.length > 0) {
    const withOwn = i2c.filter((line) => partOf(line)!.i2c!.pullUpsOnBoard);
    if (withOwn.length === 0)
      found.push(
        warning(
          'bus-pull-up',
          tenK + fourK7 >= 2 ? 'info' : 'error',
          {
            message: 'the I2C bus has no pull-ups',
            reason: 'SDA and SCL are open-drain; no part on the bus brings its own resistors',
            fix: 'a 4.7 kΩ resistor from SDA to 3.3 V and another from SCL to 3.3 V',
          },
          i2c.map((line) => line.ref),
          { resolved: tenK + fourK7 >= 2 },
        ),
      );
    else if (withOwn.reduce((sum, line) => sum + line.quantity, 0) > 4)
      found.push(
        warning(
          'bus-pull-up',
          'warning',
          {
            message: `${withOwn.length} breakouts each add their own I2C pull-ups`,
            reason: 'in parallel they pull harder than many parts can sink (3 mA)',
            fix: 'remove or cut the pull-up jumpers on all but two breakouts',
          },
          withOwn.map((line) => line.ref),
        ),
      );
  }
  return found;
}

export function checkTiming(view: DesignView): DesignWarning[] {
  return view.lines.flatMap((line) => {
    const part = partOf(line);
    const interval = part?.needs.minReadIntervalMs;
    if (!part || !interval) return [];
    const seconds = interval / 1000;
    return [
      warning(
        'read-timing',
        'info',
        {
          message: `${shortName(part)} can be read at most every ${seconds} s`,
          reason:
            part.interface === 'one-wire'
              ? 'a 12-bit temperature conversion takes 750 ms'
              : 'the sensor needs that long between measurements and returns stale or failed reads if polled faster; its bit timing also needs interrupts briefly off',
          fix: `the firmware reads it every ${Math.max(2, seconds)} s or slower`,
        },
        [line.ref],
        { resolved: true },
      ),
    ];
  });
}
