// Which language model the agents use: an OpenAI-compatible server by base URL, OpenAI or Anthropic when its key is
// in the environment (validated in lib/env.ts), the offline model otherwise. Defaults follow the providers' current
// models: Anthropic retired claude-sonnet-4-5 on 2026-11-30 (model_prices has the current ones).
import 'server-only';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { parseAgentEnv } from '@/lib/env';
import { createOfflineModel } from './offline-model';

export const defaultModels = { openai: 'gpt-4o-mini', anthropic: 'claude-sonnet-5-5' } as const;

export type ModelChoice = { model: LanguageModelV4; label: string; offline: boolean; paceMs?: number };

export function chooseModel(source: Record<string, string | undefined> = process.env): ModelChoice {
  const env = parseAgentEnv(source);
  if (env.OHM_OPENAI_BASE_URL && env.OHM_OPENAI_MODEL) {
    // Local servers speak Chat Completions, not OpenAI's newer Responses API; most ignore the key.
    const provider = createOpenAI({ baseURL: env.OHM_OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY ?? 'unused' });
    const id = env.OHM_OPENAI_MODEL;
    return { model: provider.chat(id) as LanguageModelV4, label: `openai-compatible/${id}`, offline: false };
  }
  if (env.OPENAI_API_KEY) {
    const id = env.OHM_OPENAI_MODEL ?? defaultModels.openai;
    return {
      model: createOpenAI({ apiKey: env.OPENAI_API_KEY })(id) as LanguageModelV4,
      label: `openai/${id}`,
      offline: false,
    };
  }
  if (env.ANTHROPIC_API_KEY) {
    const id = env.OHM_ANTHROPIC_MODEL ?? defaultModels.anthropic;
    return {
      model: createAnthropic({ apiKey: env.ANTHROPIC_API_KEY })(id) as LanguageModelV4,
      label: `anthropic/${id}`,
      offline: false,
    };
  }
  const model = createOfflineModel({ delayMs: env.OHM_OFFLINE_PACE_MS });
  return { model, label: model.modelId, offline: true, paceMs: env.OHM_OFFLINE_PACE_MS };
}
