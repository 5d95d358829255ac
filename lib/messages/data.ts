// Server-only data access for messages, always as the signed-in user (RLS applies). Each function is named after
// the database function it calls; the rules (numbering, idempotency, branches, Stop, stale replies) live in SQL.
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import { toBranchPage, toChatMessage } from './rows';
import type { BranchMessage, ChatMessage } from './types';

/** Saves a user message at the end of the branch (after `parentId`); a retry with the same key returns the same row. */
export async function appendMessage({
  chatId,
  content,
  idempotencyKey,
  parentId,
}: {
  chatId: string;
  content: string;
  idempotencyKey: string;
  parentId?: string;
}): Promise<ChatMessage> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('append_message', {
    p_chat_id: chatId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
    p_parent_id: parentId,
  });
  if (error) throw fromPostgrestError(error, 'message', { not_found: new OhmError('not_found:chat') });
  return toChatMessage(data);
}

/** Saves an edit of a user message as a sibling branch that becomes the active one; a retry returns the same row. */
export async function editMessage({
  chatId,
  messageId,
  content,
  idempotencyKey,
}: {
  chatId: string;
  messageId: string;
  content: string;
  idempotencyKey: string;
}): Promise<ChatMessage> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('edit_message', {
    p_chat_id: chatId,
    p_message_id: messageId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
  });
  if (error)
    throw fromPostgrestError(error, 'message', {
      not_found: 'That message is not in this chat.',
      conflict: 'This edit was already saved with different text.',
    });
  return toChatMessage(data);
}

/** A message of the chat by id, or null (also for another user's chat: RLS hides it). */
export async function getMessage({ chatId, messageId }: { chatId: string; messageId: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('messages')
    .select('id, parent_id, sequence_number, role, content')
    .eq('chat_id', chatId)
    .eq('id', messageId)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'message');
  return data;
}

/** A page of the chat's active branch, oldest first: the newest `limit` messages, or those before `beforeSequence`. */
export async function getChatPage({
  chatId,
  beforeSequence,
  limit = 50,
}: {
  chatId: string;
  beforeSequence?: number;
  limit?: number;
}): Promise<BranchMessage[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('get_chat_page', {
    p_chat_id: chatId,
    p_before_sequence: beforeSequence,
    p_limit: limit,
  });
  if (error) throw fromPostgrestError(error, 'chat');
  return toBranchPage(data);
}

/** ‹ 2/3 ›: makes the branch `step` siblings away from a message the active one; returns its leaf. */
export async function switchToSibling({
  chatId,
  messageId,
  step,
}: {
  chatId: string;
  messageId: string;
  step: number;
}): Promise<string> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('switch_to_sibling', {
    p_chat_id: chatId,
    p_message_id: messageId,
    p_step: step,
  });
  if (error)
    throw fromPostgrestError(error, 'message', { not_found: 'That branch no longer exists. Reload the chat.' });
  return data;
}

/** Ends a streaming reply as interrupted with what was saved so far; its writer stops at its next save. */
export async function stopReply({ chatId, messageId }: { chatId: string; messageId: string }): Promise<void> {
  const supabase = await createClient();
  const { error } = await supabase.rpc('stop_reply', { p_chat_id: chatId, p_message_id: messageId });
  if (error) throw fromPostgrestError(error, 'message', { not_found: 'That message is not in this chat.' });
}

/** Marks the chat's streaming replies whose writer went silent as interrupted (the rule lives in SQL). */
export async function interruptStaleReplies({ chatId }: { chatId: string }): Promise<ChatMessage[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('interrupt_stale_replies', { p_chat_id: chatId });
  if (error) throw fromPostgrestError(error, 'chat');
  return data.map(toChatMessage);
}

/** Takes one agent reply from the caller's budget for a chat of theirs (take_reply_allowance: send, Regenerate, Retry). */
export async function takeReplyAllowance({ chatId }: { chatId: string }): Promise<void> {
  const supabase = await createClient();
  const { error } = await supabase.rpc('take_reply_allowance', { p_chat_id: chatId });
  if (error)
    throw fromPostgrestError(error, 'message', {
      not_found: new OhmError('not_found:chat'),
      rate_limit: 'You are asking for replies too fast. Wait a moment and try again.',
    });
}
