// applyTurnPlan: the project state after a plan's writes and stale marks, computed in memory. The unit tests and
// the bench replay conversations with it; the turn runner does the same against the database.
import { contentSchemaByType, type ArtifactSnapshot, type ProjectState, type TurnPlan } from './contract';

export function applyTurnPlan(
  state: ProjectState,
  plan: TurnPlan,
  message: string,
  newId: (type: string) => string = (t) => `${t}-artifact`,
): ProjectState {
  const next: ProjectState = {
    project:
      state.project ??
      (plan.projectName ? { id: 'project', name: plan.projectName, goal: null, targetBudget: null } : null),
    artifacts: { ...state.artifacts },
    recent: [...state.recent, { role: 'user', content: message }, { role: 'assistant', content: plan.reply }],
  };
  const artifacts = next.artifacts as Record<string, ArtifactSnapshot<unknown> | undefined>;
  for (const write of plan.writes) {
    const json = contentSchemaByType[write.type].parse(write.contentJson);
    const current = artifacts[write.type];
    if (write.base && current?.version !== write.base.expectedVersion)
      throw new Error(`${write.type}: expected version ${write.base.expectedVersion}, have ${current?.version}`);
    artifacts[write.type] = {
      artifactId: current?.artifactId ?? newId(write.type),
      title: write.title,
      version: (current?.version ?? 0) + 1,
      content: write.content,
      json,
      stale: null,
    };
  }
  for (const { artifactId, mark } of plan.stale)
    for (const [type, snapshot] of Object.entries(artifacts))
      if (snapshot?.artifactId === artifactId) artifacts[type] = { ...snapshot, stale: mark };
  return next;
}
