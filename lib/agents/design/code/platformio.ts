// platformio.ini per success unit, the Wi-Fi secrets header, and how each board starts Wire and sleeps.
import type { Board } from '../../catalogue';
import { pinExpr } from './types';

export function platformioIni(board: Board, libDeps: string[]): string {
  const lines = [
    `[env:${board.platformioBoard}]`,
    `platform = ${board.platformioPlatform}`,
    `board = ${board.platformioBoard}`,
    'framework = arduino',
    ...board.platformioExtra,
  ];
  if (libDeps.length) lines.push('lib_deps =', ...libDeps.map((dep) => `    ${dep}`));
  return `${lines.join('\n')}\n`;
}

export function wireBegin(board: Board): string[] {
  const sda = pinExpr(board, board.defaults.i2c.sda);
  const scl = pinExpr(board, board.defaults.i2c.scl);
  if (board.platformioPlatform === 'atmelavr') return ['  Wire.begin(); // SDA A4, SCL A5'];
  if (board.key === 'pico-w') return [`  Wire.setSDA(${sda});`, `  Wire.setSCL(${scl});`, '  Wire.begin();'];
  return [`  Wire.begin(${sda}, ${scl}); // SDA ${board.defaults.i2c.sda}, SCL ${board.defaults.i2c.scl}`];
}

export function wifiHeaders(board: Board, server: boolean): string[] {
  if (board.platformioPlatform === 'espressif8266')
    return ['ESP8266WiFi.h', server ? 'ESP8266WebServer.h' : 'ESP8266HTTPClient.h'];
  return ['WiFi.h', server ? 'WebServer.h' : 'HTTPClient.h'];
}

export function sleepLines(board: Board): string[] {
  if (board.platformioPlatform === 'espressif32')
    return ['  esp_sleep_enable_timer_wakeup(SLEEP_SECONDS * 1000000ULL);', '  esp_deep_sleep_start();'];
  if (board.platformioPlatform === 'espressif8266')
    return ['  ESP.deepSleep(SLEEP_SECONDS * 1000000ULL); // needs D0 wired to RST to wake'];
  return ['  delay(SLEEP_SECONDS * 1000UL); // this board has no simple deep sleep: it idles instead'];
}

export const secretsHeader = [
  '// Wi-Fi credentials and where to send readings. Keep this file out of version control.',
  '#pragma once',
  '#define WIFI_SSID "your-network"',
  '#define WIFI_PASSWORD "your-password"',
  '#define REPORT_URL "http://192.168.1.10:8080/readings"',
  '',
].join('\n');
