// Writes an agent's reply as it streams: saved at once as `streaming`, updated in throttled steps, finished as
// `complete` with model and token counts, or `interrupted` with what was said so far. Uses the agents' write path.
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { Database } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import { streamAgentReply, type HistoryMessage, type Route } from './orchestrator';
import { agents } from './registry';

export const saveIntervalMs = 250;

export type ReplyTarget = { chatId: string; replyTo: string; history: HistoryMessage[]; route: Route };

export class ReplyConflict extends Error {}

/**
 * A throttle that saves at most once per interval and always saves the last value. The first text is saved at once
 * (leading edge), so other tabs see the reply begin without waiting a whole interval.
 */
export function createThrottledSaver(save: (text: string) => Promise<void>, intervalMs = saveIntervalMs) {
  let latest = '';
  let saved = '';
  let lastFlushAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    if (latest === saved) return inflight;
    lastFlushAt = Date.now();
    const text = latest;
    inflight = inflight.then(() => save(text)).then(() => {
      saved = text;
    });
    return inflight;
  };
  return {
    push(text: string) {
      latest = text;
      if (timer) return;
      const wait = lastFlushAt + intervalMs - Date.now();
      if (wait <= 0) void flush();
      else timer = setTimeout(flush, wait);
    },
    async finish() {
      if (timer) clearTimeout(timer);
      timer = null;
      await inflight;
    },
  };
}

export async function writeAgentReply(options: ReplyTarget & { model: LanguageModelV4; modelLabel: string; signal?: AbortSignal; onDelta?: (delta: string) => void }) {
  const service = createServiceClient();
  const agent = agents[options.route.agent];
  const { data: message, error } = await service
    .from('messages')
    .insert({
      chat_id: options.chatId, role: 'assistant', content: '', status: 'streaming', parent_id: options.replyTo,
      agent_name: options.route.agent, agent_model: options.modelLabel, agent_icon: agent.icon, intent: options.route.intent,
      idempotency_key: `reply:${options.replyTo}`,
    })
    .select('id, sequence_number')
    .single();
  if (error) {
    if (error.code === '23505') throw new ReplyConflict('This message already has a reply.');
    throw new Error(`could not start the reply: ${error.message}`);
  }
  const update = async (fields: Database['public']['Tables']['messages']['Update']) => {
    const { error: updateError } = await service.from('messages').update(fields).eq('id', message.id).eq('chat_id', options.chatId);
    if (updateError) throw new Error(`could not save the reply: ${updateError.message}`);
  };
  const saver = createThrottledSaver((content) => update({ content }));
  let text = '';
  try {
    const result = streamAgentReply({ model: options.model, history: options.history, abortSignal: options.signal });
    for await (const delta of result.textStream) {
      text += delta;
      options.onDelta?.(delta);
      saver.push(text);
    }
    const usage = await result.usage;
    await saver.finish();
    await update({ content: text, status: 'complete', input_tokens: usage.inputTokens ?? 0, output_tokens: usage.outputTokens ?? 0 });
    return { id: message.id, status: 'complete' as const, text };
  } catch (failure) {
    await saver.finish().catch(() => {});
    const aborted = options.signal?.aborted ?? false;
    await update({ content: text, status: aborted ? 'interrupted' : 'error' });
    if (aborted) return { id: message.id, status: 'interrupted' as const, text };
    throw failure;
  }
}
