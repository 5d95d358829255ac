// Which turn agent answers: the offline specialists of the design engine (no key) or the model path on the
// configured provider, checked by the engine's verifyArtifact; and the orchestrator's classifier. The route takes
// its turn agent from here.
import 'server-only';
import { planTurn } from '../design/plan';
import { verifyArtifact } from '../design/verify';
import { classifyIntent } from '../intent';
import { chooseModel } from '../model';
import { createModelAgent } from './model-agent';
import { createOfflineAgent } from './offline-agent';
import type { Classify, TurnAgent } from './runner';

export const classifyTurn: Classify = (message, state) => ({
  intent: classifyIntent(message, state),
  reason: state.project ? 'rules, with the project state' : 'rules',
});

export function chooseTurnAgent(env: Record<string, string | undefined> = process.env): TurnAgent {
  const choice = chooseModel(env);
  if (choice.offline) return createOfflineAgent({ planTurn, delayMs: choice.paceMs });
  return createModelAgent({ model: choice.model, modelLabel: choice.label, verify: verifyArtifact });
}
