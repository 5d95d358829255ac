// Firmware snippets for the catalogue's sensors: the real library calls of each part's Arduino library.
import type { PartContext, Snippet } from './types';
import { pinExpr } from './types';

type Maker = (c: PartContext) => Omit<Snippet, 'kind'>;
const v = (name: string, label: string, unit: string, format = '%.1f') => ({ name, label, unit, format });
const notFound = (c: PartContext, what: string) =>
  `    Serial.println("${what} not found${c.address ? ` at ${c.address}` : ''}: check its wiring");`;
const p = (c: PartContext, pin: string) => pinExpr(c.board, c.pins[pin]);

const bmeLike =
  (cls: string, header: string, humidity: boolean): Maker =>
  (c) => ({
    includes: ['Wire.h', header],
    globals: [`${cls} ${c.id};`],
    setup: [`  if (!${c.id}.begin(${c.address})) {`, notFound(c, cls.replace('Adafruit_', '')), '  }'],
    read: [
      `  float ${c.id}_temperature = ${c.id}.readTemperature();`,
      ...(humidity ? [`  float ${c.id}_humidity = ${c.id}.readHumidity();`] : []),
      `  float ${c.id}_pressure = ${c.id}.readPressure() / 100.0F;`,
    ],
    values: [
      v(`${c.id}_temperature`, 'Temperature', '°C'),
      ...(humidity ? [v(`${c.id}_humidity`, 'Humidity', '%')] : []),
      v(`${c.id}_pressure`, 'Pressure', 'hPa', '%.0f'),
    ],
  });

const dht =
  (type: 'DHT22' | 'DHT11'): Maker =>
  (c) => ({
    includes: ['DHT.h'],
    globals: [`DHT ${c.id}(${p(c, 'DATA')}, ${type});`],
    setup: [`  ${c.id}.begin();`],
    read: [
      `  float ${c.id}_temperature = ${c.id}.readTemperature();`,
      `  float ${c.id}_humidity = ${c.id}.readHumidity();`,
    ],
    values: [v(`${c.id}_temperature`, 'Temperature', '°C'), v(`${c.id}_humidity`, 'Humidity', '%')],
  });

export const sensorSnippets: Record<string, Maker> = {
  bme280: bmeLike('Adafruit_BME280', 'Adafruit_BME280.h', true),
  'bme280-adafruit': bmeLike('Adafruit_BME280', 'Adafruit_BME280.h', true),
  bmp280: bmeLike('Adafruit_BMP280', 'Adafruit_BMP280.h', false),
  dht22: dht('DHT22'),
  dht11: dht('DHT11'),
  sht31: (c) => ({
    includes: ['Wire.h', 'Adafruit_SHT31.h'],
    globals: [`Adafruit_SHT31 ${c.id};`],
    setup: [`  if (!${c.id}.begin(${c.address})) {`, notFound(c, 'SHT31'), '  }'],
    read: [
      `  float ${c.id}_temperature = ${c.id}.readTemperature();`,
      `  float ${c.id}_humidity = ${c.id}.readHumidity();`,
    ],
    values: [v(`${c.id}_temperature`, 'Temperature', '°C'), v(`${c.id}_humidity`, 'Humidity', '%')],
  }),
  aht20: (c) => ({
    includes: ['Wire.h', 'Adafruit_AHTX0.h'],
    globals: [`Adafruit_AHTX0 ${c.id};`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'AHT20'), '  }'],
    read: [
      `  sensors_event_t ${c.id}_h, ${c.id}_t;`,
      `  ${c.id}.getEvent(&${c.id}_h, &${c.id}_t);`,
      `  float ${c.id}_temperature = ${c.id}_t.temperature;`,
      `  float ${c.id}_humidity = ${c.id}_h.relative_humidity;`,
    ],
    values: [v(`${c.id}_temperature`, 'Temperature', '°C'), v(`${c.id}_humidity`, 'Humidity', '%')],
  }),
  bme680: (c) => ({
    includes: ['Wire.h', 'Adafruit_BME680.h'],
    globals: [`Adafruit_BME680 ${c.id};`],
    setup: [`  if (!${c.id}.begin(${c.address})) {`, notFound(c, 'BME680'), '  }'],
    read: [
      `  ${c.id}.performReading();`,
      `  float ${c.id}_temperature = ${c.id}.temperature;`,
      `  float ${c.id}_humidity = ${c.id}.humidity;`,
      `  float ${c.id}_pressure = ${c.id}.pressure / 100.0F;`,
      `  float ${c.id}_gas = ${c.id}.gas_resistance / 1000.0F;`,
    ],
    values: [
      v(`${c.id}_temperature`, 'Temperature', '°C'),
      v(`${c.id}_humidity`, 'Humidity', '%'),
      v(`${c.id}_pressure`, 'Pressure', 'hPa', '%.0f'),
      v(`${c.id}_gas`, 'Gas', 'kOhm'),
    ],
  }),
  ds18b20: (c) => ({
    includes: ['OneWire.h', 'DallasTemperature.h'],
    globals: c.unitIndex === 0 ? ['OneWire oneWire(' + p(c, 'DQ') + ');', 'DallasTemperature probes(&oneWire);'] : [],
    setup: c.unitIndex === 0 ? ['  probes.begin();'] : [],
    read: [
      ...(c.unitIndex === 0 ? ['  probes.requestTemperatures(); // 750 ms at 12 bits'] : []),
      `  float ${c.id}_temperature = probes.getTempCByIndex(${c.unitIndex});`,
    ],
    values: [v(`${c.id}_temperature`, `Probe ${c.unitIndex + 1}`, '°C')],
  }),
  bh1750: (c) => ({
    includes: ['Wire.h', 'BH1750.h'],
    globals: [`BH1750 ${c.id}(${c.address});`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'BH1750'), '  }'],
    read: [`  float ${c.id}_lux = ${c.id}.readLightLevel();`],
    values: [v(`${c.id}_lux`, 'Light', 'lx', '%.0f')],
  }),
  veml7700: (c) => ({
    includes: ['Wire.h', 'Adafruit_VEML7700.h'],
    globals: [`Adafruit_VEML7700 ${c.id};`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'VEML7700'), '  }'],
    read: [`  float ${c.id}_lux = ${c.id}.readLux();`],
    values: [v(`${c.id}_lux`, 'Light', 'lx', '%.0f')],
  }),
  'soil-capacitive': (c) => ({
    includes: [],
    globals: [
      `const int ${c.id}_PIN = ${p(c, 'AOUT')};`,
      `const int ${c.id}_DRY = 3000; // calibrate: reading in air`,
      `const int ${c.id}_WET = 1200; // calibrate: reading in water`,
    ],
    setup: [],
    read: [
      `  int ${c.id}_raw = analogRead(${c.id}_PIN);`,
      `  float ${c.id}_moisture = constrain(map(${c.id}_raw, ${c.id}_DRY, ${c.id}_WET, 0, 100), 0, 100);`,
    ],
    values: [v(`${c.id}_moisture`, 'Soil', '%', '%.0f')],
  }),
  'pir-hc-sr501': (c) => ({
    includes: [],
    globals: [`const int ${c.id}_PIN = ${p(c, 'OUT')};`],
    setup: [`  pinMode(${c.id}_PIN, INPUT);`],
    read: [`  float ${c.id}_motion = digitalRead(${c.id}_PIN);`],
    values: [v(`${c.id}_motion`, 'Motion', '', '%.0f')],
  }),
  'hc-sr04': (c) => ({
    includes: [],
    globals: [`const int ${c.id}_TRIG = ${p(c, 'TRIG')};`, `const int ${c.id}_ECHO = ${p(c, 'ECHO')};`],
    setup: [`  pinMode(${c.id}_TRIG, OUTPUT);`, `  pinMode(${c.id}_ECHO, INPUT);`],
    read: [
      `  digitalWrite(${c.id}_TRIG, LOW); delayMicroseconds(2);`,
      `  digitalWrite(${c.id}_TRIG, HIGH); delayMicroseconds(10); digitalWrite(${c.id}_TRIG, LOW);`,
      `  float ${c.id}_cm = pulseIn(${c.id}_ECHO, HIGH, 30000) / 58.0F;`,
    ],
    values: [v(`${c.id}_cm`, 'Distance', 'cm')],
  }),
  vl53l0x: (c) => ({
    includes: ['Wire.h', 'Adafruit_VL53L0X.h'],
    globals: [`Adafruit_VL53L0X ${c.id};`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'VL53L0X'), '  }'],
    read: [
      `  VL53L0X_RangingMeasurementData_t ${c.id}_m;`,
      `  ${c.id}.rangingTest(&${c.id}_m, false);`,
      `  float ${c.id}_mm = ${c.id}_m.RangeMilliMeter;`,
    ],
    values: [v(`${c.id}_mm`, 'Distance', 'mm', '%.0f')],
  }),
  mq2: (c) => ({
    includes: [],
    globals: [`const int ${c.id}_PIN = ${p(c, 'AO')};`],
    setup: [],
    read: [`  float ${c.id}_gas = analogRead(${c.id}_PIN);`],
    values: [v(`${c.id}_gas`, 'Gas (raw)', '', '%.0f')],
  }),
};
