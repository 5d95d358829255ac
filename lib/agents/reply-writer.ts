// Writes an agent's reply as it streams: saved at once as `streaming`, updated in throttled steps, finished as
// `complete` with model and token counts, or `interrupted` with what was said so far. Every write goes through the
// agent API's job functions as a job of the built-in service (./turn-job: public.open_agent_turn, then
// public.agent_job_write), so the database scopes it to this chat and message exactly as it does an external agent's.
// Every save is refused once the reply is no longer `streaming`: Stop (public.stop_reply) and the stale-reply rule
// (public.interrupt_stale_replies) are status changes, and the writer ends at its next save when it sees one.
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { LanguageModelUsage } from 'ai';
import { SaveFailed, saveWithRetry } from './reply-saves';
import { streamAgentReply, type HistoryMessage, type Route } from './orchestrator';
import { agents } from './registry';
import { createThrottledSaver } from './throttled-saver';
import { isRefused, openTurnJob, type TurnJob, type TurnJobOp } from './turn-job';

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
 * Opens the reply's job and saves the empty `streaming` reply (so every tab sees it at once), and returns it with
 * `run`, which streams the model into it, and `job`, through which an agent turn saves its versions. `key` makes a
 * regeneration idempotent; the first reply to a message has one key, so two tabs cannot both answer it.
 */
export async function beginAgentReply(target: ReplyTarget & { modelLabel: string; key?: string }) {
  const job = await openTurnJob({
    chatId: target.chatId,
    replyTo: target.replyTo,
    route: target.route,
    modelLabel: target.modelLabel,
    icon: agents[target.route.agent].icon,
    replyKey: target.key ?? `reply:${target.replyTo}`,
  });

  const run = async (options: ReplyRun): Promise<ReplyResult> => {
    const stop = new AbortController();
    let stopped = false;
    let savedText = '';
    let failingSince: number | null = null;
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort);
    /**
     * One job write, retried under one idempotency key (a retry whose first attempt was applied gets that answer,
     * not a second write); once someone ended the reply the job refuses it and the model stops.
     */
    const update = async (op: TurnJobOp, body: { content: string } & Record<string, unknown>, backoffMs?: number[]) => {
      const key = job.nextKey(op);
      const { data } = await saveWithRetry((signal) => job.write({ op, body, key, signal }), { backoffMs });
      if (isRefused(data)) {
        stopped = true;
        stop.abort();
        return;
      }
      savedText = body.content;
    };
    const saver = createThrottledSaver(async (content) => {
      try {
        await update('reply.text', { content });
        failingSince = null;
      } catch (error) {
        failingSince ??= Date.now();
        throw error;
      }
    });
    /** Ends the reply as `interrupted` with what it said, saved if the database lets it; never throws. */
    const interrupt = async (text: string): Promise<ReplyResult> => {
      await update('reply.interrupt', { content: text }, finalSaveBackoffMs).catch(() => {});
      return { id: job.messageId, status: 'interrupted', text: savedText };
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
      if (stopped) return { id: job.messageId, status: 'interrupted', text };
      if (stop.signal.aborted) return await interrupt(text);
      const usage = await result.usage;
      if (options.finish) {
        // An agent turn finishes the reply in the transaction that saves its versions (complete_agent_turn).
        const finished = await options.finish(text, usage);
        return { id: job.messageId, status: finished === 'stopped' ? 'interrupted' : 'complete', text };
      }
      try {
        const tokens = { input: usage.inputTokens ?? 0, output: usage.outputTokens ?? 0 };
        await update('reply.finish', { content: text, usage: tokens }, finalSaveBackoffMs);
      } catch (error) {
        if (!(error instanceof SaveFailed)) throw error;
        return await interrupt(text);
      }
      return { id: job.messageId, status: stopped ? 'interrupted' : 'complete', text };
    } catch (failure) {
      await saver.finish().catch(() => {});
      if (stopped) return { id: job.messageId, status: 'interrupted', text };
      if (stop.signal.aborted) return await interrupt(text);
      await update('reply.fail', { content: text }, finalSaveBackoffMs).catch(() => {});
      throw failure;
    } finally {
      clearInterval(heartbeat);
      options.signal?.removeEventListener('abort', onAbort);
    }
  };
  return { id: job.messageId, sequenceNumber: job.sequenceNumber, run, job: job satisfies TurnJob };
}

export async function writeAgentReply(options: ReplyTarget & ReplyRun & { modelLabel: string; key?: string }) {
  const reply = await beginAgentReply(options);
  return reply.run(options);
}
