// A small built-in parts catalogue: lets the offline agents answer with real part facts and no API key.
export type CataloguePart = {
  key: string;
  name: string;
  aliases: string[];
  role: string;
  interface: 'I2C' | 'SPI' | 'GPIO' | 'UART' | 'power' | 'analog' | 'MCU';
  voltage: string;
  note: string;
};

export const catalogue: CataloguePart[] = [
  {
    key: 'esp32',
    name: 'ESP32-DevKitC (ESP32-WROOM-32)',
    aliases: ['esp32', 'esp-32', 'wroom'],
    role: 'microcontroller with Wi-Fi and Bluetooth',
    interface: 'MCU',
    voltage: '3.3 V logic, 5 V via USB',
    note: 'default I2C pins are GPIO21 (SDA) and GPIO22 (SCL)',
  },
  {
    key: 'esp8266',
    name: 'ESP8266 NodeMCU',
    aliases: ['esp8266', 'nodemcu'],
    role: 'Wi-Fi microcontroller',
    interface: 'MCU',
    voltage: '3.3 V logic',
    note: 'only one ADC pin, max 1.0 V on the bare chip',
  },
  {
    key: 'arduino-uno',
    name: 'Arduino Uno R3',
    aliases: ['arduino', 'uno', 'atmega328'],
    role: 'beginner-friendly microcontroller board',
    interface: 'MCU',
    voltage: '5 V logic',
    note: 'I2C on A4 (SDA) and A5 (SCL)',
  },
  {
    key: 'bme280',
    name: 'BME280 breakout',
    aliases: ['bme280', 'bme 280'],
    role: 'temperature, humidity and pressure sensor',
    interface: 'I2C',
    voltage: '3.3 V',
    note: 'I2C address 0x76 or 0x77',
  },
  {
    key: 'dht22',
    name: 'DHT22 (AM2302)',
    aliases: ['dht22', 'am2302', 'dht'],
    role: 'temperature and humidity sensor',
    interface: 'GPIO',
    voltage: '3.3–5 V',
    note: 'needs a 10 kΩ pull-up on the data line; at most one reading every 2 s',
  },
  {
    key: 'ssd1306',
    name: 'SSD1306 0.96" OLED',
    aliases: ['oled', 'ssd1306', 'display'],
    role: '128×64 monochrome display',
    interface: 'I2C',
    voltage: '3.3–5 V',
    note: 'I2C address 0x3C',
  },
  {
    key: 'bh1750',
    name: 'BH1750 light sensor',
    aliases: ['bh1750', 'light sensor', 'lux'],
    role: 'ambient light sensor',
    interface: 'I2C',
    voltage: '3.3–5 V',
    note: 'I2C address 0x23',
  },
  {
    key: 'soil',
    name: 'Capacitive soil moisture sensor v1.2',
    aliases: ['soil', 'moisture'],
    role: 'soil moisture sensor',
    interface: 'analog',
    voltage: '3.3–5 V',
    note: 'read it on an ADC1 pin (GPIO32–39) when Wi-Fi is on',
  },
  {
    key: 'relay',
    name: '5 V relay module (opto-isolated)',
    aliases: ['relay'],
    role: 'switches mains or high-current loads',
    interface: 'GPIO',
    voltage: '5 V coil',
    note: 'use a module with a transistor driver; never switch mains on a breadboard',
  },
  {
    key: 'servo',
    name: 'SG90 micro servo',
    aliases: ['servo', 'sg90'],
    role: 'small positional actuator',
    interface: 'GPIO',
    voltage: '5 V',
    note: 'power it from 5 V, not the 3.3 V regulator; PWM at 50 Hz',
  },
  {
    key: 'neopixel',
    name: 'WS2812B LED strip',
    aliases: ['neopixel', 'ws2812', 'led strip'],
    role: 'addressable RGB LEDs',
    interface: 'GPIO',
    voltage: '5 V',
    note: 'add a 330 Ω resistor on data and a 1000 µF capacitor across power',
  },
  {
    key: 'battery',
    name: '18650 Li-ion cell with TP4056 charger',
    aliases: ['battery', '18650', 'lipo', 'solar'],
    role: 'battery power',
    interface: 'power',
    voltage: '3.7 V nominal',
    note: 'use deep sleep to last weeks on one charge',
  },
];

export function findParts(text: string): CataloguePart[] {
  const lower = text.toLowerCase();
  return catalogue.filter((part) => part.aliases.some((alias) => lower.includes(alias)));
}
