// The in-process agents' side of the agent API's job functions: a reply opens a job of the built-in service `ohm`
// bound to its chat and user message (public.open_agent_turn, which starts the reply through agent_job_write), and
// every later save is public.agent_job_write with that job's token, called in-process: the SQL entry point the HTTP
// agent API calls, so scoping, idempotency and limits are the database's for both. The token stays in memory.
import 'server-only';
import { fromPostgrestError } from '@/lib/errors';
import type { Json } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import type { JobWriteOp } from './api/data';
import type { Route } from './orchestrator';

/** The ops an in-process turn writes: the agent API's, plus the text so far and an interrupted end. */
export type TurnJobOp = JobWriteOp | 'reply.text' | 'reply.interrupt';

export type JobWriteOutcome = {
  data: Record<string, unknown> | null;
  error: { message: string; code?: string } | null;
  status?: number;
};

/** What agent_job_write answers (instead of raising) for a job that has ended: someone stopped the reply, or it went stale. */
export const isRefused = (answer: Record<string, unknown> | null) => typeof answer?.refused === 'string';

export type TurnJob = Awaited<ReturnType<typeof openTurnJob>>;

export async function openTurnJob({
  chatId,
  replyTo,
  route,
  modelLabel,
  icon,
  replyKey,
}: {
  chatId: string;
  replyTo: string;
  route: Route;
  modelLabel: string;
  icon: string;
  replyKey: string;
}) {
  const service = createServiceClient();
  const { data, error } = await service.rpc('open_agent_turn', {
    p_chat_id: chatId,
    p_message_id: replyTo,
    p_intent: route.intent,
    p_agent_name: route.agent,
    p_model: modelLabel,
    p_icon: icon,
    p_reply_key: replyKey,
  });
  // The first reply to a message has one key: a second writer (another tab) is refused as a conflict.
  if (error) throw fromPostgrestError(error, 'message', { conflict: 'This message already has a reply.' });
  const opened = data as { job: { id: string }; token: string; reply: { message_id: string; sequence_number: number } };
  let written = 0;
  return {
    jobId: opened.job.id,
    messageId: opened.reply.message_id,
    sequenceNumber: Number(opened.reply.sequence_number),
    /** A fresh idempotency key: one per save, reused by that save's retries so a lost answer is not a second write. */
    nextKey: (op: TurnJobOp) => `${op}:${++written}`,
    write: ({
      op,
      body,
      key,
      signal,
    }: {
      op: TurnJobOp;
      body: Record<string, unknown>;
      key: string;
      signal?: AbortSignal;
    }): PromiseLike<JobWriteOutcome> => {
      const call = service.rpc('agent_job_write', {
        p_token: opened.token,
        p_job_id: opened.job.id,
        p_idempotency_key: key,
        p_op: op,
        p_body: body as Json,
      });
      return (signal ? call.abortSignal(signal) : call).then(({ data: answer, error: failure, status }) => ({
        data: (answer ?? null) as Record<string, unknown> | null,
        error: failure,
        status,
      }));
    },
  };
}
