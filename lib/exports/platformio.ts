// PlatformIO project files for one success unit: `platformio.ini` with board, framework and lib_deps, and the
// `wokwi.toml` that points the simulator at the build output. lib_deps are the code artifact's requiredLibraries
// plus a library for every `#include <…>` they miss (a sketch that includes Adafruit_SSD1306.h without it in lib_deps
// does not build), from the header table below.
export const libraryForHeader: Record<string, string> = {
  'Adafruit_BME280.h': 'adafruit/Adafruit BME280 Library@^2.2.4',
  'Adafruit_BMP280.h': 'adafruit/Adafruit BMP280 Library@^2.6.8',
  'Adafruit_BMP085.h': 'adafruit/Adafruit BMP085 Library@^1.2.4',
  'Adafruit_Sensor.h': 'adafruit/Adafruit Unified Sensor@^1.1.14',
  'Adafruit_SSD1306.h': 'adafruit/Adafruit SSD1306@^2.5.10',
  'Adafruit_GFX.h': 'adafruit/Adafruit GFX Library@^1.11.9',
  'Adafruit_NeoPixel.h': 'adafruit/Adafruit NeoPixel@^1.12.3',
  'Adafruit_MPU6050.h': 'adafruit/Adafruit MPU6050@^2.2.6',
  'DHT.h': 'adafruit/DHT sensor library@^1.4.6',
  'PubSubClient.h': 'knolleary/PubSubClient@^2.8',
  'ArduinoJson.h': 'bblanchon/ArduinoJson@^7.2.0',
  'OneWire.h': 'paulstoffregen/OneWire@^2.3.8',
  'DallasTemperature.h': 'milesburton/DallasTemperature@^3.11.0',
  'U8g2lib.h': 'olikraus/U8g2@^2.35.19',
  'FastLED.h': 'fastled/FastLED@^3.7.0',
};

// Headers of the Arduino core, the ESP32/ESP8266 cores and the C library: no lib_deps entry needed.
const builtinHeaders = new Set(
  (
    'Arduino.h Wire.h SPI.h WiFi.h WiFiClient.h WiFiClientSecure.h WiFiUdp.h HTTPClient.h WebServer.h ESPmDNS.h ' +
    'Preferences.h EEPROM.h FS.h SPIFFS.h LittleFS.h SD.h Update.h BluetoothSerial.h ESP8266WiFi.h ' +
    'esp_sleep.h esp_wifi.h esp_system.h time.h math.h stdint.h stdio.h stdlib.h string.h'
  ).split(' '),
);

/** The library part of a lib_deps entry: 'adafruit/Adafruit BME280 Library@^2.2.4' → 'adafruit bme280 library'. */
export const libraryName = (dep: string) =>
  dep
    .replace(/@.*$/, '')
    .replace(/^[^/]*\//, '')
    .trim()
    .toLowerCase()
    .replace(/^adafruit\s+/, '');

/** The `#include <…>` headers of a source file (quoted includes are the project's own files). */
export function includesOf(source: string): string[] {
  return [...source.matchAll(/^\s*#\s*include\s*<([^>]+)>/gm)].map((m) => m[1].trim());
}

export type LibDeps = { libDeps: string[]; unknownIncludes: string[] };

/** lib_deps for sources and their declared libraries: declared first, then what the includes need. */
export function resolveLibDeps(sources: string[], declared: string[]): LibDeps {
  const libDeps = [...new Set(declared.map((d) => d.trim()).filter(Boolean))];
  const unknownIncludes: string[] = [];
  for (const header of new Set(sources.flatMap(includesOf))) {
    if (builtinHeaders.has(header)) continue;
    const needed = libraryForHeader[header];
    if (!needed) {
      unknownIncludes.push(header);
      continue;
    }
    if (!libDeps.some((d) => libraryName(d) === libraryName(needed))) libDeps.push(needed);
  }
  return { libDeps, unknownIncludes };
}

export function platformFor(board: string): string {
  if (/8266|nodemcu|d1_mini/i.test(board)) return 'espressif8266';
  if (/^(uno|nano|mega|leonardo|pro)/i.test(board)) return 'atmelavr';
  if (/pico|rp2040/i.test(board)) return 'raspberrypi';
  return 'espressif32';
}

// platformio.ini values end at a newline; a ';' starts a comment. Neither may come from the artifact's text.
const iniValue = (text: string) => text.replace(/[\r\n;]+/g, ' ').trim();

export function platformioIni({
  board,
  framework,
  libDeps,
  heading,
}: {
  board: string;
  framework: string;
  libDeps: string[];
  heading: string;
}): string {
  const env = envName(board);
  const lines = [
    `; ${iniValue(heading)}`,
    '; Build: pio run    Upload: pio run -t upload    Simulate: build, then open diagram.json with Wokwi',
    '[platformio]',
    `default_envs = ${env}`,
    '',
    `[env:${env}]`,
    `platform = ${platformFor(board)}`,
    `board = ${iniValue(board)}`,
    `framework = ${iniValue(framework)}`,
    'monitor_speed = 115200',
  ];
  if (libDeps.length) lines.push('lib_deps =', ...libDeps.map((d) => `  ${iniValue(d)}`));
  return lines.join('\n') + '\n';
}

export const envName = (board: string) => board.replace(/[^A-Za-z0-9_-]/g, '_') || 'default';

/** Tells the Wokwi simulator (VS Code extension or CLI) where PlatformIO puts the firmware. */
export function wokwiToml(board: string): string {
  const build = `.pio/build/${envName(board)}`;
  return `[wokwi]\nversion = 1\nfirmware = '${build}/firmware.bin'\nelf = '${build}/firmware.elf'\n`;
}
