import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OhmError } from '@/lib/errors';
import { exportFirmwareZip } from '@/lib/exports/firmware-zip';
import { includesOf, libraryForHeader, libraryName, resolveLibDeps } from '@/lib/exports/platformio';
import { readZipSafely } from '@/lib/exports/zip-reader';
import { weatherStationBom } from './fixtures/weather-station-bom';
import { weatherStationCode } from './fixtures/weather-station-code';
import { weatherStationWiring } from './fixtures/weather-station-wiring';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const station = {
  projectName: 'Garden Weather Station',
  code: { version: 3, json: weatherStationCode },
  wiring: { version: 2, json: weatherStationWiring },
  bom: { version: 2, json: weatherStationBom },
};

/** lib_deps of a platformio.ini, as written one per indented line. */
const libDepsOf = (ini: string) => [...ini.matchAll(/^ {2}(\S.*)$/gm)].map((m) => m[1]);

describe('exportFirmwareZip', () => {
  it('packs one PlatformIO project per success unit with Wokwi files and a README', () => {
    const file = exportFirmwareZip(station);
    expect(file).toMatchObject({ filename: 'firmware-v3.zip', contentType: 'application/zip' });
    const files = readZipSafely(file.bytes, { surface: 'export' });
    const root = 'garden-weather-station-firmware-v3';
    const names = [...files.keys()].sort();
    for (const unit of ['01-calibration', '02-minimal', '03-full']) {
      for (const name of ['platformio.ini', 'src/main.cpp', 'diagram.json', 'wokwi.toml']) {
        expect(names).toContain(`${root}/${unit}/${name}`);
      }
    }
    expect(names).toContain(`${root}/03-full/include/secrets.h.example`);
    expect(names).toContain(`${root}/README.md`);

    const ini = text(files.get(`${root}/02-minimal/platformio.ini`));
    expect(ini).toContain('[env:esp32dev]');
    expect(ini).toMatch(/^platform = espressif32$/m);
    expect(ini).toMatch(/^board = esp32dev$/m);
    expect(ini).toMatch(/^framework = arduino$/m);
    expect(text(files.get(`${root}/02-minimal/wokwi.toml`))).toBe(
      "[wokwi]\nversion = 1\nfirmware = '.pio/build/esp32dev/firmware.bin'\nelf = '.pio/build/esp32dev/firmware.elf'\n",
    );
    const diagram = JSON.parse(text(files.get(`${root}/01-calibration/diagram.json`)));
    expect(diagram.parts.map((p: { type: string }) => p.type)).toContain('board-bmp180');

    const readme = text(files.get(`${root}/README.md`));
    expect(readme).toContain('# Garden Weather Station: firmware (code v3)');
    expect(readme).toContain('| `03-full/` | Full |');
    expect(readme).toMatch(/BMP180 stands in/);
    expect(readme).toContain('| 9 | ssd1306:SDA | esp32-devkitc:GPIO21 | blue | 3.3 V |');
    expect(readme).toContain('1. **Power rail**');
  });

  it('lists in lib_deps a library for every #include <…> of each unit', () => {
    const files = readZipSafely(exportFirmwareZip(station).bytes);
    const builtin = new Set(['Arduino.h', 'Wire.h', 'WiFi.h']);
    for (const unit of ['01-calibration', '02-minimal', '03-full']) {
      const dir = `garden-weather-station-firmware-v3/${unit}`;
      const deps = libDepsOf(text(files.get(`${dir}/platformio.ini`))).map(libraryName);
      const includes = includesOf(text(files.get(`${dir}/src/main.cpp`))).filter((h) => !builtin.has(h));
      expect(includes.length).toBeGreaterThan(0);
      for (const header of includes) expect(deps, `${unit} ${header}`).toContain(libraryName(libraryForHeader[header]));
    }
  });

  it('adds a library the code includes but forgot to declare, and names an include it cannot place', () => {
    const code = structuredClone(weatherStationCode);
    code.files[0].requiredLibraries = [];
    code.files[0].content =
      '#include <Arduino.h>\n#include <DHT.h>\n#include <Mystery.h>\n#include "local.h"\n' + code.files[0].content;
    const files = readZipSafely(exportFirmwareZip({ ...station, code: { version: 4, json: code } }).bytes);
    const ini = text(files.get('garden-weather-station-firmware-v4/01-calibration/platformio.ini'));
    expect(libDepsOf(ini)).toEqual([
      'adafruit/DHT sensor library@^1.4.6',
      'adafruit/Adafruit Unified Sensor@^1.1.14',
      'adafruit/Adafruit BME280 Library@^2.2.4',
    ]);
    expect(text(files.get('garden-weather-station-firmware-v4/README.md'))).toContain(
      '`01-calibration` includes Mystery.h: add the library that provides it to lib_deps.',
    );
  });

  it('still exports the firmware when the wiring cannot be simulated, and says why', () => {
    const wiring = structuredClone(weatherStationWiring);
    wiring.connections[4].to.pin = 'GPIO99';
    const files = readZipSafely(exportFirmwareZip({ ...station, wiring: { version: 2, json: wiring } }).bytes);
    const names = [...files.keys()];
    expect(names.some((n) => n.endsWith('diagram.json'))).toBe(false);
    expect(text(files.get('garden-weather-station-firmware-v3/README.md'))).toMatch(
      /No Wokwi diagram: Wire 5 .*GPIO99/,
    );
  });

  it('is byte-for-byte the same for the same code version', () => {
    expect(exportFirmwareZip(station).bytes).toEqual(exportFirmwareZip(station).bytes);
  });

  it('refuses unsafe file names and a project with no code', () => {
    const code = structuredClone(weatherStationCode);
    code.files[1].filename = 'unit2_minimal/../../../etc/passwd';
    expect(() => exportFirmwareZip({ ...station, code: { version: 1, json: code } })).toThrow(/not a safe path/);
    expect(() => exportFirmwareZip({ ...station, code: null })).toThrow(
      'This project has no code yet, so there is nothing to make the firmware zip from. Ask OHM to write the firmware first.',
    );
  });

  it('resolves lib_deps without duplicates when the declared entry has another version', () => {
    const { libDeps } = resolveLibDeps(['#include <Adafruit_SSD1306.h>'], ['adafruit/Adafruit SSD1306@2.5.7']);
    expect(libDeps).toEqual(['adafruit/Adafruit SSD1306@2.5.7']);
  });
});

describe('readZipSafely', () => {
  const zip = (files: Record<string, Uint8Array>, level: 0 | 9 = 9) => zipSync(files, { level });

  it('reads the files of an ordinary zip', () => {
    const files = readZipSafely(zip({ 'a/b.txt': new TextEncoder().encode('hi') }));
    expect(text(files.get('a/b.txt'))).toBe('hi');
  });

  it('refuses a zip bomb by its compression ratio before inflating it', () => {
    const bomb = zip({ 'zeros.bin': new Uint8Array(5 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => readZipSafely(bomb)).toThrow(/compressed more than 100:1, like a zip bomb/);
  });

  it('refuses too many entries, too many bytes and traversal names', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, new Uint8Array(1)]));
    const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1500, maxRatio: 100 };
    expect(() => readZipSafely(zip(many), { limits })).toThrow(/more than 10 entries/);
    expect(() => readZipSafely(zip({ big: new Uint8Array(2000) }, 0), { limits })).toThrow(/more than 1000 bytes/);
    const two = { a: new Uint8Array(900), b: new Uint8Array(900) };
    expect(() => readZipSafely(zip(two, 0), { limits })).toThrow(/would unpack to more than 1500 bytes/);
    expect(() => readZipSafely(zip({ '../evil.sh': new Uint8Array(1) }))).toThrow(/not a safe path/);
    expect(() => readZipSafely(zip({ '/etc/x': new Uint8Array(1) }))).toThrow(/not a safe path/);
  });

  it('refuses bytes that are not a zip with a 400 on the surface asked for', () => {
    try {
      readZipSafely(new TextEncoder().encode('%PDF-1.7 not a zip'), { surface: 'export' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OhmError);
      expect((error as OhmError).code).toBe('bad_request:export');
      expect((error as OhmError).message).toBe('This zip cannot be opened: it is not a valid zip file.');
    }
  });
});
