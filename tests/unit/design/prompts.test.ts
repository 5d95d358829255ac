// The offline engine on a table of prompts (part 1: chat, context and BOM edits, ambiguous requests; part 2 in
// prompts-build.test.ts). Each row replays a short conversation and asserts the intent, specialist, parts and warnings.
import { expect } from 'vitest';
import { type Replayed, type Row, bomKeys, pinOf, rulesOf, runRows, station } from './replay';

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
];

runRows('the offline engine on prompts: chat, context and BOM edits', rows);
