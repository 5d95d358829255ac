// An AI SDK language model of our own that needs no API key: it streams the offline agent's deterministic reply
// word by word, so the whole reply path (streaming, throttled saves, stop) works on a laptop and in CI.
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { classifyIntent } from './intent';
import { composeOfflineReply } from './offline-reply';

export const offlineModelId = 'ohm/offline-1';

function lastUserText(options: LanguageModelV4CallOptions): string {
  for (let i = options.prompt.length - 1; i >= 0; i--) {
    const message = options.prompt[i];
    if (message.role === 'user') {
      return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    }
  }
  return '';
}

function promptText(options: LanguageModelV4CallOptions): string {
  return options.prompt
    .map((m) =>
      typeof m.content === 'string' ? m.content : m.content.map((p) => ('text' in p ? p.text : '')).join(''),
    )
    .join('\n');
}

/** Rough token count (≈ 4 characters a token), enough for usage analytics of an offline model. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * `reply` makes the model stream that text (an offline specialist's planned reply) whatever it is asked; without
 * it, it answers the last user message as the conversational agent.
 */
export function createOfflineModel(options: { delayMs?: number; reply?: string } = {}): LanguageModelV4 {
  const delayMs = options.delayMs ?? 12;
  const replyTo = (call: LanguageModelV4CallOptions) => {
    if (options.reply !== undefined) return options.reply;
    const user = lastUserText(call);
    return composeOfflineReply(user, classifyIntent(user));
  };
  const usageFor = (input: string, output: string) => ({
    inputTokens: { total: estimateTokens(input), noCache: estimateTokens(input), cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: estimateTokens(output), text: estimateTokens(output), reasoning: 0 },
  });
  return {
    specificationVersion: 'v4',
    provider: 'ohm',
    modelId: offlineModelId,
    supportedUrls: {},
    async doGenerate(call) {
      const text = replyTo(call);
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usageFor(promptText(call), text),
        warnings: [],
      };
    },
    async doStream(call) {
      const text = replyTo(call);
      const words = text.match(/\S+\s*|\s+/g) ?? [];
      const signal = call.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'response-metadata', modelId: offlineModelId, timestamp: new Date() });
          controller.enqueue({ type: 'text-start', id: 'text-0' });
          for (const word of words) {
            if (signal?.aborted) break;
            controller.enqueue({ type: 'text-delta', id: 'text-0', delta: word });
            if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          }
          controller.enqueue({ type: 'text-end', id: 'text-0' });
          controller.enqueue({
            type: 'finish',
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: usageFor(promptText(call), text),
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
}
