// send_message: the user's message saved as the token's user (append_message, RLS and the message limit), one reply
// taken from their budget (take_reply_allowance), then the entry the reply route uses (answerMessage: the
// orchestrator's routing, the hand-off to an external agent service when one is configured for the intent, else a
// job of the built-in service), awaited to the end so the tool answers with the finished reply, or with the job it
// was handed to. As in the
// route, access to the chat is proven with the user's client before the agents' write path touches it. A retry
// with the same idempotency key answers with the reply the first call got.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { answerMessage } from '@/lib/agents/turn/answer';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { toBranchPage, toChatMessage } from '@/lib/messages/rows';
import type { Database } from '@/lib/supabase/database.types';

type Client = SupabaseClient<Database>;
const historyLength = 20;

/** A retry (the same idempotency key) of a message that already has a reply gets that reply, not a second turn. */
async function firstReplyTo(client: Client, question: { id: string; sequence_number: number }) {
  const { data, error } = await client
    .from('messages')
    .select('id, sequence_number, agent_name, status, content, created_artifact_ids')
    .eq('parent_id', question.id)
    .eq('role', 'assistant')
    .order('sequence_number')
    .limit(1)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'message');
  if (!data) return null;
  return {
    message: { id: question.id, sequence_number: question.sequence_number },
    reply: {
      id: data.id,
      sequence_number: data.sequence_number,
      agent: data.agent_name,
      status: data.status,
      content: data.content,
    },
    artifact_versions: await versionsWrittenBy(client, data.id),
  };
}

async function versionsWrittenBy(client: Client, replyId: string) {
  const { data, error } = await client
    .from('artifact_versions')
    .select('artifact_id, version_number, change_summary, artifacts!inner(type, title)')
    .eq('created_by_message_id', replyId);
  if (error) throw fromPostgrestError(error, 'artifact');
  return data.map((v) => ({
    artifact_id: v.artifact_id,
    type: v.artifacts.type,
    title: v.artifacts.title,
    version_number: v.version_number,
    change_summary: v.change_summary,
  }));
}

export async function sendMessageAs({
  client,
  chatId,
  content,
  idempotencyKey,
}: {
  client: Client;
  chatId: string;
  content: string;
  idempotencyKey: string;
}) {
  const appended = await client.rpc('append_message', {
    p_chat_id: chatId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
  });
  if (appended.error)
    throw fromPostgrestError(appended.error, 'message', {
      not_found: new OhmError('not_found:chat'),
      forbidden: new OhmError('not_found:chat'),
    });
  const question = toChatMessage(appended.data);
  const answered = await firstReplyTo(client, question);
  if (answered) return answered;
  const allowance = await client.rpc('take_reply_allowance', { p_chat_id: chatId });
  if (allowance.error)
    throw fromPostgrestError(allowance.error, 'message', {
      not_found: new OhmError('not_found:chat'),
      rate_limit: 'You are asking for replies too fast. Wait a moment and try again.',
    });
  const earlier = await client.rpc('get_chat_page', {
    p_chat_id: chatId,
    p_before_sequence: question.sequence_number,
    p_limit: historyLength - 1,
  });
  if (earlier.error) throw fromPostgrestError(earlier.error, 'chat');
  const recent = [...toBranchPage(earlier.data), question]
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));

  const answering = await answerMessage({
    chatId,
    question: { id: question.id, content: question.content },
    recent,
  });
  const message = { id: question.id, sequence_number: question.sequence_number };
  if (answering.handedOff) {
    // The external service writes the reply through the agent API; read_chat shows it once it has.
    const { jobId, service, agent, intent } = answering.handedOff;
    return { message, reply: null, handed_off: { job_id: jobId, service, agent, intent }, artifact_versions: [] };
  }
  const { reply } = answering;
  const result = await reply.run();
  return {
    message,
    reply: {
      id: result.id,
      sequence_number: reply.sequenceNumber,
      agent: reply.route.agent,
      status: result.status,
      content: result.text,
    },
    artifact_versions: await versionsWrittenBy(client, result.id),
  };
}
