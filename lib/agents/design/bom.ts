// The bomGenerator's core: a complete BOM from its basis (board, requested parts, power source, radio), with the
// supporting lines, a supply chain sized to the current budget, the rule findings and the totals.
import { defaultBoardKey, getBoard, getPart, requirePart } from '../catalogue';
import type { Bom, BomLine, ContextDoc, DatasheetPart } from './contract';
import { attachWarnings, computeTotals, datasheetFor, datasheetLine, lineFromPart, unknownLine } from './bom-lines';
import { supportingLines } from './bom-support';
import { computeLoads, supplyPath } from './power';
import { runBomRules } from './rules';
import { shortName } from './rules/types';

export type BomBasis = NonNullable<Bom['basis']>;

const perUnit = new Set(['sensor', 'display', 'actuator']);

export function basisFromContext(context: ContextDoc): BomBasis {
  const board = getPart(context.board)?.category === 'mcu' ? context.board! : defaultBoardKey;
  const parts: BomBasis['parts'] = context.parts.flatMap((p) =>
    p.key && getPart(p.key) ? [{ key: p.key, quantity: p.quantity }] : [],
  );
  for (const [key, reason] of coverage(context, parts)) parts.push({ key, quantity: 1, reason });
  const unknownParts = [
    ...context.unknownParts,
    ...context.parts.filter((p) => !p.key || !getPart(p.key)).map((p) => p.name),
  ];
  let power = context.power.source;
  if (power === 'unknown' && parts.some((p) => p.key === 'solar-6v-2w')) power = 'solar';
  if (power === 'unknown' && parts.some((p) => getPart(p.key)?.supplies?.capacityMah)) power = 'battery';
  const wifi =
    (getBoard(board)?.wifi ?? false) &&
    (context.connectivity.includes('wifi') || board.startsWith('esp') || board === 'pico-w');
  return {
    board,
    parts: parts.filter((p) => getPart(p.key)?.category !== 'mcu'),
    unknownParts: [...new Set(unknownParts)],
    power,
    wifi,
  };
}

/** Catalogue parts that cover what the context asks for and no requested part does. */
const coverFor: Array<[string[], string]> = [
  [['temperature', 'humidity', 'pressure'], 'bme280'],
  [['temperature', 'humidity'], 'bme280'],
  [['temperature'], 'bme280'],
  [['humidity'], 'bme280'],
  [['pressure'], 'bme280'],
  [['light'], 'bh1750'],
  [['soil moisture'], 'soil-capacitive'],
  [['motion'], 'pir-hc-sr501'],
  [['distance'], 'vl53l0x'],
  [['co2'], 'scd40'],
  [['air quality'], 'sgp30'],
];

function coverage(context: ContextDoc, parts: BomBasis['parts']): Array<[string, string]> {
  const covered = new Set(parts.flatMap((p) => getPart(p.key)?.senses ?? []));
  const chosen: Array<[string, string]> = [];
  for (const [needs, key] of coverFor) {
    const missing = needs.filter((what) => context.sensing.includes(what) && !covered.has(what));
    if (missing.length !== needs.length) continue;
    chosen.push([key, `chosen to sense ${missing.join(', ')}`]);
    for (const what of getPart(key)!.senses) covered.add(what);
  }
  const hasDisplay = parts.some((p) => getPart(p.key)?.category === 'display');
  if (context.display && !hasDisplay) chosen.push(['ssd1306', 'chosen as the display: small, cheap, I2C']);
  return chosen;
}

function unitLines(basis: BomBasis): BomLine[] {
  const lines: BomLine[] = [];
  for (const { key, quantity, reason } of basis.parts) {
    const part = getPart(key);
    if (!part || part.category === 'power') continue;
    if (!perUnit.has(part.category)) {
      lines.push(lineFromPart(part, key, { quantity, reason: reason ?? 'you asked for it', requested: true }));
      continue;
    }
    for (let unit = 1; unit <= quantity; unit++)
      lines.push(
        lineFromPart(part, unit === 1 ? key : `${key}-${unit}`, {
          reason: reason ?? `you asked for ${quantity > 1 ? `${quantity} of them` : 'it'}`,
          requested: true,
        }),
      );
  }
  return lines;
}

function powerLines(basis: BomBasis, lines: BomLine[]): { lines: BomLine[]; supply: string } {
  const board = getBoard(basis.board)!;
  const loads = computeLoads(board, lines);
  const added: BomLine[] = [];
  const add = (key: string, ref: string, reason: string, quantity = 1) =>
    added.push(
      lineFromPart(requirePart(key), ref, { quantity, reason, requested: basis.parts.some((p) => p.key === key) }),
    );
  if (basis.power === 'battery' || basis.power === 'solar') {
    const cell = basis.parts.some((p) => p.key === 'li-ion-18650') ? 'li-ion-18650' : 'lipo-2000';
    add(cell, 'battery', 'battery power, as the context asks');
    if (cell === 'li-ion-18650') add('holder-18650', 'battery-holder', 'holds the 18650 cell');
    add(
      'tp4056',
      'charger',
      basis.power === 'solar'
        ? 'charges the cell from the solar panel, with protection'
        : 'charges the cell over USB, with protection',
    );
    if (basis.power === 'solar') add('solar-6v-2w', 'solar-panel', 'charges the battery in daylight');
    if (board.logicV >= 5) {
      add('mt3608', 'boost-5v', 'lifts the 3.0–4.2 V cell to the 5 V this board needs');
      return { lines: added, supply: `${requirePart(cell).name} → TP4056 → MT3608 boost to 5 V` };
    }
    const regulator = loads['3V3'].peak <= 250 * 0.8 ? 'mcp1700' : 'ap2112k';
    add(
      regulator,
      'regulator',
      `3.3 V from the cell with little dropout and quiescent current (peak ${loads['3V3'].peak} mA)`,
    );
    add('cap-10uf', 'c-regulator', 'input and output capacitors of the regulator', 2);
    if (loads['5V'].peak > 0) add('mt3608', 'boost-5v', `5 V for ${loads['5V'].refs.join(', ')} from the cell`);
    return {
      lines: added,
      supply: `${requirePart(cell).name} → TP4056 → ${requirePart(regulator).mpn} (${requirePart(regulator).supplies!.maxMa} mA) into 3V3`,
    };
  }
  add(
    'usb-supply-5v-2a5',
    'power-supply',
    basis.power === 'unknown' ? 'no power source stated: a 5 V USB supply' : '5 V USB supply for the board',
  );
  let supply = `USB 5 V through the board's ${board.regulator}`;
  if (loads['5V'].peak > board.rails['5V'] * 0.8) {
    add(
      'supply-5v-4a',
      'supply-5v',
      `the 5 V parts peak at ${loads['5V'].peak} mA, more than the board's USB 5 V can pass`,
    );
    supply += '; 5 V parts from a 5 V 4 A supply';
  }
  if (loads['3V3'].peak > board.rails['3V3'] * 0.8) {
    add(
      'ap2112k',
      'regulator-3v3',
      `the 3.3 V parts peak at ${loads['3V3'].peak} mA, more than the board's regulator spares`,
    );
    supply += '; a second 3.3 V regulator (AP2112K) for the sensors';
  }
  return { lines: added, supply };
}

/** `datasheets`: the chat's attached datasheets; a part the catalogue lacks is built from its datasheet when one matches. */
export function buildBom(basis: BomBasis, datasheets: DatasheetPart[] = []): Bom {
  const boardPart = requirePart(basis.board);
  const board = getBoard(basis.board)!;
  const named = basis.parts.length > 0 && basis.board !== defaultBoardKey;
  const boardLine = lineFromPart(boardPart, basis.board, {
    reason:
      named || basis.board !== defaultBoardKey
        ? 'the board you chose'
        : 'no board was named: Wi-Fi, plenty of GPIO and 3.3 V logic',
    requested: basis.board !== defaultBoardKey,
  });
  const units = unitLines(basis);
  const support = supportingLines(basis.board, units);
  const power = powerLines(basis, [boardLine, ...units, ...support]);
  const prototyping = [
    lineFromPart(requirePart('breadboard-830'), 'breadboard', { reason: 'to build it without soldering' }),
    lineFromPart(requirePart('jumper-wires'), 'jumper-wires', { reason: 'to wire it on the breadboard' }),
  ];
  const unknown = basis.unknownParts.map((name) => {
    const datasheet = datasheetFor(name, datasheets);
    return datasheet ? datasheetLine(name, datasheet) : unknownLine(name);
  });
  const lines = [boardLine, ...units, ...support, ...power.lines, ...prototyping, ...unknown];
  const view = { board, boardRef: basis.board, lines, power: basis.power, wifi: basis.wifi };
  const warnings = runBomRules(view);
  const loads = computeLoads(board, lines);
  const path = supplyPath(board, lines);
  return {
    boardRef: basis.board,
    lines: attachWarnings(lines, warnings),
    totals: computeTotals(lines),
    power: {
      supply: power.supply,
      budgetMa: board.logicV >= 5 ? path.capacity5v : path.capacity3v3,
      typicalMa: Math.round((loads['3V3'].typical + loads['5V'].typical) * 10) / 10,
      peakMa: Math.round((loads['3V3'].peak + loads['5V'].peak) * 10) / 10,
    },
    warnings,
    basis,
  };
}

export function renderBomMarkdown(bom: Bom, title: string): string {
  const rows = bom.lines.map((line, index) => {
    const unit = line.unitPrice ? `$${line.unitPrice.amount.toFixed(2)}` : '—';
    const total = line.linePrice ? `$${line.linePrice.amount.toFixed(2)}` : '—';
    const name = line.verified ? line.name : `${line.name} (not in the catalogue)`;
    return `| ${index + 1} | ${name} | ${line.mpn ?? '—'} | ${line.quantity} | ${unit} | ${total} | ${line.reason} |`;
  });
  const open = bom.warnings.filter((w) => !w.resolved && w.severity !== 'info');
  const lines = [
    `# ${title}`,
    '',
    '| # | Part | MPN | Qty | Unit | Line | Why |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `**Total:** $${bom.totals.subtotal.amount.toFixed(2)} ${bom.totals.subtotal.currency} for ${bom.totals.partCount} parts on ${bom.totals.lineCount} lines`,
    `**Power:** ${bom.power.supply}; typical ${bom.power.typicalMa} mA, peak ${bom.power.peakMa} mA, budget ${bom.power.budgetMa} mA`,
  ];
  if (open.length) lines.push('', '## Warnings', ...open.map((w) => `- **${w.message}**: ${w.reason}. Fix: ${w.fix}.`));
  return lines.join('\n');
}

export { shortName };
