// Writes an agent's reply as it streams: saved at once as `streaming`, updated in throttled steps, finished as
// `complete` with model and token counts, or `interrupted` with what was said so far. Uses the agents' write path.
// Every save is conditional on the reply still being `streaming`: Stop (public.stop_reply) and the stale-reply
// rule (public.interrupt_stale_replies) are status changes, and the writer ends at its next save when it sees one.
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { LanguageModelUsage } from 'ai';
import type { Database } from '@/lib/supabase/database.types';
import { fromPostgrestError } from '@/lib/errors';
import { createServiceClient } from '@/lib/supabase/service';
import { streamAgentReply, type HistoryMessage, type Route } from './orchestrator';
import { agents } from './registry';
import { createThrottledSaver } from './throttled-saver';

/** A streaming reply is saved at least this often even when the model is silent; see private.reply_stale_after(). */
export const heartbeatMs = 5_000;

export type ReplyTarget = { chatId: string; replyTo: string; history: HistoryMessage[]; route: Route };

/** What a reply streams: by default the model answering the history; an agent turn brings its own stream. */
export type ReplyStream = { textStream: AsyncIterable<string>; usage: PromiseLike<LanguageModelUsage> };
export type ReplyRun = {
  model: LanguageModelV4;
  signal?: AbortSignal;
  onDelta?: (delta: string) => void;
  stream?: (abortSignal: AbortSignal) => ReplyStream;
  /**
   * Finishes the reply instead of the plain `complete` update (an agent turn saves its versions in the same
   * transaction); 'stopped' when the reply had already been ended by someone else.
   */
  finish?: (text: string, usage: LanguageModelUsage) => Promise<'complete' | 'stopped'>;
};
export type ReplyResult = { id: string; status: 'complete' | 'interrupted'; text: string };

/**
 * Saves the empty `streaming` reply (so every tab sees it at once) and returns it with `run`, which streams the
 * model into it. `key` makes a regeneration idempotent; the first reply to a message has one key, so two tabs
 * cannot both answer it.
 */
export async function beginAgentReply(target: ReplyTarget & { modelLabel: string; key?: string }) {
  const service = createServiceClient();
  const agent = agents[target.route.agent];
  const { data: message, error } = await service
    .from('messages')
    .insert({
      chat_id: target.chatId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      parent_id: target.replyTo,
      agent_name: target.route.agent,
      agent_model: target.modelLabel,
      agent_icon: agent.icon,
      intent: target.route.intent,
      idempotency_key: target.key ?? `reply:${target.replyTo}`,
    })
    .select('id, sequence_number')
    .single();
  // The first reply to a message has one key: a second writer (another tab) is refused as a conflict.
  if (error) throw fromPostgrestError(error, 'message', { conflict: 'This message already has a reply.' });

  const run = async (options: ReplyRun): Promise<ReplyResult> => {
    const stop = new AbortController();
    let stopped = false;
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort);
    /** Saves while the reply is still streaming; false (and the model stops) once someone ended it. */
    const update = async (fields: Database['public']['Tables']['messages']['Update']) => {
      const { data, error: updateError } = await service
        .from('messages')
        .update(fields)
        .eq('id', message.id)
        .eq('chat_id', target.chatId)
        .eq('status', 'streaming')
        .select('id');
      if (updateError) throw fromPostgrestError(updateError, 'message');
      if (data.length === 0) {
        stopped = true;
        stop.abort();
      }
    };
    const saver = createThrottledSaver((content) => update({ content }));
    const heartbeat = setInterval(() => saver.touch(), heartbeatMs);
    let text = '';
    try {
      const result =
        options.stream?.(stop.signal) ??
        streamAgentReply({ model: options.model, history: target.history, abortSignal: stop.signal });
      for await (const delta of result.textStream) {
        text += delta;
        options.onDelta?.(delta);
        saver.push(text);
      }
      if (stopped) return { id: message.id, status: 'interrupted', text };
      const usage = await result.usage;
      await saver.finish();
      if (options.finish) {
        const finished = await options.finish(text, usage);
        return { id: message.id, status: finished === 'stopped' ? 'interrupted' : 'complete', text };
      }
      await update({
        content: text,
        status: 'complete',
        input_tokens: usage.inputTokens ?? 0,
        output_tokens: usage.outputTokens ?? 0,
      });
      return { id: message.id, status: stopped ? 'interrupted' : 'complete', text };
    } catch (failure) {
      await saver.finish().catch(() => {});
      if (stopped) return { id: message.id, status: 'interrupted', text };
      const aborted = stop.signal.aborted;
      await update({ content: text, status: aborted ? 'interrupted' : 'error' });
      if (aborted) return { id: message.id, status: 'interrupted', text };
      throw failure;
    } finally {
      clearInterval(heartbeat);
      options.signal?.removeEventListener('abort', onAbort);
    }
  };
  return { id: message.id, sequenceNumber: Number(message.sequence_number), run };
}
