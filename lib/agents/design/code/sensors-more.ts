// Firmware snippets for the rest of the sensors (air quality, current, motion, location).
import type { PartContext, Snippet } from './types';
import { isEsp32, pinExpr } from './types';

type Maker = (c: PartContext) => Omit<Snippet, 'kind'>;
const v = (name: string, label: string, unit: string, format = '%.1f') => ({ name, label, unit, format });
const notFound = (c: PartContext, what: string) =>
  `    Serial.println("${what} not found${c.address ? ` at ${c.address}` : ''}: check its wiring");`;

export const moreSensorSnippets: Record<string, Maker> = {
  sgp30: (c) => ({
    includes: ['Wire.h', 'Adafruit_SGP30.h'],
    globals: [`Adafruit_SGP30 ${c.id};`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'SGP30'), '  }'],
    read: [`  ${c.id}.IAQmeasure();`, `  float ${c.id}_tvoc = ${c.id}.TVOC;`, `  float ${c.id}_eco2 = ${c.id}.eCO2;`],
    values: [v(`${c.id}_tvoc`, 'TVOC', 'ppb', '%.0f'), v(`${c.id}_eco2`, 'eCO2', 'ppm', '%.0f')],
  }),
  scd40: (c) => ({
    includes: ['Wire.h', 'SensirionI2CScd4x.h'],
    globals: [`SensirionI2CScd4x ${c.id};`],
    setup: [`  ${c.id}.begin(Wire);`, `  ${c.id}.startPeriodicMeasurement(); // a new reading every 5 s`],
    read: [
      `  uint16_t ${c.id}_raw = 0;`,
      `  float ${c.id}_temperature = 0, ${c.id}_humidity = 0;`,
      `  ${c.id}.readMeasurement(${c.id}_raw, ${c.id}_temperature, ${c.id}_humidity);`,
      `  float ${c.id}_co2 = ${c.id}_raw;`,
    ],
    values: [v(`${c.id}_co2`, 'CO2', 'ppm', '%.0f'), v(`${c.id}_temperature`, 'Temperature', '°C')],
  }),
  ina219: (c) => ({
    includes: ['Wire.h', 'Adafruit_INA219.h'],
    globals: [`Adafruit_INA219 ${c.id}(${c.address});`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'INA219'), '  }'],
    read: [`  float ${c.id}_volts = ${c.id}.getBusVoltage_V();`, `  float ${c.id}_ma = ${c.id}.getCurrent_mA();`],
    values: [v(`${c.id}_volts`, 'Bus', 'V', '%.2f'), v(`${c.id}_ma`, 'Current', 'mA')],
  }),
  mpu6050: (c) => ({
    includes: ['Wire.h', 'Adafruit_MPU6050.h', 'Adafruit_Sensor.h'],
    globals: [`Adafruit_MPU6050 ${c.id};`],
    setup: [`  if (!${c.id}.begin(${c.address})) {`, notFound(c, 'MPU6050'), '  }'],
    read: [
      `  sensors_event_t ${c.id}_a, ${c.id}_g, ${c.id}_t;`,
      `  ${c.id}.getEvent(&${c.id}_a, &${c.id}_g, &${c.id}_t);`,
      `  float ${c.id}_ax = ${c.id}_a.acceleration.x;`,
      `  float ${c.id}_gz = ${c.id}_g.gyro.z;`,
    ],
    values: [v(`${c.id}_ax`, 'Accel X', 'm/s2', '%.2f'), v(`${c.id}_gz`, 'Gyro Z', 'rad/s', '%.2f')],
  }),
  adxl345: (c) => ({
    includes: ['Wire.h', 'Adafruit_ADXL345_U.h'],
    globals: [`Adafruit_ADXL345_Unified ${c.id}(12345);`],
    setup: [`  if (!${c.id}.begin()) {`, notFound(c, 'ADXL345'), '  }'],
    read: [
      `  sensors_event_t ${c.id}_e;`,
      `  ${c.id}.getEvent(&${c.id}_e);`,
      `  float ${c.id}_ax = ${c.id}_e.acceleration.x;`,
    ],
    values: [v(`${c.id}_ax`, 'Accel X', 'm/s2', '%.2f')],
  }),
  neo6m: (c) => {
    const rx = pinExpr(c.board, c.pins.TX); // the module's TX goes to the board's RX
    const tx = pinExpr(c.board, c.pins.RX);
    const esp = isEsp32(c.board);
    return {
      includes: esp ? ['TinyGPS++.h'] : ['TinyGPS++.h', 'SoftwareSerial.h'],
      globals: esp
        ? [`TinyGPSPlus ${c.id};`]
        : [`TinyGPSPlus ${c.id};`, `SoftwareSerial ${c.id}_serial(${rx}, ${tx});`],
      setup: [esp ? `  Serial2.begin(9600, SERIAL_8N1, ${rx}, ${tx});` : `  ${c.id}_serial.begin(9600);`],
      read: [
        `  while (${esp ? 'Serial2' : `${c.id}_serial`}.available()) ${c.id}.encode(${esp ? 'Serial2' : `${c.id}_serial`}.read());`,
        `  float ${c.id}_lat = ${c.id}.location.lat();`,
        `  float ${c.id}_lng = ${c.id}.location.lng();`,
      ],
      values: [v(`${c.id}_lat`, 'Lat', '', '%.5f'), v(`${c.id}_lng`, 'Lng', '', '%.5f')],
    };
  },
};
