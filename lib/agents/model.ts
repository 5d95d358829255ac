// Which language model the agents use: a real provider when its key is in the environment, the offline model otherwise.
import 'server-only';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOfflineModel } from './offline-model';

export type ModelChoice = { model: LanguageModelV4; label: string };

export function chooseModel(env: NodeJS.ProcessEnv = process.env): ModelChoice {
  if (env.OPENAI_API_KEY) {
    const id = env.OHM_OPENAI_MODEL ?? 'gpt-4o-mini';
    return { model: createOpenAI({ apiKey: env.OPENAI_API_KEY })(id) as LanguageModelV4, label: `openai/${id}` };
  }
  if (env.ANTHROPIC_API_KEY) {
    const id = env.OHM_ANTHROPIC_MODEL ?? 'claude-sonnet-4-5';
    return {
      model: createAnthropic({ apiKey: env.ANTHROPIC_API_KEY })(id) as LanguageModelV4,
      label: `anthropic/${id}`,
    };
  }
  const model = createOfflineModel();
  return { model, label: model.modelId };
}
