// Turns a specialist's plan into the document public.complete_agent_turn saves: every write's content_json parsed
// with the design contract's schema for its type (a broken shape never reaches the database), and the project rows
// each version owns (a BOM's parts, a wiring's connections by BOM line ref, a code version's files).
import { contentSchemaByType, type ArtifactWrite, type TurnIntent, type TurnPlan } from '../design/contract';
import { rowsForWrite } from '../design/rows';
import { agents } from '../registry';

export type TurnUsage = { input: number; output: number; cacheRead: number; cacheWrite: number };
export type TurnRoute = { intent: TurnIntent; agent: TurnPlan['agent']; reason: string; modelPath: boolean };

export class InvalidArtifactError extends Error {
  constructor(
    readonly type: ArtifactWrite['type'],
    readonly issues: string,
  ) {
    super(`the ${type} the agent wrote does not match its shape: ${issues}`);
  }
}

const phaseByIntent: Partial<Record<TurnIntent, 'ideation' | 'parts' | 'assembly' | 'code'>> = {
  BOM: 'parts',
  BUDGET: 'parts',
  WIRING: 'assembly',
  CODE: 'code',
};

function writeDocument(write: ArtifactWrite) {
  const parsed = contentSchemaByType[write.type].safeParse(write.contentJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArtifactError(write.type, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return {
    type: write.type,
    title: write.title,
    base: write.base,
    content: write.content,
    contentJson: parsed.data,
    changeSummary: write.changeSummary,
    // parts carry their BOM line `ref`; connections name their ends by ref (complete_agent_turn resolves them).
    ...rowsForWrite({ type: write.type, contentJson: parsed.data }),
  };
}

export function buildTurnDocument({
  plan,
  content,
  model,
  usage,
  route,
  goal,
}: {
  plan: TurnPlan;
  content: string;
  model: string;
  usage: TurnUsage;
  route: TurnRoute;
  goal: string;
}) {
  const writes = plan.question ? [] : plan.writes.map(writeDocument);
  const budget = plan.writes.find((w) => w.type === 'context')?.contentJson as { budget?: unknown } | undefined;
  return {
    content,
    agent: { name: plan.agent, model, icon: agents[plan.agent].icon },
    intent: plan.intent,
    usage,
    route,
    phase: writes.length > 0 ? (phaseByIntent[plan.intent] ?? null) : null,
    project: { name: plan.projectName, goal: goal.slice(0, 5000), budget: budget?.budget ?? null },
    writes,
    stale: plan.question ? [] : plan.stale,
  };
}
