// The offline engine on a table of prompts: the story's variants, edits, ambiguous and impossible requests. Each row
// replays a short conversation and asserts the intent, the specialist, the parts, pins and warnings it chose.
import { describe, expect, it } from 'vitest';
import { getBoard } from '@/lib/agents/catalogue';
import { bomKeys, pinOf, replay, type Replayed } from './replay';

const station = 'Build an ESP32 weather station with a BME280 and an OLED';
const rulesOf = (r: Replayed) =>
  r.state.artifacts.bom?.json.warnings.map((w) => `${w.rule}:${w.resolved ? 'ok' : 'open'}`) ?? [];

type Row = { name: string; say: string[]; expect: (r: Replayed) => void };
const rows: Row[] = [
  {
    name: 'the story opener becomes context v1 with the board and parts',
    say: [station],
    expect: ({ plan, state }) => {
      expect(plan).toMatchObject({
        intent: 'CONTEXT',
        agent: 'conversational',
        question: false,
        projectName: 'ESP32 weather station',
      });
      expect(state.artifacts.context!.json).toMatchObject({
        board: 'esp32-devkitc',
        sensing: ['temperature', 'humidity', 'pressure'],
      });
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toEqual(['bme280', 'ssd1306']);
      expect(plan.reply).toContain('0x76');
    },
  },
  {
    name: 'a bare goal records what to sense and asks the open questions',
    say: ['I want to make a weather station'],
    expect: ({ plan, state }) => {
      expect(plan.intent).toBe('CONTEXT');
      expect(state.artifacts.context!.json.sensing).toEqual(['temperature', 'humidity', 'pressure']);
      expect(plan.reply).toContain('How will it be powered');
    },
  },
  {
    name: 'board, place, power and budget are understood in one sentence',
    say: ['Weather station on an ESP32-S3 with an SHT31, outdoors, run it on a battery, under $40'],
    expect: ({ state }) => {
      expect(state.artifacts.context!.json).toMatchObject({
        board: 'esp32-s3-devkitc',
        environment: 'outdoor',
        power: { source: 'battery' },
        budget: { amount: 40, currency: 'USD' },
      });
    },
  },
  {
    name: 'a euro budget and a Pico W',
    say: ['A soil moisture monitor for my plants with a Pico W, €30 budget'],
    expect: ({ state }) => {
      expect(state.artifacts.context!.json).toMatchObject({ board: 'pico-w', budget: { amount: 30, currency: 'EUR' } });
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toContain('soil-capacitive');
    },
  },
  {
    name: 'an Uno parking sensor with an ultrasonic sensor and a character LCD',
    say: ['Arduino Uno parking sensor with an HC-SR04 and a 16x2 LCD'],
    expect: ({ state }) => {
      expect(state.artifacts.context!.json.board).toBe('arduino-uno');
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toEqual(['hc-sr04', 'lcd1602-i2c']);
    },
  },
  {
    name: 'an unknown part is named in the reply and kept, never dropped',
    say: ['Build a CO2 monitor with an SCD30 and an e-paper display'],
    expect: ({ plan, state }) => {
      expect(state.artifacts.context!.json.unknownParts).toEqual(['SCD30']);
      expect(plan.reply).toContain("I don't know **SCD30**");
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toContain('epaper-29');
    },
  },
  {
    name: 'a greeting is chat and writes nothing',
    say: ['Hi!'],
    expect: ({ plan }) => expect(plan).toMatchObject({ intent: 'CHAT', writes: [], question: false }),
  },
  {
    name: 'a question about a part is answered from the catalogue without a project',
    say: ['tell me about the DS18B20'],
    expect: ({ plan }) => {
      expect(plan).toMatchObject({ intent: 'CHAT', writes: [] });
      expect(plan.reply).toContain('DS18B20 waterproof temperature probe');
    },
  },
  {
    name: '"add a BME280" makes context v2',
    say: ['Build an ESP32 weather station with a DHT22', 'add a BME280'],
    expect: ({ plan, state }) => {
      expect(plan.writes[0]).toMatchObject({
        type: 'context',
        base: { expectedVersion: 1 },
        changeSummary: 'Added BME280',
      });
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toEqual(['dht22', 'bme280']);
    },
  },
  {
    name: 'a replace before any BOM edits the context',
    say: [station, 'replace the BME280 with an SHT31'],
    expect: ({ plan, state }) => {
      expect(plan.intent).toBe('CONTEXT');
      expect(state.artifacts.context!.json.parts.map((p) => p.key)).toEqual(['sht31', 'ssd1306']);
    },
  },
  {
    name: 'answers about place and power update the context',
    say: [station, 'it will be outdoors and run on solar'],
    expect: ({ state }) =>
      expect(state.artifacts.context!.json).toMatchObject({ environment: 'outdoor', power: { source: 'solar' } }),
  },
  {
    name: '"add a sensor" is ambiguous: a question, no writes',
    say: [station, 'add a sensor'],
    expect: ({ plan }) => {
      expect(plan).toMatchObject({ question: true, writes: [] });
      expect(plan.reply).toMatch(/Which one should I add/);
    },
  },
  {
    name: 'the BOM of the story: board, sensor, display, supply, breadboard and wires, totalled',
    say: [station, 'Generate the BOM'],
    expect: ({ plan, state }) => {
      expect(plan).toMatchObject({ intent: 'BOM', agent: 'bomGenerator' });
      expect(bomKeys(state)).toEqual([
        'esp32-devkitc',
        'bme280',
        'ssd1306',
        'usb-supply-5v-2a5',
        'breadboard-830',
        'jumper-wires',
      ]);
      const bom = state.artifacts.bom!.json;
      expect(bom.totals.subtotal).toEqual({ amount: 37.4, currency: 'USD' });
      expect(bom.power.peakMa).toBe(266);
    },
  },
  {
    name: 'a goal without parts gets the parts that sense it',
    say: ['I want to make a weather station', 'Generate the BOM'],
    expect: ({ state }) => {
      const line = state.artifacts.bom!.json.lines.find((l) => l.catalogueKey === 'bme280')!;
      expect(line.reason).toBe('chosen to sense temperature, humidity, pressure');
    },
  },
  {
    name: 'a BOM straight from one message adds the DHT22 pull-up and decoupling',
    say: ['Create a BOM for an ESP32 weather station with a DHT22'],
    expect: ({ plan, state }) => {
      expect(plan.intent).toBe('BOM');
      expect(bomKeys(state)).toEqual(expect.arrayContaining(['dht22', 'resistor-10k', 'cap-100nf']));
      expect(rulesOf({ plan, state } as Replayed)).toContain('bus-pull-up:ok');
    },
  },
  {
    name: 'replacing the BME280 with a DHT22 adds its pull-up and costs more',
    say: [station, 'Generate the BOM', 'replace the BME280 with a DHT22'],
    expect: ({ plan, state }) => {
      expect(plan.writes[0].changeSummary).toMatch(
        /^Replaced BME280 with DHT22 \(GPIO, 3\.3 V\); added 10 kΩ pull-up for the DHT22 DATA line.*total \+\$/,
      );
      expect(bomKeys(state)).not.toContain('bme280');
    },
  },
  {
    name: 'two DS18B20 share one 1-Wire pin and one 4.7 kΩ pull-up',
    say: [station, 'Generate the BOM', 'add two DS18B20', 'now the wiring'],
    expect: ({ state }) => {
      expect(bomKeys(state).filter((k) => k === 'ds18b20')).toHaveLength(2);
      expect(bomKeys(state).filter((k) => k === 'resistor-4k7')).toHaveLength(1);
      expect(pinOf(state, 'ds18b20', 'DQ')).toBe('GPIO4');
      expect(pinOf(state, 'ds18b20-2', 'DQ')).toBe('GPIO4');
    },
  },
  {
    name: '"two of the BME280" moves the second to 0x77',
    say: [station, 'Generate the BOM', 'two of the BME280'],
    expect: ({ state }) => {
      const lines = state.artifacts.bom!.json.lines.filter((l) => l.catalogueKey === 'bme280');
      expect(lines.map((l) => [l.ref, l.i2cAddress])).toEqual([
        ['bme280', undefined],
        ['bme280-2', '0x77'],
      ]);
    },
  },
  {
    name: 'a third BME280 brings a TCA9548A multiplexer',
    say: [station, 'Generate the BOM', 'add 2 more BME280'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toContain('tca9548a');
      expect(rulesOf({ state } as Replayed)).toContain('i2c-address:ok');
    },
  },
  {
    name: '"remove the OLED" drops the display',
    say: [station, 'Generate the BOM', 'remove the OLED'],
    expect: ({ plan, state }) => {
      expect(plan.writes[0].changeSummary).toMatch(/^Removed SSD1306; total −\$5\.00$/);
      expect(bomKeys(state)).not.toContain('ssd1306');
    },
  },
  {
    name: '"run it on a battery" brings a LiPo, a charger and an LDO sized for Wi-Fi peaks',
    say: [station, 'Generate the BOM', 'run it on a battery'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toEqual(expect.arrayContaining(['lipo-2000', 'tp4056', 'ap2112k']));
      expect(bomKeys(state)).not.toContain('usb-supply-5v-2a5');
      expect(state.artifacts.bom!.json.power.budgetMa).toBe(600);
    },
  },
  {
    name: 'removing a part that is not there changes nothing and says so',
    say: [station, 'Generate the BOM', 'remove the DHT22'],
    expect: ({ plan }) => {
      expect(plan).toMatchObject({ writes: [], question: true });
      expect(plan.reply).toContain('There is no DHT22 in the BOM');
    },
  },
  {
    name: '"replace it with something better" asks what with',
    say: [station, 'Generate the BOM', 'replace it with something better'],
    expect: ({ plan }) => expect(plan).toMatchObject({ question: true, writes: [] }),
  },
  {
    name: '"use an SHT31 instead" replaces the sensor that does the same job',
    say: [station, 'Generate the BOM', 'use an SHT31 instead'],
    expect: ({ state }) => {
      expect(bomKeys(state)).toContain('sht31');
      expect(bomKeys(state)).not.toContain('bme280');
    },
  },
  {
    name: '"instead" with two candidates asks which one',
    say: ['Create a BOM for an ESP32 weather station with a DHT22', 'add a BME280', 'use an AHT20 instead'],
    expect: ({ plan }) => {
      expect(plan.question).toBe(true);
      expect(plan.reply).toBe('Which part should the AHT20 replace: the DHT22 or the BME280?');
    },
  },
  {
    name: 'a board swap to the ESP32-C3 moves I2C to its default pins',
    say: [station, 'Generate the BOM', 'use an ESP32-C3 instead', 'now the wiring'],
    expect: ({ state }) => {
      expect(state.artifacts.bom!.json.boardRef).toBe('esp32-c3-devkitm');
      expect(pinOf(state, 'bme280', 'SDA')).toBe('GPIO8');
      expect(pinOf(state, 'bme280', 'SCL')).toBe('GPIO9');
    },
  },
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

describe('the offline engine on a table of prompts', () => {
  it('has at least 30 rows', () => expect(rows.length).toBeGreaterThanOrEqual(30));
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => row.expect(replay(row.say)));
});
