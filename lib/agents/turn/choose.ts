// Which turn agent answers: the offline specialists (no key) or the model path on the configured provider, with
// the orchestrator's classifier. The route and the bench take their turn agent from here.
import 'server-only';
import type { PlanTurnInput, TurnPlan } from '../design/contract';
import { classifyIntent } from '../intent';
import { chooseModel } from '../model';
import { composeOfflineReply } from '../offline-reply';
import { specialistByIntent } from '../registry';
import { createModelAgent, type VerifyArtifact } from './model-agent';
import { createOfflineAgent } from './offline-agent';
import type { Classify, TurnAgent } from './runner';

/** Until the design engine's planTurn lands: the conversational answer, no artifact. */
function conversationalPlan(input: PlanTurnInput): TurnPlan {
  return {
    intent: input.intent,
    agent: specialistByIntent[input.intent],
    reply: composeOfflineReply(input.message, 'CHAT'),
    writes: [],
    stale: [],
    projectName: null,
    question: true,
  };
}

/** Until the engine's verifyArtifact lands the contract's schema (applied when saving) is the only check. */
const acceptArtifact: VerifyArtifact = (_type, json) => ({ ok: true, json });

export const classifyTurn: Classify = (message, state) => ({
  intent: classifyIntent(message),
  reason: state.project ? 'rules, with the project state' : 'rules',
});

export function chooseTurnAgent(env: Record<string, string | undefined> = process.env): TurnAgent {
  const choice = chooseModel(env);
  if (choice.offline) return createOfflineAgent({ planTurn: conversationalPlan, delayMs: choice.paceMs });
  return createModelAgent({ model: choice.model, modelLabel: choice.label, verify: acceptArtifact });
}
