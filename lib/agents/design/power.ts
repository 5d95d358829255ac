// Where each part takes its power from and how much the rails carry: shared by the BOM generator (to size the
// supply) and the current-budget rule (to check whoever wrote the BOM).
import type { Board, CataloguePart } from '../catalogue';
import type { BomLine } from './contract';
import { partOf } from './bom-lines';

export type Rail = '3V3' | '5V' | 'external';
export type Load = { typical: number; peak: number; refs: string[] };
export type Loads = Record<Rail, Load>;

/** The rail a part is wired to: its stated need, else 3.3 V on 3.3 V boards and 5 V on 5 V boards when it can. */
export function railOf(part: CataloguePart, board: Board): Rail {
  if (part.needs.supplyRail) return part.needs.supplyRail;
  const { min, max } = part.supplyV;
  if (board.logicV >= 5) return max >= 4.75 ? '5V' : '3V3';
  if (min <= 3.3 && max >= 3.3) return '3V3';
  if (min <= 5 && max >= 5) return '5V';
  return 'external';
}

/** Parts that draw from a rail: not passives, supplies, breadboards or the motors behind a driver. */
function draws(part: CataloguePart): boolean {
  return !['passive', 'prototyping', 'power'].includes(part.category) && part.interface !== 'none';
}

export function computeLoads(board: Board, lines: BomLine[]): Loads {
  const loads: Loads = {
    '3V3': { typical: 0, peak: 0, refs: [] },
    '5V': { typical: 0, peak: 0, refs: [] },
    external: { typical: 0, peak: 0, refs: [] },
  };
  for (const line of lines) {
    const part = partOf(line);
    if (!part) {
      // A part built from its datasheet draws its typical current from 3V3 when its supply range allows, else 5V.
      const supply = line.datasheet?.supplyV;
      if (!line.currentMa || !supply) continue;
      const rail = supply.min <= 3.3 && supply.max >= 3.3 && board.logicV < 5 ? '3V3' : '5V';
      loads[rail].typical += line.currentMa.typical * line.quantity;
      loads[rail].peak += line.currentMa.peak * line.quantity;
      loads[rail].refs.push(line.ref);
      continue;
    }
    if (part.category === 'mcu') {
      const rail = board.logicV >= 5 ? '5V' : '3V3';
      loads[rail].typical += part.currentMa.typical;
      loads[rail].peak += part.currentMa.peak;
      loads[rail].refs.push(line.ref);
      continue;
    }
    if (!draws(part) && !part.needs.driver) continue;
    const rail = part.needs.driver ? 'external' : railOf(part, board);
    loads[rail].typical += part.currentMa.typical * line.quantity;
    loads[rail].peak += part.currentMa.peak * line.quantity;
    loads[rail].refs.push(line.ref);
  }
  for (const load of Object.values(loads)) {
    load.typical = Math.round(load.typical * 10) / 10;
    load.peak = Math.round(load.peak * 10) / 10;
  }
  return loads;
}

export type SupplyPath = { capacity3v3: number; capacity5v: number; source3v3: string; source5v: string };

/** What the BOM's supply lines can give on each rail; the board's own regulator when none is listed. */
export function supplyPath(board: Board, lines: BomLine[]): SupplyPath {
  const supplies = lines.flatMap((line) => {
    const part = partOf(line);
    return part?.supplies ? [{ line, part, supplies: part.supplies }] : [];
  });
  const regulator = supplies.find((s) => s.supplies.volts === 3.3);
  const fiveVolt = supplies
    .filter((s) => s.supplies.volts === 5 && s.part.key !== 'usb-supply-5v-2a5')
    .sort((a, b) => b.supplies.maxMa - a.supplies.maxMa)[0];
  const battery = supplies.some((s) => s.part.supplies?.capacityMah);
  return {
    capacity3v3: regulator ? regulator.supplies.maxMa : board.rails['3V3'],
    source3v3: regulator ? regulator.part.name : `the board's ${board.regulator}`,
    capacity5v: fiveVolt ? fiveVolt.supplies.maxMa : battery ? 0 : board.rails['5V'],
    source5v: fiveVolt ? fiveVolt.part.name : battery ? 'nothing (a battery gives no 5 V)' : "the board's USB 5 V",
  };
}
