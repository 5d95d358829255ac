// The codeGenerator's core: PlatformIO/Arduino firmware in three success units built from the BOM and the wiring's
// pin choices. 1 calibration: each sensor read and printed. 2 minimal: the goal working (readings on the display,
// actuators acting). 3 full: Wi-Fi and deep sleep or a web page, as the context asks. Only unit 3 of a design whose
// warnings are all resolved is production-ready.
import type { Bom, CodeArtifact, CodeFile, ContextDoc, DesignWarning, Wiring } from '../contract';
import { boardOf, partCodes, type PartCode } from './parts';
import { platformioIni, secretsHeader, sleepLines, wifiHeaders, wireBegin } from './platformio';
import { getPart, type Board } from '../../catalogue';
import { warning } from '../rules/types';
import { projectNameFrom } from '../context';

type Unit = 1 | 2 | 3;
const ascii = (text: string) => text.replace(/°/g, '');

function readInterval(bom: Bom): number {
  const slowest = Math.max(0, ...bom.lines.map((line) => getPart(line.catalogueKey)?.needs.minReadIntervalMs ?? 0));
  return Math.max(2000, Math.ceil(slowest / 1000) * 1000);
}

function includesOf(parts: PartCode[], extra: string[]): string[] {
  const all = ['Arduino.h', ...parts.flatMap((p) => p.snippet.includes), ...extra];
  return [...new Set(all)].map((header) => `#include <${header}>`);
}

function printLines(parts: PartCode[]): string[] {
  return parts.flatMap((p) =>
    p.snippet.values.map((value) => {
      const digits = /%\.(\d)f/.exec(value.format)?.[1] ?? '1';
      return `  Serial.print("${p.ref} ${value.label}: "); Serial.print(${value.name}, ${digits}); Serial.println("${ascii(value.unit ? ` ${value.unit}` : '')}");`;
    }),
  );
}

function displayLines(parts: PartCode[]): string[] {
  const values = parts.flatMap((p) => p.snippet.values);
  return [
    `  String lines[${Math.max(1, values.length)}];`,
    '  int lineCount = 0;',
    ...values.map(
      (value) =>
        `  lines[lineCount++] = String("${value.label}: ") + String(${value.name}, ${/%\.(\d)f/.exec(value.format)?.[1] ?? '1'}) + "${ascii(value.unit ? ` ${value.unit}` : '')}";`,
    ),
  ];
}

function sketch(
  unit: Unit,
  board: Board,
  parts: PartCode[],
  options: { interval: number; goal: string; wifi: boolean; sleep: boolean },
): string {
  const sensors = parts.filter((p) => p.snippet.kind === 'sensor');
  const used = unit === 1 ? sensors : parts;
  const outputs = unit === 1 ? [] : parts.filter((p) => p.snippet.kind !== 'sensor');
  const firstValue = sensors[0]?.snippet.values[0]?.name ?? '0';
  const usesWire = used.some((p) => p.snippet.includes.includes('Wire.h'));
  const server = unit === 3 && options.wifi && !options.sleep;
  const network = unit === 3 && options.wifi;
  const titles = {
    1: 'calibration: read each sensor and print it, to prove the wiring',
    2: `minimal: ${options.goal}`,
    3: `full: ${options.goal}${network ? ', over Wi-Fi' : ''}${options.sleep ? ', with deep sleep between readings' : ''}`,
  };
  const body: string[] = [
    `// Unit ${unit} — ${titles[unit]}.`,
    `// Board: ${board.platformioBoard}. Pins as the wiring chose them; libraries in platformio.ini.`,
    ...includesOf(used, network ? wifiHeaders(board, server) : []),
    ...(network ? ['#include "secrets.h"'] : []),
    '',
    `const unsigned long READ_INTERVAL_MS = ${options.interval};`,
    ...(unit === 3 && options.sleep ? ['const uint64_t SLEEP_SECONDS = 300; // five minutes between readings'] : []),
    ...used.flatMap((p) => p.snippet.globals),
    ...(server
      ? [
          board.platformioPlatform === 'espressif8266' ? 'ESP8266WebServer server(80);' : 'WebServer server(80);',
          'String latestJson = "{}";',
        ]
      : []),
    '',
  ];
  const read = [
    ...used.flatMap((p) => p.snippet.read),
    ...printLines(used.filter((p) => p.snippet.kind === 'sensor')),
    ...(outputs.length
      ? [
          `  float firstValue = ${firstValue};`,
          ...(outputs.some((p) => p.snippet.kind === 'display') ? displayLines(sensors) : []),
        ]
      : []),
    ...outputs.flatMap((p) => p.snippet.output ?? []),
  ];
  const json = sensors.flatMap((p) =>
    p.snippet.values.map((value) => `"\\"${value.name}\\":" + String(${value.name}, 2)`),
  );
  const jsonLine = `  latestJson = String("{") + ${json.length ? json.join(' + "," + ') : '""'} + "}";`;
  if (network) {
    body.push(
      'void connectWifi() {',
      '  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);',
      '  for (int tries = 0; tries < 40 && WiFi.status() != WL_CONNECTED; tries++) delay(250);',
      '  Serial.println(WiFi.status() == WL_CONNECTED ? WiFi.localIP().toString() : String("Wi-Fi failed"));',
      '}',
      '',
    );
  }
  body.push(
    'void readAndShow() {',
    ...read,
    ...(network ? [jsonLine.replace('  latestJson', `  ${server ? '' : 'String '}latestJson`)] : []),
  );
  if (network && !server)
    body.push(
      '  if (WiFi.status() == WL_CONNECTED) {',
      ...(board.platformioPlatform === 'espressif8266'
        ? ['    WiFiClient client;', '    HTTPClient http;', '    http.begin(client, REPORT_URL);']
        : ['    HTTPClient http;', '    http.begin(REPORT_URL);']),
      '    http.addHeader("Content-Type", "application/json");',
      '    http.POST(latestJson);',
      '    http.end();',
      '  }',
    );
  body.push(
    '}',
    '',
    'void setup() {',
    '  Serial.begin(115200);',
    ...(usesWire ? wireBegin(board) : []),
    ...used.flatMap((p) => p.snippet.setup),
  );
  if (network) body.push('  connectWifi();');
  if (server)
    body.push('  server.on("/", []() { server.send(200, "application/json", latestJson); });', '  server.begin();');
  if (unit === 3 && options.sleep) body.push('  readAndShow();', ...sleepLines(board), '}', '', 'void loop() {}', '');
  else
    body.push(
      '}',
      '',
      'unsigned long lastRead = 0;',
      '',
      'void loop() {',
      ...(server ? ['  server.handleClient();'] : []),
      '  if (lastRead == 0 || millis() - lastRead >= READ_INTERVAL_MS) {',
      '    lastRead = millis();',
      '    readAndShow();',
      '  }',
      '}',
      '',
    );
  return body.join('\n');
}

const unitDirs: Record<Unit, string> = { 1: 'unit1_calibration', 2: 'unit2_minimal', 3: 'unit3_full' };

export function buildCode(input: {
  bom: Bom;
  bomVersion: number;
  wiring: Wiring;
  wiringVersion: number | null;
  context: ContextDoc | null;
}): CodeArtifact {
  const { bom, wiring, context } = input;
  const board = boardOf(bom);
  const { parts, warnings: partWarnings } = partCodes(bom, wiring);
  const sleep =
    ['battery', 'solar'].includes(bom.basis?.power ?? context?.power.source ?? 'usb') ||
    Boolean(context?.power.notes.includes('deep sleep'));
  const wifi = board.wifi && (bom.basis?.wifi ?? true);
  const codeWarnings: DesignWarning[] = [...partWarnings];
  if (sleep && board.platformioPlatform === 'espressif8266')
    codeWarnings.push(
      warning(
        'deep-sleep-wake',
        'warning',
        {
          message: 'the ESP8266 wakes from deep sleep only with D0 wired to RST',
          reason: 'its timer pulses GPIO16 to reset the chip',
          fix: 'add a wire from D0 to RST (remove it while uploading)',
        },
        [bom.boardRef ?? ''],
      ),
    );
  const goal = context ? projectNameFrom(context.goal) : 'the readings on the serial monitor';
  const options = {
    interval: readInterval(bom),
    goal: /^[A-Z][a-z]/.test(goal) ? goal.charAt(0).toLowerCase() + goal.slice(1) : goal,
    wifi,
    sleep,
  };
  const open = [...bom.warnings, ...wiring.warnings, ...codeWarnings].filter(
    (w) => !w.resolved && w.severity !== 'info',
  );
  const files: CodeFile[] = [];
  for (const unit of [1, 2, 3] as const) {
    const used = unit === 1 ? parts.filter((p) => p.snippet.kind === 'sensor') : parts;
    const libDeps = [...new Set(used.flatMap((p) => p.libDeps))];
    const ready = unit === 3 && open.length === 0;
    const base = { platform: 'platformio-arduino', unit, requiredLibraries: libDeps, isProductionReady: ready };
    files.push({
      ...base,
      filename: `${unitDirs[unit]}/src/main.cpp`,
      language: 'cpp',
      content: sketch(unit, board, parts, options),
    });
    files.push({
      ...base,
      filename: `${unitDirs[unit]}/platformio.ini`,
      language: 'ini',
      content: platformioIni(board, libDeps),
    });
    if (unit === 3 && wifi)
      files.push({ ...base, filename: `${unitDirs[unit]}/include/secrets.h`, language: 'cpp', content: secretsHeader });
  }
  return {
    board: board.platformioBoard,
    framework: 'arduino',
    bomVersion: input.bomVersion,
    wiringVersion: input.wiringVersion,
    units: [
      {
        unit: 1,
        title: 'Calibration',
        goal: 'Read each sensor and print it on the serial monitor, to prove the wiring',
      },
      {
        unit: 2,
        title: 'Minimal',
        goal: `${goal}: readings shown${parts.some((p) => p.snippet.kind === 'display') ? ' on the display' : ' on the serial monitor'}`,
      },
      {
        unit: 3,
        title: 'Full',
        goal:
          [wifi ? (sleep ? 'Wi-Fi report' : 'Wi-Fi JSON endpoint') : null, sleep ? 'deep sleep between readings' : null]
            .filter(Boolean)
            .join(', ') || 'the full feature set',
      },
    ],
    files,
    warnings: codeWarnings,
  };
}
