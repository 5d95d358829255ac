// Pin assignment: every signal pin of every BOM line gets a board pin. Buses use the board's default pins (shared),
// 1-Wire sensors share one pin, and everything else takes the board's preferred free pins that can do the job —
// never a flash, input-only (for outputs), strapping or USB pin when a better one is free, and never one pin twice.
import { boardPin, getBoard, type Board, type CataloguePart, type PartPinType } from '../catalogue';
import type { Bom, BomLine, DesignWarning } from './contract';
import { partOf } from './bom-lines';
import type { PinUse } from './rules';
import { warning } from './rules/types';

export type PinPlan = { board: Board; uses: PinUse[]; warnings: DesignWarning[] };

const boardSide: PartPinType[] = ['power-in', 'power-out', 'ground', 'load', 'passive', 'nc'];

/** The signal pins of a line that go to the board: a driver's second channel only when it drives two motors. */
export function wiredSignalPins(line: BomLine, bom: Pick<Bom, 'lines'>): Array<[string, PartPinType]> {
  const part = partOf(line);
  if (!part || ['mcu', 'passive', 'power', 'level-shifter', 'prototyping'].includes(part.category)) return [];
  const motors = bom.lines.filter((l) => partOf(l)?.needs.driver).length;
  return Object.entries(part.pins).filter(([name, type]) => {
    if (boardSide.includes(type)) return false;
    if (part.key === 'mq2' && name === 'DO') return false;
    if (part.key === 'st7789' && name === 'BL') return false;
    if (['l298n', 'drv8833'].includes(part.key) && motors < 2) return !/^(ENB|IN3|IN4|BIN1|BIN2)$/.test(name);
    return true;
  });
}

function needsOutput(type: PartPinType): boolean {
  return ['signal-in', 'pwm-in', 'one-wire', 'spi-cs', 'spi-dc', 'spi-rst', 'uart-rx'].includes(type);
}

function fits(board: Board, pin: string, type: PartPinType, wifi: boolean, interrupt = false): boolean {
  const caps = boardPin(board, pin)?.caps ?? [];
  if (interrupt && !caps.includes('interrupt')) return false;
  if (caps.includes('flash') || caps.includes('usb') || caps.includes('uart0')) return false;
  if (type === 'analog-out')
    return (
      caps.includes('adc') ||
      caps.includes('adc1') ||
      (caps.includes('adc2') && !wifi && board.key !== 'esp32-c3-devkitm')
    );
  if (needsOutput(type) && caps.includes('input-only')) return false;
  if (type === 'pwm-in' && !caps.includes('pwm')) return false;
  return caps.includes('digital') || caps.includes('input-only');
}

function candidates(board: Board, type: PartPinType): string[] {
  const preferred = type === 'analog-out' ? board.preferred.analog : board.preferred.digital;
  const inputs = type === 'signal-out' ? board.pins.filter((p) => p.caps.includes('input-only')).map((p) => p.pin) : [];
  const rest = board.pins.filter((p) => !p.caps.includes('strapping') && !p.caps.includes('led')).map((p) => p.pin);
  const lastResort = board.pins.map((p) => p.pin);
  return [...new Set([...inputs, ...preferred, ...rest, ...lastResort])];
}

function uartPin(board: Board, type: PartPinType): string | null {
  if (!board.defaults.uart) return null;
  return type === 'uart-tx' ? board.defaults.uart.rx : board.defaults.uart.tx; // the part's TX goes to the board's RX
}

export function assignPins(bom: Pick<Bom, 'lines' | 'boardRef'> & { basis?: Bom['basis'] }): PinPlan {
  const board = getBoard(bom.lines.find((l) => l.ref === bom.boardRef)?.catalogueKey ?? bom.boardRef) as Board;
  const wifi = bom.basis?.wifi ?? board.wifi;
  const uses: PinUse[] = [];
  const warnings: DesignWarning[] = [];
  const signals = bom.lines.flatMap((line) => wiredSignalPins(line, bom).map(([pin, type]) => ({ line, pin, type })));
  const types = new Set(signals.map((s) => s.type));
  const reserved = new Set<string>();
  if (types.has('i2c-sda') || types.has('i2c-scl')) reserved.add(board.defaults.i2c.sda).add(board.defaults.i2c.scl);
  if ([...types].some((t) => t.startsWith('spi-')))
    reserved.add(board.defaults.spi.mosi).add(board.defaults.spi.miso).add(board.defaults.spi.sck);
  if (board.defaults.uart && (types.has('uart-tx') || types.has('uart-rx')))
    reserved.add(board.defaults.uart.tx).add(board.defaults.uart.rx);
  const taken = new Set<string>(reserved);
  const oneWirePins = new Map<string, string>();
  const pick = (type: PartPinType, interrupt = false): string | null => {
    const pin = candidates(board, type).find(
      (candidate) => !taken.has(candidate) && fits(board, candidate, type, wifi, interrupt),
    );
    if (pin) taken.add(pin);
    return pin ?? null;
  };
  for (const { line, pin, type } of signals) {
    const part = partOf(line) as CataloguePart;
    let chosen: string | null = null;
    if (type === 'i2c-sda') chosen = board.defaults.i2c.sda;
    else if (type === 'i2c-scl') chosen = board.defaults.i2c.scl;
    else if (type === 'spi-mosi') chosen = board.defaults.spi.mosi;
    else if (type === 'spi-miso') chosen = board.defaults.spi.miso;
    else if (type === 'spi-sck') chosen = board.defaults.spi.sck;
    else if (type === 'uart-tx' || type === 'uart-rx') chosen = uartPin(board, type) ?? pick(type);
    else if (type === 'one-wire' && part.interface === 'one-wire') {
      chosen = oneWirePins.get(part.key) ?? pick(type);
      if (chosen) oneWirePins.set(part.key, chosen);
    } else chosen = pick(type, Boolean(part.needs.interrupt) && type === 'signal-out');
    if (!chosen) {
      warnings.push(
        warning(
          'out-of-pins',
          'error',
          {
            message: `no free pin for ${line.ref} ${pin}`,
            reason: `every ${board.key} pin that can do ${type} is taken`,
            fix: 'use a board with more GPIO or an I/O expander',
          },
          [line.ref],
        ),
      );
      continue;
    }
    uses.push({
      ref: line.ref,
      partPin: pin,
      boardPin: chosen,
      type,
      ...(part.needs.interrupt && type === 'signal-out' ? { interrupt: true } : {}),
    });
  }
  return { board, uses, warnings };
}
