// The offline specialist as a turn agent: the design engine's deterministic plan, its reply streamed word by word
// through the offline model. No key, no network; token counts are estimates so usage analytics still add up.
import type { PlanTurnInput, TurnPlan } from '../design/contract';
import { estimateTokens, offlineModelId } from '../offline-model';
import { speakPlannedReply, type TurnAgent } from './runner';

export function createOfflineAgent({
  planTurn,
  delayMs,
}: {
  planTurn: (input: PlanTurnInput) => TurnPlan;
  delayMs?: number;
}): TurnAgent {
  return {
    modelLabel: offlineModelId,
    modelPath: false,
    async plan(input) {
      const plan = planTurn(input);
      const read = input.state.recent.map((m) => m.content).join('\n') + input.message;
      return {
        plan,
        usage: { input: estimateTokens(read), output: estimateTokens(plan.reply), cacheRead: 0, cacheWrite: 0 },
      };
    },
    speak: (plan, _input, abortSignal) => speakPlannedReply(plan, abortSignal, delayMs),
  };
}
