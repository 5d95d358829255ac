// Replays a conversation through the orchestrator's classifier and the offline engine, the way the turn runner does,
// checking every write against the contract's schemas.
import { describe, it } from 'vitest';
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

export const station = 'Build an ESP32 weather station with a BME280 and an OLED';

export const rulesOf = (r: Pick<Replayed, 'state'>) =>
  r.state.artifacts.bom?.json.warnings.map((w) => `${w.rule}:${w.resolved ? 'ok' : 'open'}`) ?? [];

/** One row of a prompt table: a conversation and what its last turn must have decided. */
export type Row = { name: string; say: string[]; expect: (r: Replayed) => void };

export function runRows(title: string, rows: Row[]) {
  describe(title, () => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => row.expect(replay(row.say)));
  });
}
