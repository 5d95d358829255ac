// The orchestrator's routing (intent → specialist) and the plain streamed reply of a model answering the history.
// A reply in the app is an agent turn (lib/agents/turn/runner), which routes with the project state as well.
import { streamText, type ModelMessage } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { TurnIntent } from './design/contract';
import { classifyIntent } from './intent';
import { specialistByIntent, type AgentName } from './registry';

export type Route = { intent: TurnIntent; agent: AgentName };

export function routeMessage(text: string): Route {
  const intent = classifyIntent(text);
  return { intent, agent: specialistByIntent[intent] };
}

const systemPrompt = [
  'You are OHM, an assistant that helps makers build hardware projects: parts, wiring and firmware.',
  'Answer in Markdown. Be concrete: part names, voltages, pins, libraries. Keep safety in mind for mains and batteries.',
].join(' ');

export type HistoryMessage = { role: 'user' | 'assistant' | 'system'; content: string };

export function streamAgentReply(options: {
  model: LanguageModelV4;
  history: HistoryMessage[];
  abortSignal?: AbortSignal;
}) {
  const messages: ModelMessage[] = options.history
    .filter((m) => m.role !== 'system' && m.content.trim() !== '')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
  return streamText({ model: options.model, system: systemPrompt, messages, abortSignal: options.abortSignal });
}
