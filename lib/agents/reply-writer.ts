// Writes an agent's reply as it streams: saved at once as `streaming`, updated in throttled steps, finished as
// `complete` with model and token counts, or `interrupted` with what was said so far. Uses the agents' write path.
// Every save is conditional on the reply still being `streaming`: Stop (public.stop_reply) and the stale-reply
// rule (public.interrupt_stale_replies) are status changes, and the writer ends at its next save when it sees one.
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { LanguageModelUsage } from 'ai';
import type { Database } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import { streamAgentReply, type HistoryMessage, type Route } from './orchestrator';
import { agents } from './registry';

export const saveIntervalMs = 250;
/** A streaming reply is saved at least this often even when the model is silent; see private.reply_stale_after(). */
export const heartbeatMs = 5_000;

export type ReplyTarget = { chatId: string; replyTo: string; history: HistoryMessage[]; route: Route };

export class ReplyConflict extends Error {}

/**
 * A throttle that saves at most once per interval and always saves the last value; `touch` saves it again. The first
 * text is saved at once (leading edge), so other tabs see a reply begin without waiting a whole interval.
 */
export function createThrottledSaver(save: (text: string) => Promise<void>, intervalMs = saveIntervalMs) {
  let latest = '';
  let saved = '';
  let lastSaveAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> = Promise.resolve();
  const enqueue = (text: string) => {
    lastSaveAt = Date.now();
    inflight = inflight
      .then(() => save(text))
      .then(() => {
        saved = text;
      });
    return inflight;
  };
  const flush = () => {
    timer = null;
    if (latest === saved) return inflight;
    return enqueue(latest);
  };
  return {
    push(text: string) {
      latest = text;
      if (timer) return;
      const wait = lastSaveAt + intervalMs - Date.now();
      if (wait <= 0) void flush().catch(() => {});
      else timer = setTimeout(flush, wait);
    },
    /** A heartbeat: saves the latest text even when unchanged, unless a save is already due. */
    touch() {
      if (!timer) void enqueue(latest).catch(() => {});
    },
    async finish() {
      if (timer) clearTimeout(timer);
      timer = null;
      await inflight;
    },
  };
}

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
  if (error) {
    if (error.code === '23505') throw new ReplyConflict('This message already has a reply.');
    throw new Error(`could not start the reply: ${error.message}`);
  }

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
      if (updateError) throw new Error(`could not save the reply: ${updateError.message}`);
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

export async function writeAgentReply(options: ReplyTarget & ReplyRun & { modelLabel: string; key?: string }) {
  const reply = await beginAgentReply(options);
  return reply.run(options);
}
