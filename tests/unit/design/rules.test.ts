// Every design rule, on small views built from catalogue lines: each finds the problem, explains it with a reason
// and a fix, and reports it resolved once the design carries the fix.
import { describe, expect, it } from 'vitest';
import { getBoard, requirePart } from '@/lib/agents/catalogue';
import { lineFromPart } from '@/lib/agents/design/bom-lines';
import type { BomLine } from '@/lib/agents/design/contract';
import { checkCurrentBudget } from '@/lib/agents/design/rules/budget';
import { checkI2cAddresses, checkPullUps, checkTiming } from '@/lib/agents/design/rules/buses';
import { checkDrivers, checkLogicLevels, checkSupplyVoltages } from '@/lib/agents/design/rules/levels';
import { checkPinConflicts, checkPinUse } from '@/lib/agents/design/rules/pins';
import type { DesignView } from '@/lib/agents/design/rules/types';

function line(key: string, ref = key, extra: Partial<BomLine> = {}): BomLine {
  return { ...lineFromPart(requirePart(key), ref, { reason: 'test' }), ...extra };
}

function view(boardKey: string, lines: BomLine[], options: Partial<DesignView> = {}): DesignView {
  return {
    board: getBoard(boardKey)!,
    boardRef: boardKey,
    lines: [line(boardKey), ...lines],
    power: 'usb',
    wifi: true,
    ...options,
  };
}

const rules = (found: Array<{ rule: string; resolved: boolean; severity: string }>) =>
  found.map((w) => `${w.rule}:${w.severity}:${w.resolved ? 'resolved' : 'open'}`);

describe('logic levels', () => {
  it('flags a 5 V HC-SR04 on a 3.3 V ESP32 until a level shifter is in the BOM', () => {
    const open = checkLogicLevels(view('esp32-devkitc', [line('hc-sr04')]));
    expect(rules(open)).toEqual(['logic-level:warning:open']);
    expect(open[0].fix).toContain('BSS138');
    expect(open[0].reason).toMatch(/damage/);
    expect(rules(checkLogicLevels(view('esp32-devkitc', [line('hc-sr04'), line('bss138-4ch')])))).toEqual([
      'logic-level:warning:resolved',
    ]);
  });

  it('wants a 74AHCT125 for WS2812B data, not a BSS138', () => {
    expect(rules(checkLogicLevels(view('esp32-devkitc', [line('ws2812b-strip'), line('bss138-4ch')])))).toEqual([
      'logic-level:warning:open',
    ]);
    expect(rules(checkLogicLevels(view('esp32-devkitc', [line('ws2812b-strip'), line('74ahct125')])))).toEqual([
      'logic-level:warning:resolved',
    ]);
  });

  it('flags a 3.3 V-only BME280 on a 5 V Uno as an error, and passes parts that take both levels', () => {
    expect(rules(checkLogicLevels(view('arduino-uno', [line('bme280')])))).toEqual(['logic-level:error:open']);
    expect(checkLogicLevels(view('arduino-uno', [line('bme280-adafruit'), line('ssd1306')]))).toEqual([]);
    expect(checkLogicLevels(view('esp32-devkitc', [line('bme280'), line('dht22'), line('sg90')]))).toEqual([]);
  });

  it('takes a divider as the fix for a 5 V analog output', () => {
    const found = checkLogicLevels(view('esp32-devkitc', [line('mq2'), line('resistor-1k', 'r-divider-top-mq2')]));
    expect(rules(found)).toEqual(['logic-level:warning:resolved']);
  });
});

describe('supply voltages and GPIO drive', () => {
  it('needs a boost converter for a 5 V relay on a battery', () => {
    expect(rules(checkSupplyVoltages(view('esp32-devkitc', [line('relay-1ch-5v')], { power: 'battery' })))).toEqual([
      'supply-voltage:error:open',
    ]);
    expect(
      checkSupplyVoltages(view('esp32-devkitc', [line('relay-1ch-5v'), line('mt3608')], { power: 'battery' })),
    ).toEqual([]);
    expect(checkSupplyVoltages(view('esp32-devkitc', [line('relay-1ch-5v')]))).toEqual([]);
  });

  it('wants a 12 V supply for a 12 V motor', () => {
    expect(rules(checkSupplyVoltages(view('esp32-devkitc', [line('dc-motor-12v')])))).toEqual([
      'supply-voltage:error:open',
    ]);
    expect(rules(checkSupplyVoltages(view('esp32-devkitc', [line('dc-motor-12v'), line('supply-12v-2a')])))).toEqual([
      'supply-voltage:info:resolved',
    ]);
  });

  it('refuses a motor straight on a GPIO and names the driver as the safe alternative', () => {
    const [finding] = checkDrivers(view('esp32-devkitc', [line('dc-motor-12v')]));
    expect(finding).toMatchObject({ rule: 'gpio-drive', severity: 'error', resolved: false });
    expect(finding.reason).toContain('40 mA');
    expect(finding.fix).toContain('TB6612FNG');
    expect(rules(checkDrivers(view('esp32-devkitc', [line('dc-motor-12v'), line('tb6612')])))).toEqual([
      'gpio-drive:error:resolved',
    ]);
  });
});

describe('I2C addresses', () => {
  it('finds two BME280 at 0x76 and proposes 0x77; none once the second is moved', () => {
    const [finding] = checkI2cAddresses(view('esp32-devkitc', [line('bme280'), line('bme280', 'bme280-2')]));
    expect(finding).toMatchObject({ rule: 'i2c-address', severity: 'error', refs: ['bme280', 'bme280-2'] });
    expect(finding.fix).toContain('0x77');
    const moved = checkI2cAddresses(
      view('esp32-devkitc', [line('bme280'), line('bme280', 'bme280-2', { i2cAddress: '0x77' })]),
    );
    expect(rules(moved)).toEqual(['i2c-address:info:resolved']);
  });

  it('sends a third BME280 to a multiplexer', () => {
    const lines = [line('bme280'), line('bme280', 'bme280-2', { i2cAddress: '0x77' }), line('bme280', 'bme280-3')];
    const [finding] = checkI2cAddresses(view('esp32-devkitc', lines));
    expect(finding.fix).toContain('TCA9548A');
    expect(checkI2cAddresses(view('esp32-devkitc', [...lines, line('tca9548a', 'i2c-mux')]))[0].resolved).toBe(true);
  });

  it('sees the OLED and a BME280 as no collision', () => {
    expect(checkI2cAddresses(view('esp32-devkitc', [line('bme280'), line('ssd1306'), line('bh1750')]))).toEqual([]);
  });
});

describe('bus pull-ups', () => {
  it('asks for 10 kΩ on the DHT22 and 4.7 kΩ on the 1-Wire bus, one for every probe on it', () => {
    expect(rules(checkPullUps(view('esp32-devkitc', [line('dht22')])))).toEqual(['bus-pull-up:error:open']);
    expect(rules(checkPullUps(view('esp32-devkitc', [line('dht22'), line('resistor-10k')])))).toEqual([
      'bus-pull-up:info:resolved',
    ]);
    expect(rules(checkPullUps(view('esp32-devkitc', [line('dht22'), line('resistor-4k7')])))).toEqual([
      'bus-pull-up:error:open',
    ]);
    const probes = [line('ds18b20'), line('ds18b20', 'ds18b20-2'), line('resistor-4k7')];
    expect(rules(checkPullUps(view('esp32-devkitc', probes)))).toEqual([
      'bus-pull-up:info:resolved',
      'bus-pull-up:info:resolved',
    ]);
  });

  it('warns when too many breakouts add their own I2C pull-ups in parallel', () => {
    const lines = ['bme280', 'ssd1306', 'bh1750', 'sht31', 'ina219'].map((key) => line(key));
    expect(rules(checkPullUps(view('esp32-devkitc', lines)))).toEqual(['bus-pull-up:warning:open']);
    expect(checkPullUps(view('esp32-devkitc', lines.slice(0, 3)))).toEqual([]);
  });
});

describe('current budget', () => {
  it('catches a 30-LED strip on the USB 5 V and is satisfied by a 5 V 4 A supply', () => {
    const [finding] = checkCurrentBudget(view('esp32-devkitc', [line('ws2812b-strip')]));
    expect(finding).toMatchObject({ rule: 'current-budget', severity: 'error', pins: ['5V'], refs: ['ws2812b-strip'] });
    expect(finding.message).toContain('1800 mA');
    expect(
      checkCurrentBudget(view('esp32-devkitc', [line('ws2812b-strip'), line('supply-5v-4a', 'supply-5v')])),
    ).toEqual([]);
  });

  it('counts Wi-Fi transmit peaks against a small LDO', () => {
    const [finding] = checkCurrentBudget(
      view('esp32-devkitc', [line('bme280'), line('mcp1700', 'regulator')], { power: 'battery' }),
    );
    expect(finding.message).toMatch(/3V3 rail peaks at 241 mA; MCP1700.* gives 250 mA/);
    expect(finding.fix).toContain('AP2112K');
    expect(
      checkCurrentBudget(view('esp32-devkitc', [line('bme280'), line('ap2112k', 'regulator')], { power: 'battery' })),
    ).toEqual([]);
  });
});

describe('read timing', () => {
  it('tells the DHT22 every 2 s and the DS18B20 750 ms, as resolved by the firmware', () => {
    const found = checkTiming(view('esp32-devkitc', [line('dht22'), line('ds18b20')]));
    expect(found.map((w) => w.message)).toEqual([
      'DHT22 can be read at most every 2 s',
      'DS18B20 can be read at most every 0.75 s',
    ]);
    expect(found.every((w) => w.resolved && w.severity === 'info')).toBe(true);
  });
});

describe('pins', () => {
  const esp32 = getBoard('esp32-devkitc')!;
  const uno = getBoard('arduino-uno')!;
  const pinUse = (boardPin: string, type: Parameters<typeof checkPinUse>[1]['type'], ref = 'part') => ({
    ref,
    partPin: 'X',
    boardPin,
    type,
  });
  const found = (board = esp32, ...args: [string, Parameters<typeof checkPinUse>[1]['type']]) =>
    checkPinUse(board, pinUse(...args), true).map((w) => `${w.rule}:${w.severity}`);

  it('refuses the flash pins 6–11', () => {
    for (const pin of ['GPIO6', 'GPIO7', 'GPIO8', 'GPIO9', 'GPIO10', 'GPIO11'])
      expect(found(esp32, pin, 'signal-in')).toContain('flash-pin:error');
  });

  it('lets inputs use 34–39 but never outputs or 1-Wire', () => {
    expect(found(esp32, 'GPIO34', 'signal-out')).toEqual([]);
    expect(found(esp32, 'GPIO35', 'signal-in')).toEqual(['input-only-pin:error']);
    expect(found(esp32, 'GPIO36', 'one-wire')).toEqual(['input-only-pin:error']);
  });

  it('warns on strapping pins and refuses a pulled-up line on GPIO12', () => {
    expect(found(esp32, 'GPIO0', 'signal-in')).toEqual(['strapping-pin:warning']);
    expect(found(esp32, 'GPIO12', 'one-wire')).toEqual(['strapping-pin:error']);
    for (const pin of ['GPIO2', 'GPIO5', 'GPIO15'])
      expect(found(esp32, pin, 'signal-in')).toEqual(['strapping-pin:warning']);
  });

  it('refuses ADC2 for analog reads while Wi-Fi is on, and non-ADC pins always', () => {
    expect(found(esp32, 'GPIO4', 'analog-out')).toEqual(['adc2-wifi:error']);
    expect(checkPinUse(esp32, pinUse('GPIO4', 'analog-out'), false)).toEqual([]);
    expect(found(esp32, 'GPIO34', 'analog-out')).toEqual([]);
    expect(found(esp32, 'GPIO16', 'analog-out')).toEqual(['adc-pin:error']);
  });

  it('checks PWM and digital capability, unknown pins and the USB serial pins', () => {
    expect(found(uno, 'D4', 'pwm-in')).toEqual(['pwm-pin:error']);
    expect(found(uno, 'D9', 'pwm-in')).toEqual([]);
    expect(found(getBoard('arduino-nano')!, 'A6', 'signal-in')).toEqual(['digital-pin:error']);
    expect(found(esp32, 'GPIO99', 'signal-in')).toEqual(['unknown-pin:error']);
    expect(found(esp32, 'GPIO1', 'signal-in')).toEqual(['serial-pin:warning']);
  });

  it('wants an interrupt pin for parts that signal events', () => {
    const pir = { ref: 'pir', partPin: 'OUT', type: 'signal-out' as const, interrupt: true };
    expect(checkPinUse(getBoard('esp8266-nodemcu')!, { ...pir, boardPin: 'D0' }, true).map((w) => w.rule)).toEqual([
      'interrupt-pin',
    ]);
    expect(checkPinUse(uno, { ...pir, boardPin: 'D4' }, false).map((w) => w.rule)).toEqual(['interrupt-pin']);
    expect(checkPinUse(uno, { ...pir, boardPin: 'D2' }, false)).toEqual([]);
  });

  it('allows one job per pin, except shared buses', () => {
    const conflicts = checkPinConflicts([pinUse('GPIO4', 'signal-in', 'relay'), pinUse('GPIO4', 'one-wire', 'dht22')]);
    expect(conflicts.map((w) => w.rule)).toEqual(['pin-conflict']);
    expect(
      checkPinConflicts([
        pinUse('GPIO21', 'i2c-sda', 'a'),
        pinUse('GPIO21', 'i2c-sda', 'b'),
        pinUse('GPIO4', 'one-wire', 'p1'),
        pinUse('GPIO4', 'one-wire', 'p2'),
      ]),
    ).toEqual([]);
  });
});
