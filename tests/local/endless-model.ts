// A model that streams a word every 50 ms until told to finish: a reply that stays `streaming` for as long as a
// test needs (a database restart drill), then ends normally with usage.
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';

export function endlessModel() {
  let finished = false;
  const model: LanguageModelV4 = {
    specificationVersion: 'v4',
    provider: 'test',
    modelId: 'test/endless',
    supportedUrls: {},
    async doGenerate() {
      throw new Error('the endless model only streams');
    },
    async doStream(call) {
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'text-start', id: 'text-0' });
          for (let i = 0; !finished && !call.abortSignal?.aborted; i++) {
            controller.enqueue({ type: 'text-delta', id: 'text-0', delta: `word${i} ` });
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          controller.enqueue({ type: 'text-end', id: 'text-0' });
          controller.enqueue({
            type: 'finish',
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: {
              inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 1, text: 1, reasoning: 0 },
            },
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
  return {
    model,
    finish: () => {
      finished = true;
    },
  };
}
