// The agent API's calls into the database: every one goes to a token-checked function (public.claim_agent_job,
// public.agent_job_read, public.agent_job_write, supabase/migrations/*agent_*), which finds the one job the token
// belongs to and touches nothing outside its chat; the service client only carries the call. Orchestrator side:
// handing a user message to an external service as a job (public.create_agent_job).
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import type { Json } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';

export type JobWriteOp =
  | 'reply.start'
  | 'reply.delta'
  | 'reply.finish'
  | 'reply.fail'
  | 'artifact.version'
  | 'version.parts'
  | 'version.connections'
  | 'version.code_files';

type Answer = Record<string, unknown>;

/** The functions answer `{ refused }` (instead of raising) when they settled an ended job, so the settling commits. */
function answerOf(data: unknown): Answer {
  const answer = (data ?? {}) as Answer;
  if (typeof answer.refused === 'string') throw new OhmError('conflict:agent', `${answer.refused}.`);
  return answer;
}

const meaning = { not_found: 'That is not part of this job’s chat.' };

export async function claimAgentJob({ key }: { key: string }): Promise<Answer | null> {
  const { data, error } = await createServiceClient().rpc('claim_agent_job', { p_key: key });
  if (error) throw fromPostgrestError(error, 'agent', meaning);
  return data === null ? null : answerOf(data);
}

export async function readAgentJob({ token, jobId }: { token: string; jobId: string }): Promise<Answer> {
  const { data, error } = await createServiceClient().rpc('agent_job_read', { p_token: token, p_job_id: jobId });
  if (error) throw fromPostgrestError(error, 'agent', meaning);
  return answerOf(data);
}

export async function writeAgentJob({
  token,
  jobId,
  idempotencyKey,
  op,
  body,
}: {
  token: string;
  jobId: string;
  idempotencyKey: string;
  op: JobWriteOp;
  body: Record<string, unknown>;
}): Promise<Answer> {
  const { data, error } = await createServiceClient().rpc('agent_job_write', {
    p_token: token,
    p_job_id: jobId,
    p_idempotency_key: idempotencyKey,
    p_op: op,
    p_body: body as Json,
  });
  if (error) throw fromPostgrestError(error, 'agent', meaning);
  return answerOf(data);
}

/** The orchestrator's hand-off: a pending job for `service` on one user message, which the service then claims. */
export async function createAgentJob(job: {
  service: string;
  chatId: string;
  messageId: string;
  intent: string;
  agent: string;
}): Promise<string> {
  const { data, error } = await createServiceClient().rpc('create_agent_job', {
    p_service_name: job.service,
    p_chat_id: job.chatId,
    p_message_id: job.messageId,
    p_intent: job.intent as never,
    p_agent_name: job.agent,
  });
  if (error) throw fromPostgrestError(error, 'agent', { not_found: `No agent service named ${job.service}.` });
  return data as string;
}
