// The wiringGenerator's core: ordered connections from the BOM and the pin plan — power first (supply chain, then
// each part's supply and ground), then buses (I2C, SPI, UART), then signals (pull-ups, shifters, dividers, drivers).
import { getBoard, type PartPinType } from '../catalogue';
import type { Bom, Wiring } from './contract';
import { partOf } from './bom-lines';
import { assignPins } from './pins';
import { checkPinAssignments, logicMismatch, type PinUse } from './rules';
import { railMap, signalName, type Endpoint } from './wiring-rails';
import { gn, labelOf, partPower, pw, supplyChain, WiringBuilder } from './wiring-steps';

export { labelOf };

/** Level-shifter channels handed out in order: A1/B1, A2/B2, … across the shifter boards. */
function shifterChannels(bom: Pick<Bom, 'lines'>) {
  const shifters = bom.lines.filter((l) => l.catalogueKey === 'bss138-4ch' || l.catalogueKey === 'txs0108e');
  let next = 0;
  return () => {
    const shifter = shifters[Math.floor(next / 4)];
    const channel = (next % 4) + 1;
    next += 1;
    return shifter ? { ref: shifter.ref, low: `A${channel}`, high: `B${channel}` } : null;
  };
}

export function buildWiring(bom: Bom, bomVersion: number): Wiring {
  const plan = assignPins(bom);
  const board = getBoard(plan.board.key)!;
  const boardRef = bom.boardRef ?? bom.lines[0].ref;
  const w = new WiringBuilder(bom, board);
  supplyChain(w, bom, board);
  for (const line of bom.lines) partPower(w, bom, board, line);
  const nextChannel = shifterChannels(bom);
  let i2cShift: { sda: ReturnType<typeof nextChannel>; scl: ReturnType<typeof nextChannel> } | null = null;
  const byPhase = (phase: (u: PinUse) => boolean) => plan.uses.filter(phase);
  const phases: Array<[string, (u: PinUse) => boolean]> = [
    ['I2C bus', (u) => u.type.startsWith('i2c')],
    ['SPI bus', (u) => u.type.startsWith('spi')],
    ['UART', (u) => u.type.startsWith('uart')],
    ['Signals', (u) => !/^(i2c|spi|uart)/.test(u.type)],
  ];
  const pulled = new Set<string>();
  for (const [title, phase] of phases) {
    const uses = byPhase(phase);
    for (const ref of [...new Set(uses.map((u) => u.ref))]) {
      const line = bom.lines.find((l) => l.ref === ref)!;
      const part = partOf(line)!;
      const shifted = logicMismatch(part, board.logicV);
      w.step(`${title}: ${labelOf(bom, ref)}`, () => {
        for (const use of uses.filter((u) => u.ref === ref)) {
          const partEnd = { ref, pin: use.partPin, type: use.type };
          const boardEnd = { ref: boardRef, pin: use.boardPin, type: 'board' as const };
          const pullUp =
            part.needs.pullUp?.pin === use.partPin
              ? part.interface === 'one-wire'
                ? 'r-pullup-onewire'
                : `r-pullup-${ref}`
              : null;
          const series = bom.lines.find((l) => l.ref === `r-series-${ref}`);
          const divider = bom.lines.find((l) => l.ref === `r-divider-top-${ref}`);
          const buffer = bom.lines.find((l) => l.ref === `ls-${ref}`);
          if (buffer || series) {
            let source: Endpoint & { type: PartPinType | 'board' } = boardEnd;
            if (buffer) {
              w.link(
                { ...source, type: use.type },
                { ref: buffer.ref, pin: '1A', type: 'passive' },
                'the buffer lifts 3.3 V data to 5 V',
              );
              source = { ref: buffer.ref, pin: '1Y', type: use.type };
            }
            if (series) {
              w.link({ ...source, type: use.type }, { ref: series.ref, pin: '1', type: 'passive' });
              source = { ref: series.ref, pin: '2', type: use.type };
            }
            w.link({ ...source, type: use.type }, partEnd);
          } else if (divider && use.type === 'analog-out') {
            w.link(
              partEnd,
              { ref: divider.ref, pin: '1', type: 'passive' },
              '1 kΩ over 2 kΩ keeps the ADC under 3.3 V',
            );
            w.link({ ref: divider.ref, pin: '2', type: use.type }, boardEnd);
            w.link({ ref: `r-divider-bottom-${ref}`, pin: '1', type: use.type }, boardEnd);
            w.link({ ref: `r-divider-bottom-${ref}`, pin: '2', type: 'ground' }, gn(boardRef));
          } else if (shifted && use.type !== 'analog-out') {
            let channel: ReturnType<typeof nextChannel>;
            if (use.type.startsWith('i2c')) {
              i2cShift ??= { sda: nextChannel(), scl: nextChannel() };
              channel = use.type === 'i2c-sda' ? i2cShift.sda : i2cShift.scl;
            } else channel = nextChannel();
            // the 5 V side (HV, B pins) faces whichever end runs at 5 V: the part on a 3.3 V board, the board on an Uno
            const partHigh = board.logicV < 5;
            const partV = partHigh ? '5 V' : '3.3 V';
            if (channel) {
              const partSide = partHigh ? channel.high : channel.low;
              const boardSide = partHigh ? channel.low : channel.high;
              w.link(
                partEnd,
                { ref: channel.ref, pin: partSide, type: 'passive' },
                `${partV} side of the level shifter`,
                partV,
              );
              w.link({ ref: channel.ref, pin: boardSide, type: use.type }, boardEnd, `${board.logicV} V side`);
            } else w.link(partEnd, boardEnd);
          } else w.link(partEnd, boardEnd);
          if (pullUp && !pulled.has(pullUp) && bom.lines.some((l) => l.ref === pullUp)) {
            pulled.add(pullUp);
            w.link({ ref: pullUp, pin: '1', type: use.type }, partEnd, 'pull-up to the logic supply');
            w.link(
              { ref: pullUp, pin: '2', type: 'power-in' },
              pw(railMap(bom).v3.ref, board.logicV >= 5 ? '5V' : railMap(bom).v3.pin),
            );
          }
        }
      });
    }
  }
  const motors = bom.lines.filter((l) => partOf(l)?.needs.driver);
  const drivers = bom.lines.filter((l) => ['l298n', 'drv8833', 'tb6612'].includes(l.catalogueKey ?? ''));
  const outputs: Record<string, string[][]> = {
    l298n: [
      ['OUT1', 'OUT2'],
      ['OUT3', 'OUT4'],
    ],
    drv8833: [
      ['AOUT1', 'AOUT2'],
      ['BOUT1', 'BOUT2'],
    ],
    tb6612: [['AO1', 'AO2']],
  };
  motors.forEach((motor, index) => {
    const perDriver = drivers[0]?.catalogueKey === 'tb6612' ? 1 : 2;
    const driver = drivers[Math.floor(index / perDriver)];
    if (!driver) return;
    const [a, b] = outputs[driver.catalogueKey!][index % perDriver];
    w.step(`Motor: ${labelOf(bom, motor.ref)}`, () => {
      w.link(
        { ref: driver.ref, pin: a, type: 'load' },
        { ref: motor.ref, pin: 'M+', type: 'load' },
        'swap the two wires to reverse direction',
      );
      w.link({ ref: driver.ref, pin: b, type: 'load' }, { ref: motor.ref, pin: 'M-', type: 'load' });
    });
  });
  const pinWarnings = [...plan.warnings, ...checkPinAssignments(board, plan.uses, bom.basis?.wifi ?? board.wifi)];
  for (const connection of w.connections)
    connection.warnings = pinWarnings.filter(
      (warning) =>
        warning.refs.includes(connection.from.ref) &&
        warning.pins.some((pin) => pin === connection.to.pin || pin === connection.from.pin),
    );
  return {
    bomVersion,
    steps: w.steps,
    connections: w.connections,
    pinAssignments: plan.uses.map((u) => ({
      ref: u.ref,
      function: `${u.partPin} (${signalName(u.type)})`,
      boardPin: u.boardPin,
    })),
    warnings: [...pinWarnings, ...bom.warnings.filter((warning) => !warning.resolved && warning.severity !== 'info')],
  };
}
