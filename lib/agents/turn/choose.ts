// Which turn agent answers: the offline specialists of the design engine (no key) or the model path on the
// configured provider, checked by the engine's verifyArtifact; and the orchestrator's classifier. The route takes
// its turn agent from here, and the external agent service an intent is handed to (OHM_AGENT_SERVICES), if any.
import 'server-only';
import { parseAgentEnv } from '@/lib/env';
import type { TurnIntent } from '../design/contract';
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

/** The registered agent service that answers `intent` instead of the in-process specialists, or null. */
export function externalServiceFor(
  intent: TurnIntent,
  env: Record<string, string | undefined> = process.env,
): string | null {
  const pairs = parseAgentEnv(env).OHM_AGENT_SERVICES?.split(',') ?? [];
  const pair = pairs.map((p) => p.trim().split('=')).find(([name]) => name === intent);
  return pair?.[1] ?? null;
}
