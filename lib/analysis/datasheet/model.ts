// With a model key, a model reads the datasheet's pages into the same schema as the offline reader (AI SDK structured
// output); the pages it is shown are marked with their numbers so it can quote them. The caller checks the quotes.
import { generateText, Output } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { datasheetFactsSchema, type DatasheetFacts } from './schema.ts';

/** What a model is shown: the first pages up to this many characters (the facts are at the front of a datasheet). */
const promptChars = 60_000;

export function datasheetPrompt(pages: string[]): string {
  let text = '';
  for (const [index, page] of pages.entries()) {
    const block = `=== page ${index + 1} ===\n${page}\n`;
    if (text.length + block.length > promptChars) break;
    text += block;
  }
  return [
    'Read this electronic part datasheet. Fill in only what the text states; use null or [] for anything it does not.',
    'Every fact needs a quote: words copied exactly from one page, and that page number.',
    'I2C addresses are 7-bit, written 0x00–0x7F. Voltages are in volts, currents in milliamps.',
    '',
    text,
  ].join('\n');
}

export async function extractWithModel({
  model,
  pages,
  abortSignal,
}: {
  model: LanguageModelV4;
  pages: string[];
  abortSignal?: AbortSignal;
}): Promise<{ facts: DatasheetFacts; usage: { input: number; output: number } }> {
  const result = await generateText({
    model,
    output: Output.object({ schema: datasheetFactsSchema }),
    prompt: datasheetPrompt(pages),
    abortSignal,
  });
  return {
    facts: result.output,
    usage: { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 },
  };
}
