// Pin rules for one board: flash pins, input-only pins, strapping pins, ADC2 while Wi-Fi is on, PWM and ADC
// capability, USB-serial pins, and one pin one use (shared buses excepted).
import { boardPin, type Board, type PartPinType } from '../../catalogue';
import type { DesignWarning } from '../contract';
import { warning } from './types';

/** One part pin wired to one board pin. */
export type PinUse = { ref: string; partPin: string; boardPin: string; type: PartPinType; interrupt?: boolean };

const boardDrives: PartPinType[] = [
  'signal-in',
  'pwm-in',
  'one-wire',
  'spi-mosi',
  'spi-sck',
  'spi-cs',
  'spi-dc',
  'spi-rst',
  'uart-rx',
  'i2c-sda',
  'i2c-scl',
];
const sharedBus: PartPinType[] = ['i2c-sda', 'i2c-scl', 'spi-mosi', 'spi-miso', 'spi-sck', 'one-wire'];

export function checkPinUse(board: Board, use: PinUse, wifi: boolean): DesignWarning[] {
  const pin = boardPin(board, use.boardPin);
  const at = `${use.ref} ${use.partPin} on ${use.boardPin}`;
  const refs = [use.ref];
  const pins = [use.boardPin];
  if (!pin)
    return [
      warning(
        'unknown-pin',
        'error',
        {
          message: `${at}: the board has no pin ${use.boardPin}`,
          reason: 'the wiring names a pin the board does not have',
          fix: 'pick a pin from the board’s pin table',
        },
        refs,
        { pins },
      ),
    ];
  const found: DesignWarning[] = [];
  const caps = pin.caps;
  if (caps.includes('flash'))
    found.push(
      warning(
        'flash-pin',
        'error',
        {
          message: `${at}: ${use.boardPin} belongs to the SPI flash`,
          reason:
            'GPIO6–11 on the ESP32 (and the flash pins of other modules) are wired to the flash chip; using them crashes the board',
          fix: 'move it to a free GPIO',
        },
        refs,
        { pins },
      ),
    );
  if (caps.includes('input-only') && boardDrives.includes(use.type))
    found.push(
      warning(
        'input-only-pin',
        'error',
        {
          message: `${at}: ${use.boardPin} is input only`,
          reason: 'GPIO34–39 have no output driver and no internal pull-up',
          fix: 'move the signal to an output-capable GPIO; keep 34–39 for inputs and analog',
        },
        refs,
        { pins },
      ),
    );
  if (caps.includes('strapping')) {
    const fatal =
      board.key === 'esp32-devkitc' &&
      pin.gpio === 12 &&
      ['one-wire', 'i2c-sda', 'i2c-scl', 'signal-out'].includes(use.type);
    found.push(
      warning(
        'strapping-pin',
        fatal ? 'error' : 'warning',
        {
          message: `${at}: ${use.boardPin} is a strapping pin`,
          reason:
            pin.note ??
            'its level at reset selects the boot mode; a part pulling it the wrong way stops the board booting or flashing',
          fix: 'move it to a pin without boot duties',
        },
        refs,
        { pins },
      ),
    );
  }
  if (use.type === 'analog-out') {
    if (!caps.some((cap) => cap === 'adc' || cap === 'adc1' || cap === 'adc2'))
      found.push(
        warning(
          'adc-pin',
          'error',
          {
            message: `${at}: ${use.boardPin} has no ADC`,
            reason: 'an analog output must go to an analog input',
            fix: `use one of ${board.preferred.analog.join(', ')}`,
          },
          refs,
          { pins },
        ),
      );
    else if (caps.includes('adc2') && wifi)
      found.push(
        warning(
          'adc2-wifi',
          'error',
          {
            message: `${at}: ${use.boardPin} is on ADC2`,
            reason: 'ADC2 cannot be read while Wi-Fi is on: the radio owns it',
            fix: `use an ADC1 pin: ${board.preferred.analog.join(', ')}`,
          },
          refs,
          { pins },
        ),
      );
  }
  if (use.type === 'pwm-in' && !caps.includes('pwm'))
    found.push(
      warning(
        'pwm-pin',
        'error',
        {
          message: `${at}: ${use.boardPin} cannot output PWM`,
          reason: 'servos, motor speed and dimming need a hardware PWM pin',
          fix: `move it to a PWM pin (${board.pins
            .filter((p) => p.caps.includes('pwm'))
            .slice(0, 6)
            .map((p) => p.pin)
            .join(', ')})`,
        },
        refs,
        { pins },
      ),
    );
  if (use.interrupt && !caps.includes('interrupt'))
    found.push(
      warning(
        'interrupt-pin',
        'error',
        {
          message: `${at}: ${use.boardPin} cannot raise an interrupt`,
          reason: 'the part signals events the firmware must not miss (motion while the loop is busy or asleep)',
          fix: `move it to an interrupt pin (${board.pins
            .filter((p) => p.caps.includes('interrupt'))
            .slice(0, 6)
            .map((p) => p.pin)
            .join(', ')})`,
        },
        refs,
        { pins },
      ),
    );
  if (
    ['signal-in', 'signal-out', 'one-wire', 'pwm-in'].includes(use.type) &&
    !caps.some((cap) => cap === 'digital' || cap === 'input-only')
  )
    found.push(
      warning(
        'digital-pin',
        'error',
        {
          message: `${at}: ${use.boardPin} is not a digital pin`,
          reason: 'it is analog input only',
          fix: 'use a digital GPIO',
        },
        refs,
        { pins },
      ),
    );
  if (caps.includes('uart0') || caps.includes('usb'))
    found.push(
      warning(
        'serial-pin',
        'warning',
        {
          message: `${at}: ${use.boardPin} carries USB serial`,
          reason: 'uploads and the serial monitor use it; a part on it breaks both',
          fix: 'move it to a free GPIO',
        },
        refs,
        { pins },
      ),
    );
  return found;
}

export function checkPinConflicts(uses: PinUse[]): DesignWarning[] {
  const found: DesignWarning[] = [];
  const byPin = new Map<string, PinUse[]>();
  for (const use of uses) byPin.set(use.boardPin, [...(byPin.get(use.boardPin) ?? []), use]);
  for (const [pin, list] of byPin) {
    if (list.length < 2) continue;
    const types = new Set(list.map((use) => use.type));
    if (types.size === 1 && sharedBus.includes(list[0].type)) continue;
    found.push(
      warning(
        'pin-conflict',
        'error',
        {
          message: `${pin} is assigned twice: ${list.map((u) => `${u.ref} ${u.partPin}`).join(' and ')}`,
          reason: 'one pin can do one job (shared buses excepted)',
          fix: 'move one of them to a free GPIO',
        },
        [...new Set(list.map((u) => u.ref))],
        { pins: [pin] },
      ),
    );
  }
  return found;
}

export function checkPinAssignments(board: Board, uses: PinUse[], wifi: boolean): DesignWarning[] {
  return [...uses.flatMap((use) => checkPinUse(board, use, wifi)), ...checkPinConflicts(uses)];
}
