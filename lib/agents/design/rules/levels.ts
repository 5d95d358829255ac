// Electrical compatibility: logic levels between a part and the board, the supply each part needs, and loads a GPIO
// cannot drive (motors) that need a driver.
import { partOf } from '../bom-lines';
import { railOf } from '../power';
import type { CataloguePart } from '../../catalogue';
import type { DesignWarning } from '../contract';
import { shortName, signalPins, warning, type DesignView } from './types';

/** True when the part's I/O cannot meet the board's logic level directly. */
export function logicMismatch(part: CataloguePart, boardLogicV: number): boolean {
  if (!part.logicV || part.category === 'mcu' || signalPins(part).length === 0) return false;
  return boardLogicV < part.logicV.min - 0.05 || boardLogicV > part.logicV.max + 0.05;
}

export function checkLogicLevels(view: DesignView): DesignWarning[] {
  const found: DesignWarning[] = [];
  const keys = new Set(view.lines.map((line) => line.catalogueKey));
  const hasDivider = view.lines.some((line) => line.ref.startsWith('r-divider'));
  for (const line of view.lines) {
    const part = partOf(line);
    if (!part || !logicMismatch(part, view.board.logicV)) continue;
    const analogOnly = signalPins(part).every((pin) => part.pins[pin] === 'analog-out' || pin === 'DO');
    const boardV = `${view.board.logicV} V`;
    const partV = `${part.logicV!.min}–${part.logicV!.max} V`;
    const fixer = part.key === 'ws2812b-strip' ? '74ahct125' : analogOnly ? null : 'bss138-4ch';
    const resolved = fixer
      ? keys.has(fixer) || (fixer === 'bss138-4ch' && keys.has('txs0108e'))
      : hasDivider || keys.has('bss138-4ch');
    found.push(
      warning(
        'logic-level',
        view.board.logicV < part.logicV!.min ? 'warning' : 'error',
        {
          message: `${shortName(part)} signals are ${partV}; the ${shortName(partOf({ catalogueKey: view.board.key })!)} uses ${boardV}`,
          reason:
            view.board.logicV < part.logicV!.min
              ? `a ${boardV} output may not register as high, and a ${part.logicV!.max} V output can damage a ${boardV} pin`
              : `${boardV} signals exceed what the part's pins tolerate`,
          fix:
            fixer === '74ahct125'
              ? 'shift the data line up to 5 V with a 74AHCT125 buffer'
              : fixer
                ? `put a BSS138 level shifter between the board (LV) and the ${shortName(part)} (HV)`
                : 'divide the analog output with 1 kΩ over 2 kΩ before the ADC pin',
        },
        [line.ref],
        { resolved },
      ),
    );
  }
  return [...found, ...checkDatasheetLevels(view)];
}

/** A part built from its datasheet: its logic range (or, when the datasheet gives none, its supply range). */
function checkDatasheetLevels(view: DesignView): DesignWarning[] {
  const shifted = view.lines.some((line) => ['bss138-4ch', 'txs0108e'].includes(line.catalogueKey ?? ''));
  return view.lines.flatMap((line) => {
    const range = line.datasheet?.logicV ?? line.datasheet?.supplyV;
    const boardV = view.board.logicV;
    if (!range || (boardV >= range.min - 0.05 && boardV <= range.max + 0.05)) return [];
    return [
      warning(
        'logic-level',
        boardV < range.min ? 'warning' : 'error',
        {
          message: `${line.name} works at ${range.min}–${range.max} V; the board uses ${boardV} V`,
          reason: `its datasheet says so on page ${range.page}`,
          fix: `put a BSS138 level shifter between the board (LV) and the ${line.name} (HV)`,
        },
        [line.ref],
        { resolved: shifted },
      ),
    ];
  });
}

export function checkSupplyVoltages(view: DesignView): DesignWarning[] {
  const found: DesignWarning[] = [];
  const supplyVolts = view.lines.flatMap((line) => (partOf(line)?.supplies ? [partOf(line)!.supplies!.volts] : []));
  const battery = view.power === 'battery' || view.power === 'solar';
  const hasBoost = view.lines.some((line) => line.catalogueKey === 'mt3608');
  for (const line of view.lines) {
    const part = partOf(line);
    if (!part || ['mcu', 'passive', 'prototyping', 'power', 'level-shifter'].includes(part.category)) continue;
    if (part.needs.seriesOhms && part.supplyV.max < 3) continue; // an LED: its resistor sets the current
    const rail = part.needs.driver ? 'external' : railOf(part, view.board);
    if (rail === '5V' && battery && !hasBoost && view.board.logicV < 5)
      found.push(
        warning(
          'supply-voltage',
          'error',
          {
            message: `${shortName(part)} needs 5 V, and the battery gives 3.0–4.2 V`,
            reason: `its supply range is ${part.supplyV.min}–${part.supplyV.max} V`,
            fix: 'add an MT3608 boost converter set to 5 V for it, grounds joined',
          },
          [line.ref],
        ),
      );
    if (rail === 'external') {
      const volts = part.needs.externalSupplyV ?? part.supplyV.max;
      const resolved = supplyVolts.some((v) => v >= volts - 0.5 && v <= part.supplyV.max + 0.5);
      found.push(
        warning(
          'supply-voltage',
          resolved ? 'info' : 'error',
          {
            message: `${shortName(part)} runs from its own ${volts} V supply, not from the board`,
            reason: `it needs ${part.supplyV.min}–${part.supplyV.max} V and more current than the board's rails give`,
            fix: `power it from a ${volts} V supply through its driver and join the grounds`,
          },
          [line.ref],
          { resolved },
        ),
      );
    }
  }
  return found;
}

const driverKeys = ['tb6612', 'drv8833', 'l298n'];

export function checkDrivers(view: DesignView): DesignWarning[] {
  const hasDriver = view.lines.some((line) => driverKeys.includes(line.catalogueKey ?? ''));
  return view.lines.flatMap((line) => {
    const part = partOf(line);
    if (!part?.needs.driver) return [];
    return [
      warning(
        'gpio-drive',
        'error',
        {
          message: `${shortName(part)} cannot be driven straight from a GPIO`,
          reason: `a GPIO gives at most ${view.board.gpioMaxMa} mA at ${view.board.logicV} V; the motor needs ${part.needs.externalSupplyV ?? part.supplyV.max} V and up to ${part.currentMa.peak} mA, and its back-EMF would destroy the pin`,
          fix: 'drive it through a motor driver (TB6612FNG, DRV8833 or L298N) with its own supply; the GPIOs only set direction and speed',
        },
        [line.ref],
        { resolved: hasDriver },
      ),
    ];
  });
}
