// What an AI SDK mock model (MockLanguageModelV4) answers: one text part, a normal stop and token counts.
export const generatedText = (text: string, usage = { input: 100, output: 30 }) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: {
    inputTokens: { total: usage.input, noCache: usage.input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: usage.output, text: usage.output, reasoning: 0 },
  },
  warnings: [],
});
