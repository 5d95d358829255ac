// The offline engine on a table of prompts (part 2: impossible requests, wiring and pins, firmware, budget and
// documents; part 1 in prompts.test.ts). Each row replays a conversation and asserts the parts, pins and warnings.
import { expect } from 'vitest';
import { getBoard } from '@/lib/agents/catalogue';
import { type Replayed, type Row, bomKeys, pinOf, rulesOf, runRows, station } from './replay';

const rows: Row[] = [
  {
    name: 'a 12 V motor straight from a GPIO gets the warning and the driver',
    say: ['Drive a 12 V motor straight from a GPIO of my ESP32', 'generate the BOM'],
    expect: ({ state, before }) => {
      expect(before.recent[1].content).toContain('cannot be driven straight from a GPIO');
      expect(before.recent[1].content).toContain('TB6612FNG');
      expect(bomKeys(state)).toEqual(expect.arrayContaining(['dc-motor-12v', 'tb6612', 'supply-12v-2a']));
      expect(rulesOf({ state } as Replayed)).toContain('gpio-drive:ok');
    },
  },
  {
    name: 'a WS2812B strip gets a 74AHCT125, a 330 Ω resistor, 1000 µF and its own 5 V supply',
    say: ['ESP32 lamp with a WS2812B LED strip', 'generate the BOM', 'now the wiring'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toEqual(
        expect.arrayContaining(['74ahct125', 'resistor-330', 'cap-1000uf', 'supply-5v-4a']),
      );
      expect(rulesOf({ state } as Replayed).filter((r) => r.endsWith(':open'))).toEqual([]);
      const path = state.artifacts
        .wiring!.json.connections.filter((c) => c.signalType === 'digital')
        .map((c) => `${c.from.ref}.${c.from.pin}>${c.to.ref}.${c.to.pin}`);
      expect(path).toEqual([
        'esp32-devkitc.GPIO4>ls-ws2812b-strip.1A',
        'ls-ws2812b-strip.1Y>r-series-ws2812b-strip.1',
        'r-series-ws2812b-strip.2>ws2812b-strip.DIN',
      ]);
    },
  },
  {
    name: 'an HC-SR04 on an ESP32 goes through a level shifter',
    say: ['ESP32 distance meter with an HC-SR04', 'generate the BOM', 'now the wiring'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toContain('bss138-4ch');
      const echo = state.artifacts.wiring!.json.connections.find(
        (c) => c.from.ref === 'hc-sr04' && c.from.pin === 'ECHO',
      )!;
      expect(echo.to).toMatchObject({ ref: 'level-shifter', pin: expect.stringMatching(/^B\d$/) });
    },
  },
  {
    name: 'a 3.3 V BME280 on a 5 V Uno sits on the low side of the shifter, the board on the high side',
    say: ['Arduino Uno with a BME280', 'now the wiring'],
    expect: ({ state }) => {
      const links = state.artifacts.wiring!.json.connections.map(
        (c) => `${c.from.ref}.${c.from.pin}>${c.to.ref}.${c.to.pin}`,
      );
      expect(links).toEqual(
        expect.arrayContaining([
          'bme280.SDA>level-shifter.A1',
          'level-shifter.B1>arduino-uno.A4',
          'bme280.SCL>level-shifter.A2',
          'level-shifter.B2>arduino-uno.A5',
        ]),
      );
    },
  },
  {
    name: 'an I2C LCD on a battery-powered ESP32 gets a 5 V boost and the 5 V side of the shifter',
    say: ['ESP32 weather station with a BME280 and a 16x2 LCD, on a battery', 'now the wiring'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toEqual(
        expect.arrayContaining(['lipo-2000', 'tp4056', 'ap2112k', 'mt3608', 'bss138-4ch']),
      );
      const connections = state.artifacts.wiring!.json.connections;
      expect(
        connections.find((c) => c.from.ref === 'charger' && c.from.pin === 'OUT+' && c.to.ref === 'regulator'),
      ).toMatchObject({ voltage: '3.7 V' });
      expect(connections.find((c) => c.from.ref === 'lcd1602-i2c' && c.from.pin === 'SDA')!.to).toMatchObject({
        ref: 'level-shifter',
        pin: 'B1',
      });
      expect(connections.find((c) => c.from.ref === 'bme280' && c.from.pin === 'SDA')!.to).toMatchObject({
        ref: 'esp32-devkitc',
        pin: 'GPIO21',
      });
    },
  },
  {
    name: '"generate the BOM" again keeps the edits the BOM already has',
    say: [
      'Build an ESP32 weather station with a DHT22',
      'Generate the BOM',
      'replace the DHT22 with a BME280',
      'Generate the BOM',
    ],
    expect: ({ plan, state }) => {
      expect(plan.writes).toEqual([]);
      expect(bomKeys(state)).toContain('bme280');
      expect(bomKeys(state)).not.toContain('dht22');
    },
  },
  {
    name: 'a context that moved on after the BOM rebuilds it: solar brings a panel and a charger',
    say: [station, 'Generate the BOM', 'it will run on solar', 'Generate the BOM'],
    expect: ({ plan, state }) => {
      expect(plan.writes[0]).toMatchObject({ type: 'bom', base: { expectedVersion: 1 } });
      expect(bomKeys(state)).toEqual(expect.arrayContaining(['solar-6v-2w', 'tp4056', 'lipo-2000']));
      expect(state.artifacts.bom!.json.basis!.contextVersion).toBe(2);
    },
  },
  {
    name: 'a PIR on an Uno takes an interrupt pin even after the DHT22 took D2',
    say: ['Arduino Uno with a DHT22 and a PIR motion sensor', 'now the wiring'],
    expect: ({ state }) => {
      expect(pinOf(state, 'dht22', 'DATA')).toBe('D2');
      expect(pinOf(state, 'pir-hc-sr501', 'OUT')).toBe('D3');
      expect(state.artifacts.wiring!.json.warnings.filter((w) => w.rule === 'interrupt-pin')).toEqual([]);
    },
  },
  {
    name: 'devices the catalogue lacks are named, and an Arduino Mega is not mistaken for an Uno',
    say: ['Arduino Mega plant waterer with a water pump and a soil sensor'],
    expect: ({ plan, state }) => {
      expect(state.artifacts.context!.json.unknownParts).toEqual(['Arduino Mega', 'Water Pump']);
      expect(state.artifacts.context!.json.board).toBeNull();
      expect(plan.reply).toContain("I don't know **Arduino Mega**, **Water Pump**");
    },
  },
  {
    name: 'an unknown part added to a BOM is listed, unverified, and said in the summary',
    say: [station, 'Generate the BOM', 'add an SCD30'],
    expect: ({ plan, state }) => {
      expect(plan.writes[0].changeSummary).toBe('Added SCD30 (not in the catalogue)');
      expect(state.artifacts.bom!.json.lines.find((l) => l.name === 'SCD30')).toMatchObject({
        verified: false,
        catalogueKey: null,
      });
      expect(plan.reply).toContain("I don't know **SCD30**");
    },
  },
  {
    name: 'the story wiring: I2C on GPIO21/22, power first, and a diagram',
    say: [station, 'Generate the BOM', 'now the wiring'],
    expect: ({ plan, state }) => {
      expect(plan.writes.map((w) => w.type)).toEqual(['wiring', 'circuit_diagram']);
      expect(pinOf(state, 'bme280', 'SDA')).toBe('GPIO21');
      expect(pinOf(state, 'ssd1306', 'SCL')).toBe('GPIO22');
      const kinds = state.artifacts.wiring!.json.connections.map((c) => c.signalType);
      expect(kinds.lastIndexOf('power')).toBeLessThan(kinds.indexOf('I2C'));
    },
  },
  {
    name: 'analog soil readings stay on ADC1 and the PIR takes an input-only pin',
    say: ['ESP32 plant monitor with a capacitive soil sensor and a PIR', 'generate the BOM', 'now the wiring'],
    expect: ({ state }) => {
      const esp32 = getBoard('esp32-devkitc')!;
      const soil = pinOf(state, 'soil-capacitive', 'AOUT')!;
      expect(esp32.pins.find((p) => p.pin === soil)!.caps).toContain('adc1');
      expect(pinOf(state, 'pir-hc-sr501', 'OUT')).toBe('GPIO35');
    },
  },
  {
    name: 'an Uno with a DHT22 and a servo: D2 for data, a PWM pin and Servo.h',
    say: ['Arduino Uno with a DHT22 and an SG90 servo', 'write the firmware'],
    expect: ({ state }) => {
      expect(pinOf(state, 'dht22', 'DATA')).toBe('D2');
      expect(pinOf(state, 'sg90', 'PWM')).toBe('D3');
      const unit2 = state.artifacts.code!.json.files.find((f) => f.filename === 'unit2_minimal/src/main.cpp')!;
      expect(unit2.content).toContain('#include <Servo.h>');
      expect(unit2.requiredLibraries).toContain('arduino-libraries/Servo@^1.2.2');
    },
  },
  {
    name: 'an ESP32 servo uses ESP32Servo',
    say: ['ESP32 with an SG90 servo', 'write the code'],
    expect: ({ state }) => {
      const unit2 = state.artifacts.code!.json.files.find((f) => f.filename === 'unit2_minimal/platformio.ini')!;
      expect(unit2.content).toContain('madhephaestus/ESP32Servo@^3.0.6');
    },
  },
  {
    name: 'a battery build sleeps in unit 3',
    say: [station, 'run it on a battery', 'Generate the BOM', 'write the firmware'],
    expect: ({ state }) => {
      const unit3 = state.artifacts.code!.json.files.find((f) => f.filename === 'unit3_full/src/main.cpp')!;
      expect(unit3.content).toContain('esp_deep_sleep_start();');
      expect(unit3.content).toContain('HTTPClient http;');
    },
  },
  {
    name: 'the budget agent compares with the target and lists cheaper parts',
    say: [`${station}, under $30`, 'Generate the BOM', 'is it within budget?'],
    expect: ({ plan, state }) => {
      expect(plan).toMatchObject({ intent: 'BUDGET', agent: 'budget' });
      expect(state.artifacts.budget!.json).toMatchObject({
        status: 'over',
        difference: { amount: 7.4, currency: 'USD' },
      });
      expect(state.artifacts.budget!.json.savings[0]).toMatchObject({
        ref: 'esp32-devkitc',
        replaceWith: 'esp8266-nodemcu',
        saves: { amount: 5.5 },
      });
    },
  },
  {
    name: 'an MVP and a PRD on request',
    say: [station, 'write an MVP spec', 'and now the PRD'],
    expect: ({ plan, state }) => {
      expect(state.artifacts.mvp!.json.sections[0]).toEqual({
        heading: 'Goal',
        body: 'An ESP32 weather station with a BME280 and an OLED',
      });
      expect(plan.intent).toBe('PRD');
      expect(state.artifacts.prd!.json.sections.map((s) => s.heading)).toContain('Risks');
    },
  },
  {
    name: '"update the wiring" when nothing changed writes nothing',
    say: [station, 'Generate the BOM', 'now the wiring', 'update the wiring'],
    expect: ({ plan }) => {
      expect(plan).toMatchObject({ intent: 'WIRING', writes: [], question: false });
      expect(plan.reply).toContain('already up to date');
    },
  },
];

runRows('the offline engine on prompts: impossible requests, wiring, firmware, budget and documents', rows);
