// planTurn: the offline design engine's entry point. Given the user's message, the orchestrator's intent and the
// project state, one specialist decides the reply, the artifact versions to write and the stale marks to set or clear.
// Pure and deterministic: no I/O, no clock, no randomness, so the same state and message always plan the same turn.
import type { PlanTurnInput, TurnPlan } from './contract';
import { planBom } from './agent-bom';
import { planCode, planWiring } from './agent-build';
import { planChat, planContext, planDocument } from './agent-context';
import { planBudget } from './budget';

export function planTurn(input: PlanTurnInput): TurnPlan {
  const plan = dispatch(input);
  return { ...plan, reply: plainFirstLine(plan.reply) };
}

/** The reply's first line doubles as its plain-text preview (snippets, notifications): no markdown marks in it. */
function plainFirstLine(reply: string): string {
  const [first, ...rest] = reply.split('\n');
  return [first.replace(/\*\*|`/g, ''), ...rest].join('\n');
}

function dispatch(input: PlanTurnInput): TurnPlan {
  switch (input.intent) {
    case 'CONTEXT':
      return planContext(input);
    case 'MVP':
      return planDocument(input, 'mvp');
    case 'PRD':
      return planDocument(input, 'prd');
    case 'BOM':
      return planBom(input);
    case 'WIRING':
      return planWiring(input);
    case 'CODE':
      return planCode(input);
    case 'BUDGET':
      return planBudget(input);
    default:
      return planChat(input);
  }
}

/** The empty project state: a chat with no project and no artifacts yet. */
export const emptyProjectState = { project: null, artifacts: {}, recent: [] } satisfies PlanTurnInput['state'];
