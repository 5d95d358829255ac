// Firmware snippets for displays (draw `lines`) and actuators and drivers (act on the first reading).
import type { PartContext, Snippet } from './types';
import { isEsp32, pinExpr } from './types';

type Maker = (c: PartContext) => Omit<Snippet, 'kind'>;
const p = (c: PartContext, pin: string) => pinExpr(c.board, c.pins[pin]);
const none = { read: [], values: [] };

export const displaySnippets: Record<string, Maker> = {
  ssd1306: (c) => ({
    ...none,
    includes: ['Wire.h', 'Adafruit_GFX.h', 'Adafruit_SSD1306.h'],
    globals: [`Adafruit_SSD1306 ${c.id}(128, 64, &Wire, -1);`],
    setup: [
      `  if (!${c.id}.begin(SSD1306_SWITCHCAPVCC, ${c.address})) Serial.println("SSD1306 not found at ${c.address}");`,
    ],
    output: [
      `  ${c.id}.clearDisplay();`,
      `  ${c.id}.setTextSize(1);`,
      `  ${c.id}.setTextColor(SSD1306_WHITE);`,
      `  ${c.id}.setCursor(0, 0);`,
      `  for (int i = 0; i < lineCount; i++) ${c.id}.println(lines[i]);`,
      `  ${c.id}.display();`,
    ],
  }),
  sh1106: (c) => ({
    ...none,
    includes: ['Wire.h', 'U8g2lib.h'],
    globals: [`U8G2_SH1106_128X64_NONAME_F_HW_I2C ${c.id}(U8G2_R0, U8X8_PIN_NONE);`],
    setup: [`  ${c.id}.setI2CAddress(${c.address} * 2);`, `  ${c.id}.begin();`],
    output: [
      `  ${c.id}.clearBuffer();`,
      `  ${c.id}.setFont(u8g2_font_6x10_tf);`,
      `  for (int i = 0; i < lineCount; i++) ${c.id}.drawStr(0, 12 * (i + 1), lines[i].c_str());`,
      `  ${c.id}.sendBuffer();`,
    ],
  }),
  'lcd1602-i2c': (c) => ({
    ...none,
    includes: ['Wire.h', 'LiquidCrystal_I2C.h'],
    globals: [`LiquidCrystal_I2C ${c.id}(${c.address}, 16, 2);`],
    setup: [`  ${c.id}.init();`, `  ${c.id}.backlight();`],
    output: [
      `  ${c.id}.clear();`,
      `  for (int i = 0; i < lineCount && i < 2; i++) { ${c.id}.setCursor(0, i); ${c.id}.print(lines[i].substring(0, 16)); }`,
    ],
  }),
  st7789: (c) => ({
    ...none,
    includes: ['SPI.h', 'Adafruit_GFX.h', 'Adafruit_ST7789.h'],
    globals: [`Adafruit_ST7789 ${c.id}(${p(c, 'CS')}, ${p(c, 'DC')}, ${p(c, 'RST')});`],
    setup: [`  ${c.id}.init(240, 240);`, `  ${c.id}.fillScreen(ST77XX_BLACK);`],
    output: [
      `  ${c.id}.fillScreen(ST77XX_BLACK);`,
      `  ${c.id}.setTextColor(ST77XX_WHITE);`,
      `  ${c.id}.setTextSize(2);`,
      `  ${c.id}.setCursor(0, 0);`,
      `  for (int i = 0; i < lineCount; i++) ${c.id}.println(lines[i]);`,
    ],
  }),
  'epaper-29': (c) => ({
    ...none,
    includes: ['GxEPD2_BW.h'],
    globals: [
      `GxEPD2_BW<GxEPD2_290_T94_V2, GxEPD2_290_T94_V2::HEIGHT> ${c.id}(GxEPD2_290_T94_V2(${p(c, 'CS')}, ${p(c, 'DC')}, ${p(c, 'RST')}, ${p(c, 'BUSY')}));`,
    ],
    setup: [`  ${c.id}.init(115200);`, `  ${c.id}.setRotation(1);`],
    output: [
      `  ${c.id}.setFullWindow();`,
      `  ${c.id}.firstPage();`,
      `  do {`,
      `    ${c.id}.fillScreen(GxEPD_WHITE);`,
      `    ${c.id}.setTextColor(GxEPD_BLACK);`,
      `    for (int i = 0; i < lineCount; i++) { ${c.id}.setCursor(4, 16 + 18 * i); ${c.id}.print(lines[i]); }`,
      `  } while (${c.id}.nextPage());`,
    ],
  }),
  tm1637: (c) => ({
    ...none,
    includes: ['TM1637Display.h'],
    globals: [`TM1637Display ${c.id}(${p(c, 'CLK')}, ${p(c, 'DIO')});`],
    setup: [`  ${c.id}.setBrightness(5);`],
    output: [`  ${c.id}.showNumberDec((int)firstValue);`],
  }),
};

export const actuatorSnippets: Record<string, Maker> = {
  'relay-1ch-5v': (c) => ({
    ...none,
    includes: [],
    globals: [
      `const int ${c.id}_PIN = ${p(c, 'IN')};`,
      `const float ${c.id}_THRESHOLD = 25.0; // switch on above this reading`,
    ],
    setup: [`  pinMode(${c.id}_PIN, OUTPUT);`],
    output: [`  digitalWrite(${c.id}_PIN, firstValue > ${c.id}_THRESHOLD ? HIGH : LOW);`],
  }),
  sg90: (c) => ({
    ...none,
    includes: [isEsp32(c.board) ? 'ESP32Servo.h' : 'Servo.h'],
    globals: [`Servo ${c.id};`],
    setup: [`  ${c.id}.attach(${p(c, 'PWM')});`],
    output: [`  ${c.id}.write(constrain((int)map((long)firstValue, 0, 50, 0, 180), 0, 180));`],
  }),
  'ws2812b-strip': (c) => ({
    ...none,
    includes: ['Adafruit_NeoPixel.h'],
    globals: [`Adafruit_NeoPixel ${c.id}(30, ${p(c, 'DIN')}, NEO_GRB + NEO_KHZ800);`],
    setup: [`  ${c.id}.begin();`, `  ${c.id}.setBrightness(60); // about 1 A at full white instead of 1.8 A`],
    output: [
      `  ${c.id}.fill(${c.id}.Color(firstValue > 25 ? 255 : 0, 40, firstValue > 25 ? 0 : 255));`,
      `  ${c.id}.show();`,
    ],
  }),
  'led-5mm-red': (c) => ({
    ...none,
    includes: [],
    globals: [`const int ${c.id}_PIN = ${p(c, 'A')};`],
    setup: [`  pinMode(${c.id}_PIN, OUTPUT);`],
    output: [`  digitalWrite(${c.id}_PIN, !digitalRead(${c.id}_PIN));`],
  }),
};

const motorPins: Record<string, [string, string, string | null, string | null]> = {
  l298n: ['IN1', 'IN2', 'ENA', null],
  drv8833: ['AIN1', 'AIN2', null, null],
  tb6612: ['AIN1', 'AIN2', 'PWMA', 'STBY'],
};

export function driverSnippet(key: string, c: PartContext): Omit<Snippet, 'kind'> | null {
  const pins = motorPins[key];
  if (!pins) return null;
  const [a, b, enable, standby] = pins;
  const speed = enable ? `analogWrite(${p(c, enable)}, speed);` : `analogWrite(${p(c, a)}, speed);`;
  return {
    ...none,
    includes: [],
    globals: [`const int ${c.id}_SPEED = 180; // 0–255`],
    setup: [
      ...[a, b, enable, standby]
        .filter((x): x is string => Boolean(x))
        .map((pin) => `  pinMode(${p(c, pin)}, OUTPUT);`),
      ...(standby ? [`  digitalWrite(${p(c, standby)}, HIGH);`] : []),
    ],
    output: [
      `  int speed = ${c.id}_SPEED;`,
      ...(enable ? [`  digitalWrite(${p(c, a)}, HIGH);`] : []),
      `  digitalWrite(${p(c, b)}, LOW);`,
      `  ${speed}`,
    ],
  };
}
