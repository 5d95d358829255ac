// The parts catalogue's shape: every JSON file in this folder is parsed with these schemas when the catalogue loads,
// so a typo in a pin type, an address or a price fails at start-up (and in the unit tests), never in a maker's BOM.
import { z } from 'zod';
import { bomLineRoleSchema, moneySchema } from '../design/contract';

/**
 * A part pin's job, seen from the part: 'signal-out' is driven by the part (PIR OUT, HC-SR04 ECHO) and read by the
 * board; 'signal-in' is driven by the board (relay IN, TRIG); 'load' carries motor or contact current and never goes
 * to a GPIO; 'power-out' is a supply output (a regulator's VOUT).
 */
export const partPinTypes = [
  'power-in',
  'power-out',
  'ground',
  'i2c-sda',
  'i2c-scl',
  'spi-mosi',
  'spi-miso',
  'spi-sck',
  'spi-cs',
  'spi-dc',
  'spi-rst',
  'uart-tx',
  'uart-rx',
  'signal-in',
  'signal-out',
  'pwm-in',
  'analog-out',
  'one-wire',
  'load',
  'passive',
  'nc',
] as const;
export const partPinTypeSchema = z.enum(partPinTypes);
export type PartPinType = z.infer<typeof partPinTypeSchema>;

const i2cAddress = z.string().regex(/^0x[0-7][0-9A-F]$/);
const rangeSchema = z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max, 'min above max');

export const partInterfaces = [
  'MCU',
  'I2C',
  'SPI',
  'one-wire',
  'GPIO',
  'PWM',
  'analog',
  'UART',
  'power',
  'none',
] as const;

export const cataloguePartSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  category: bomLineRoleSchema,
  manufacturer: z.string().min(1),
  mpn: z.string().min(1),
  description: z.string().min(1),
  interface: z.enum(partInterfaces),
  senses: z.array(z.string()).default([]),
  /** The module's supply pin range in volts (a breakout with its own regulator accepts more than the bare chip). */
  supplyV: rangeSchema,
  /** The signal levels its I/O accepts and drives, in volts; null for parts with no logic I/O. */
  logicV: rangeSchema.nullable(),
  currentMa: z.object({ typical: z.number().nonnegative(), peak: z.number().nonnegative() }),
  pins: z.record(z.string(), partPinTypeSchema),
  i2c: z
    .object({ default: i2cAddress, alternatives: z.array(i2cAddress), pullUpsOnBoard: z.boolean(), how: z.string() })
    .nullable()
    .default(null),
  price: moneySchema,
  supplier: z.object({ name: z.string(), partNumber: z.string(), url: z.string().url().nullable() }).nullable(),
  aliases: z.array(z.string().min(2)),
  alternatives: z.array(z.string()),
  library: z
    .object({
      name: z.string(),
      libDeps: z.array(z.string().min(1)), // PlatformIO lib_deps entries, 'owner/Name@^x.y.z'
      includes: z.array(z.string().regex(/^[\w/.+-]+\.h$/)),
    })
    .nullable(),
  /** The library to use on ESP32-family boards when it differs (Servo → ESP32Servo). */
  libraryEsp32: z
    .object({ name: z.string(), libDeps: z.array(z.string().min(1)), includes: z.array(z.string()) })
    .nullable()
    .default(null),
  wokwi: z.string().nullable().default(null),
  /** What the part needs around it; the BOM generator adds these lines and the rules check them. */
  needs: z
    .object({
      pullUp: z.object({ ohms: z.number().positive(), pin: z.string() }).optional(),
      driver: z.boolean().optional(), // draws more than a GPIO can give: a transistor, relay module or driver IC
      supplyRail: z.enum(['3V3', '5V', 'external']).optional(),
      externalSupplyV: z.number().positive().optional(),
      capacitorUf: z.number().positive().optional(), // bulk capacitor across its supply (LED strips, servos)
      seriesOhms: z.number().positive().optional(), // series resistor on its data line
      minReadIntervalMs: z.number().positive().optional(),
      interrupt: z.boolean().optional(), // its output should wake or interrupt the board: an interrupt-capable pin
    })
    .default({}),
  /** For power parts: what it supplies. */
  supplies: z
    .object({ volts: z.number(), maxMa: z.number().positive(), capacityMah: z.number().positive().optional() })
    .nullable()
    .default(null),
  notes: z.array(z.string()).default([]),
});
export type CataloguePart = z.infer<typeof cataloguePartSchema>;

export const boardPinCapabilities = [
  'digital',
  'input-only',
  'pwm',
  'interrupt',
  'adc1',
  'adc2',
  'adc',
  'dac',
  'touch',
  'strapping',
  'flash',
  'uart0',
  'usb',
  'led',
  'i2c-sda',
  'i2c-scl',
  'spi-mosi',
  'spi-miso',
  'spi-sck',
  'spi-cs',
] as const;
export const boardPinSchema = z.object({
  pin: z.string().min(1), // the label on the board: 'GPIO21', 'D2', 'A4', 'GP4'
  gpio: z.number().int().nullable(), // the chip's GPIO number, null for pins with none
  caps: z.array(z.enum(boardPinCapabilities)),
  note: z.string().optional(),
});
export type BoardPin = z.infer<typeof boardPinSchema>;

/** A microcontroller board's pin table and defaults, keyed by the catalogue key of the board part. */
export const boardSchema = z.object({
  key: z.string(),
  platformioBoard: z.string(),
  platformioPlatform: z.string(),
  platformioExtra: z.array(z.string()).default([]),
  logicV: z.number(),
  wifi: z.boolean(),
  bluetooth: z.boolean(),
  rails: z.object({ '3V3': z.number().nonnegative(), '5V': z.number().nonnegative() }), // mA each rail can give
  regulator: z.string(),
  gpioMaxMa: z.number().positive(),
  defaults: z.object({
    i2c: z.object({ sda: z.string(), scl: z.string() }),
    spi: z.object({ mosi: z.string(), miso: z.string(), sck: z.string(), cs: z.string() }),
    uart: z.object({ tx: z.string(), rx: z.string() }).nullable(),
  }),
  /** Pins for new signals, best first: free of boot, flash and USB duties. */
  preferred: z.object({ digital: z.array(z.string()), analog: z.array(z.string()) }),
  pins: z.array(boardPinSchema),
});
export type Board = z.infer<typeof boardSchema>;
