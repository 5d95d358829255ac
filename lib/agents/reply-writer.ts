// Writes an agent's reply as it streams: saved at once as `streaming`, updated in throttled steps, finished as
// `complete` with model and token counts, or `interrupted` with what was said so far. Uses the agents' write path.
// Every save is conditional on the reply still being `streaming`: Stop (public.stop_reply) and the stale-reply
// rule (public.interrupt_stale_replies) are status changes, and the writer ends at its next save when it sees one.
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { LanguageModelUsage } from 'ai';
import { fromPostgrestError } from '@/lib/errors';
import type { Database } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import { SaveFailed, saveWithRetry } from './reply-saves';
import { streamAgentReply, type HistoryMessage, type Route } from './orchestrator';
import { agents } from './registry';
import { createThrottledSaver } from './throttled-saver';

/** A streaming reply is saved at least this often even when the model is silent; see private.reply_stale_after(). */
export const heartbeatMs = 5_000;
/**
 * When saves have failed for this long the reply gives up and ends `interrupted` with what was saved: well inside
 * private.reply_stale_after() (30 s), so the asking tab hears the end before the stale rule would settle it.
 */
export const giveUpAfterMs = 15_000;
/** The last save (the final text and status) gets a longer run of retries than the throttled ones. */
const finalSaveBackoffMs = [250, 500, 1_000, 2_000, 3_000, 4_000];

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
    let savedText = '';
    let failingSince: number | null = null;
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort);
    type Fields = Database['public']['Tables']['messages']['Update'];
    /** Saves while the reply is still streaming; false (and the model stops) once someone ended it. */
    const update = async (fields: Fields, backoffMs?: number[]) => {
      const { data, attempts } = await saveWithRetry(
        (signal) =>
          service
            .from('messages')
            .update(fields)
            .eq('id', message.id)
            .eq('chat_id', target.chatId)
            .eq('status', 'streaming')
            .select('id')
            .abortSignal(signal),
        { backoffMs },
      );
      if (data.length === 0) {
        // A retried final save may have been applied by an attempt whose answer was lost: then it is done.
        if (!(attempts > 1 && fields.status && (await statusOf()) === fields.status)) {
          stopped = true;
          stop.abort();
          return;
        }
      }
      if (fields.content !== undefined) savedText = fields.content ?? '';
    };
    const statusOf = async () =>
      (await service.from('messages').select('status').eq('id', message.id).maybeSingle()).data?.status;
    const saver = createThrottledSaver(async (content) => {
      try {
        await update({ content });
        failingSince = null;
      } catch (error) {
        failingSince ??= Date.now();
        throw error;
      }
    });
    /** Ends the reply as `interrupted` with what it said, saved if the database lets it; never throws. */
    const interrupt = async (text: string): Promise<ReplyResult> => {
      await update({ content: text, status: 'interrupted' }, finalSaveBackoffMs).catch(() => {});
      return { id: message.id, status: 'interrupted', text: savedText };
    };
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
        if (failingSince !== null && Date.now() - failingSince > giveUpAfterMs) {
          stop.abort();
          break;
        }
      }
      await saver.finish().catch(() => {});
      if (stopped) return { id: message.id, status: 'interrupted', text };
      if (stop.signal.aborted) return await interrupt(text);
      const usage = await result.usage;
      if (options.finish) {
        // An agent turn finishes the reply in the transaction that saves its versions (complete_agent_turn).
        const finished = await options.finish(text, usage);
        return { id: message.id, status: finished === 'stopped' ? 'interrupted' : 'complete', text };
      }
      try {
        await update(
          {
            content: text,
            status: 'complete',
            input_tokens: usage.inputTokens ?? 0,
            output_tokens: usage.outputTokens ?? 0,
          },
          finalSaveBackoffMs,
        );
      } catch (error) {
        if (!(error instanceof SaveFailed)) throw error;
        return await interrupt(text);
      }
      return { id: message.id, status: stopped ? 'interrupted' : 'complete', text };
    } catch (failure) {
      await saver.finish().catch(() => {});
      if (stopped) return { id: message.id, status: 'interrupted', text };
      if (stop.signal.aborted) return await interrupt(text);
      await update({ content: text, status: 'error' }, finalSaveBackoffMs).catch(() => {});
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
