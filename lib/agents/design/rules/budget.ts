// The current budget: what each rail carries at peak (Wi-Fi transmit bursts, servo stalls, LED strips at full white)
// against what its regulator or supply can give.
import { computeLoads, supplyPath } from '../power';
import type { DesignWarning } from '../contract';
import { warning, type DesignView } from './types';

const headroom = 0.8; // plan for 80 % of a regulator's or supply's rating

export function checkCurrentBudget(view: DesignView): DesignWarning[] {
  const found: DesignWarning[] = [];
  const loads = computeLoads(view.board, view.lines);
  const path = supplyPath(view.board, view.lines);
  const rails: Array<['3V3' | '5V', number, string]> = [
    ['3V3', path.capacity3v3, path.source3v3],
    ['5V', path.capacity5v, path.source5v],
  ];
  for (const [rail, capacity, source] of rails) {
    const load = loads[rail];
    if (load.peak === 0 || load.peak <= capacity * headroom) continue;
    const needed = Math.ceil((load.peak / headroom) * 1.0);
    found.push(
      warning(
        'current-budget',
        'error',
        {
          message: `the ${rail} rail peaks at ${load.peak} mA; ${source} gives ${capacity} mA`,
          reason: `peaks (Wi-Fi transmit, servo stalls, LEDs at full white) above 80 % of the rating brown the board out and reset it`,
          fix:
            rail === '5V'
              ? `feed the 5 V parts from a 5 V supply of at least ${needed} mA (the 5 V 4 A supply), grounds joined`
              : `use a 3.3 V regulator rated for at least ${needed} mA (AP2112K: 600 mA) or move parts to 5 V`,
        },
        load.refs.filter((ref) => ref !== view.boardRef),
        { pins: [rail] },
      ),
    );
  }
  return found;
}
