// Every BOM rule in one pass, in a fixed order so the same design always yields the same warnings.
import type { DesignWarning } from '../contract';
import { checkCurrentBudget } from './budget';
import { checkI2cAddresses, checkPullUps, checkTiming } from './buses';
import { checkDrivers, checkLogicLevels, checkSupplyVoltages } from './levels';
import type { DesignView } from './types';

export { checkPinAssignments, checkPinConflicts, checkPinUse, type PinUse } from './pins';
export { logicMismatch } from './levels';
export type { DesignView } from './types';

export function runBomRules(view: DesignView): DesignWarning[] {
  return [
    ...checkLogicLevels(view),
    ...checkSupplyVoltages(view),
    ...checkDrivers(view),
    ...checkI2cAddresses(view),
    ...checkPullUps(view),
    ...checkCurrentBudget(view),
    ...checkTiming(view),
  ];
}
