// The wiring's building blocks: a builder that numbers connections and groups them into steps, and the power
// steps (the supply chain, then each part's supply and ground) that come before any bus or signal.
import type { Board, PartPinType } from '../catalogue';
import type { Bom, BomLine, Connection, Wiring } from './contract';
import { partOf } from './bom-lines';
import { railOf } from './power';
import { shortName } from './rules/types';
import { powerColour, railMap, signalColour, signalName, volts, type Endpoint } from './wiring-rails';

type Pin = Connection['from'];

function contractType(type: PartPinType | 'board'): Pin['pinType'] {
  if (type === 'power-in' || type === 'power-out') return 'power';
  if (type === 'ground') return 'ground';
  if (type === 'spi-dc' || type === 'spi-rst' || type === 'signal-in' || type === 'signal-out') return 'digital';
  if (type === 'pwm-in') return 'pwm';
  if (type === 'analog-out') return 'analog';
  if (type === 'load' || type === 'passive' || type === 'nc' || type === 'board') return 'other';
  return type;
}

export function labelOf(bom: Pick<Bom, 'lines'>, ref: string): string {
  const line = bom.lines.find((l) => l.ref === ref);
  const part = line ? partOf(line) : null;
  if (!part) return ref;
  const unit = ref.startsWith(`${part.key}-`) ? /-(\d+)$/.exec(ref) : null;
  const base = ref.startsWith('r-') || ref.startsWith('c-') ? `${shortName(part)} (${ref})` : shortName(part);
  return unit ? `${base} #${unit[1]}` : base;
}

export class WiringBuilder {
  connections: Connection[] = [];
  steps: Wiring['steps'] = [];
  private current: number[] = [];
  constructor(
    private bom: Pick<Bom, 'lines'>,
    private board: Board,
  ) {}
  link(
    from: Endpoint & { type: PartPinType | 'board' },
    to: Endpoint & { type: PartPinType | 'board' },
    note = '',
    signalVolts: string | null = null,
  ) {
    const power = ['power-in', 'power-out', 'ground'].includes(from.type);
    // a supply chain link carries its source's voltage (the cell's 3.7 V into a regulator), any other its rail's
    const source = this.outputPin(from) ? from : to;
    const voltage = power
      ? volts(from.type === 'ground' ? { ...to, pin: 'GND' } : source, this.board, this.bom)
      : (signalVolts ?? `${this.board.logicV} V`);
    const sequence = this.connections.length + 1;
    const kind = from.type === 'board' ? to.type : from.type;
    this.connections.push({
      sequence,
      from: { ref: from.ref, pin: from.pin, pinType: contractType(kind as PartPinType) },
      to: { ref: to.ref, pin: to.pin, pinType: contractType(kind as PartPinType) },
      voltage: kind === 'load' ? null : voltage,
      signalType: power ? (from.type === 'ground' ? 'ground' : 'power') : signalName(kind),
      wireColor: power ? powerColour(from.type === 'ground' ? '0 V' : voltage) : signalColour(kind),
      warnings: [],
      note,
    });
    this.current.push(sequence);
  }
  private outputPin(end: Endpoint): boolean {
    const line = this.bom.lines.find((l) => l.ref === end.ref);
    const part = line ? partOf(line) : null;
    return Boolean(part?.supplies && part.pins[end.pin] === 'power-out');
  }
  step(title: string, build: () => void) {
    this.current = [];
    build();
    if (this.current.length === 0) return;
    const said = this.current.map((seq) => {
      const c = this.connections[seq - 1];
      return `${labelOf(this.bom, c.from.ref)} ${c.from.pin} → ${labelOf(this.bom, c.to.ref)} ${c.to.pin} (${c.wireColor})`;
    });
    this.steps.push({
      number: this.steps.length + 1,
      title,
      instruction: `${said.join('; ')}.`,
      connections: this.current,
    });
  }
}

export const pw = (ref: string, pin: string): Endpoint & { type: PartPinType } => ({ ref, pin, type: 'power-in' });
export const gn = (ref: string, pin = 'GND'): Endpoint & { type: PartPinType } => ({ ref, pin, type: 'ground' });

export function supplyChain(w: WiringBuilder, bom: Pick<Bom, 'lines' | 'boardRef'>, board: Board) {
  const rails = railMap(bom);
  const has = (ref: string) => bom.lines.some((l) => l.ref === ref);
  const boardRef = bom.boardRef!;
  w.step('Supply', () => {
    if (has('power-supply'))
      w.link(
        pw('power-supply', '5V'),
        { ...pw(boardRef, rails.v5.ref === boardRef ? rails.v5.pin : '5V') },
        "plug the USB supply into the board's USB port",
      );
    if (has('supply-5v')) w.link(gn('supply-5v'), gn(boardRef), 'join the grounds of both supplies');
    if (has('battery')) {
      w.link(pw('battery', '+'), pw('charger', 'B+'));
      w.link(gn('battery', '-'), gn('charger', 'B-'));
    }
    if (has('solar-panel')) {
      w.link(pw('solar-panel', '+'), pw('charger', 'IN+'));
      w.link(gn('solar-panel', '-'), gn('charger', 'IN-'));
    }
    if (has('regulator')) {
      w.link(pw('charger', 'OUT+'), pw('regulator', 'VIN'));
      w.link(gn('charger', 'OUT-'), gn('regulator'));
      w.link(
        pw('regulator', 'VOUT'),
        pw(boardRef, '3V3'),
        "feed 3.3 V straight into the 3V3 pin, past the board's own LDO",
      );
      w.link(gn('regulator'), gn(boardRef));
      if (has('c-regulator'))
        w.link(pw('c-regulator', '+'), pw('regulator', 'VOUT'), 'the second one across VIN and GND');
    }
    if (has('boost-5v')) {
      w.link(pw('charger', 'OUT+'), pw('boost-5v', 'VIN+'), 'set the boost output to 5.0 V before connecting loads');
      w.link(gn('charger', 'OUT-'), gn('boost-5v', 'VIN-'));
      if (board.logicV >= 5) w.link(pw('boost-5v', 'VOUT+'), pw(boardRef, '5V'));
      w.link(gn('boost-5v', 'VOUT-'), gn(boardRef));
    }
    if (has('regulator-3v3')) {
      w.link(pw('regulator-3v3', 'VIN'), pw(boardRef, rails.v5.ref === boardRef ? rails.v5.pin : '5V'));
      w.link(gn('regulator-3v3'), gn(boardRef));
    }
  });
}

export function partPower(w: WiringBuilder, bom: Pick<Bom, 'lines' | 'boardRef'>, board: Board, line: BomLine) {
  const part = partOf(line);
  if (!part || ['mcu', 'power', 'prototyping'].includes(part.category)) return;
  const rails = railMap(bom);
  const name = labelOf(bom, line.ref);
  w.step(`Power the ${name}`, () => {
    if (part.category === 'passive') {
      if (line.ref.startsWith('c-decoupling') || line.ref.startsWith('c-bulk')) {
        const target = line.ref.startsWith('c-bulk') ? rails.v5 : rails.v3;
        const [plus, minus] = Object.keys(part.pins);
        w.link(
          pw(line.ref, plus),
          pw(target.ref, target.pin),
          `right beside ${labelOf(bom, line.ref.replace(/^c-(decoupling|bulk)-/, ''))}`,
        );
        w.link(gn(line.ref, minus), gn(rails.gnd.ref));
      }
      return;
    }
    for (const [pin, type] of Object.entries(part.pins)) {
      if (type === 'ground' && !(part.key === '74ahct125' && pin !== 'GND'))
        w.link(gn(line.ref, pin), gn(rails.gnd.ref));
      else if (type === 'ground') w.link(gn(line.ref, pin), gn(rails.gnd.ref), 'ties the output enable low');
      if (type !== 'power-in') continue;
      let target: Endpoint | null;
      if (['LV', 'VA'].includes(pin)) target = rails.v3;
      else if (['HV', 'VB'].includes(pin)) target = rails.v5;
      else if (['12V', 'VM'].includes(pin)) target = rails.motor;
      else if (part.needs.driver) target = null;
      else
        target = railOf(part, board) === '5V' || (board.logicV >= 5 && part.supplyV.max >= 4.75) ? rails.v5 : rails.v3;
      if (target) w.link(pw(line.ref, pin), pw(target.ref, target.pin));
    }
    if (['l298n', 'drv8833', 'tb6612'].includes(part.key) && rails.motorGnd)
      w.link(gn(rails.motorGnd.ref, rails.motorGnd.pin), gn(line.ref), "the motor supply's ground");
  });
}
