// Replays a conversation through the orchestrator's classifier and the offline engine, the way the turn runner does,
// checking every write against the contract's schemas.
import { classifyIntent } from '@/lib/agents/intent';
import { applyTurnPlan } from '@/lib/agents/design/apply';
import { contentSchemaByType, type ProjectState, type TurnPlan } from '@/lib/agents/design/contract';
import { emptyProjectState, planTurn } from '@/lib/agents/design/plan';

export type Replayed = { plan: TurnPlan; state: ProjectState; before: ProjectState };

export function replay(messages: string[]): Replayed {
  let state: ProjectState = emptyProjectState;
  let before = state;
  let plan: TurnPlan | null = null;
  for (const message of messages) {
    plan = planTurn({ message, intent: classifyIntent(message, state), state });
    for (const write of plan.writes) contentSchemaByType[write.type].parse(write.contentJson);
    if (plan.question && plan.writes.length) throw new Error('a question must not write');
    before = state;
    state = applyTurnPlan(state, plan, message);
  }
  return { plan: plan!, state, before };
}

export function bomKeys(state: ProjectState): string[] {
  return state.artifacts.bom?.json.lines.map((line) => line.catalogueKey ?? `?${line.name}`) ?? [];
}

export function pinOf(state: ProjectState, ref: string, partPin: string): string | undefined {
  return state.artifacts.wiring?.json.pinAssignments.find((a) => a.ref === ref && a.function.startsWith(`${partPin} (`))
    ?.boardPin;
}
