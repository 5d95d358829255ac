// The parts catalogue is data: these tests keep it loadable, consistent and truthful about the boards.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardPin, catalogueBoards, catalogueParts, getBoard, getPart } from '@/lib/agents/catalogue';

describe('the parts catalogue', () => {
  it('loads at least 60 parts across every category the issue asks for', () => {
    expect(catalogueParts.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(catalogueParts.map((part) => part.category));
    for (const category of ['mcu', 'sensor', 'display', 'actuator', 'power', 'passive', 'level-shifter', 'prototyping'])
      expect(categories).toContain(category);
  });

  it('has unique keys, and every alternative names a part it holds', () => {
    const keys = catalogueParts.map((part) => part.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const part of catalogueParts)
      for (const alternative of part.alternatives) {
        expect(getPart(alternative), `${part.key} → ${alternative}`).not.toBeNull();
        expect(alternative).not.toBe(part.key);
      }
  });

  it('gives every part a price in USD, a supply range and real I2C addresses', () => {
    for (const part of catalogueParts) {
      expect(part.price.currency).toBe('USD');
      expect(part.supplyV.min).toBeLessThanOrEqual(part.supplyV.max);
      if (part.interface === 'I2C') {
        expect(part.i2c, part.key).not.toBeNull();
        const addresses = [part.i2c!.default, ...part.i2c!.alternatives];
        expect(new Set(addresses).size).toBe(addresses.length);
        // 7-bit addresses outside the reserved ranges 0x00–0x07 and 0x78–0x7F
        for (const address of addresses) expect(parseInt(address, 16)).toBeGreaterThanOrEqual(0x08);
        for (const address of addresses) expect(parseInt(address, 16)).toBeLessThan(0x78);
        expect(Object.values(part.pins)).toEqual(expect.arrayContaining(['i2c-sda', 'i2c-scl']));
      }
    }
  });

  it('lists each pin of a part once (checked on the raw JSON, where a repeated key would silently win)', () => {
    const folder = path.resolve(import.meta.dirname, '../../../lib/agents/catalogue');
    let checked = 0;
    for (const file of fs.readdirSync(folder).filter((name) => name.startsWith('parts-'))) {
      const text = fs.readFileSync(path.join(folder, file), 'utf8');
      for (const match of text.matchAll(/"pins": (\{[^}]*\})/g)) {
        const keys = [...match[1].matchAll(/"([^"]+)":/g)].map((m) => m[1]);
        expect(new Set(keys).size, `${file}: ${match[1]}`).toBe(keys.length);
        checked += 1;
      }
    }
    expect(checked).toBe(catalogueParts.length);
  });

  it('names aliases that point at one part each', () => {
    const owner = new Map<string, string>();
    for (const part of catalogueParts)
      for (const alias of part.aliases) {
        expect(owner.get(alias.toLowerCase()), `alias ${alias}`).toBeUndefined();
        owner.set(alias.toLowerCase(), part.key);
      }
  });

  it('lists libraries whose lib_deps and includes are filled in', () => {
    for (const part of catalogueParts)
      if (part.library) {
        expect(part.library.libDeps.length).toBeGreaterThan(0);
        for (const dep of part.library.libDeps) expect(dep).toMatch(/^[\w-]+\/[\w .+-]+@\^\d+\.\d+\.\d+$/);
        expect(part.library.includes.length).toBeGreaterThan(0);
      }
  });

  it('has a pin table for every microcontroller, with unique pins and defaults that exist', () => {
    for (const mcu of catalogueParts.filter((part) => part.category === 'mcu')) {
      const board = getBoard(mcu.key);
      expect(board, mcu.key).not.toBeNull();
      const pins = board!.pins.map((pin) => pin.pin);
      expect(new Set(pins).size).toBe(pins.length);
      const gpios = board!.pins.flatMap((pin) => (pin.gpio === null ? [] : [pin.gpio]));
      expect(new Set(gpios).size).toBe(gpios.length);
      const { i2c, spi } = board!.defaults;
      for (const pin of [i2c.sda, i2c.scl, spi.mosi, spi.miso, spi.sck, spi.cs, ...board!.preferred.digital])
        expect(boardPin(board!, pin), `${mcu.key} ${pin}`).not.toBeNull();
      for (const pin of board!.preferred.digital) expect(boardPin(board!, pin)!.caps).not.toContain('flash');
    }
    expect(catalogueBoards.length).toBe(7);
  });

  it('knows the ESP32 facts the rules rely on', () => {
    const esp32 = getBoard('esp32-devkitc')!;
    expect(esp32.defaults.i2c).toEqual({ sda: 'GPIO21', scl: 'GPIO22' });
    for (const gpio of [34, 35, 36, 39]) expect(esp32.pins.find((p) => p.gpio === gpio)!.caps).toContain('input-only');
    for (const gpio of [0, 2, 5, 12, 15]) expect(esp32.pins.find((p) => p.gpio === gpio)!.caps).toContain('strapping');
    for (const gpio of [6, 7, 8, 9, 10, 11]) expect(esp32.pins.find((p) => p.gpio === gpio)!.caps).toEqual(['flash']);
    for (const gpio of [0, 2, 4, 12, 13, 14, 15, 25, 26, 27])
      expect(esp32.pins.find((p) => p.gpio === gpio)!.caps).toContain('adc2');
    expect(getBoard('arduino-uno')!.defaults.i2c).toEqual({ sda: 'A4', scl: 'A5' });
  });
});
