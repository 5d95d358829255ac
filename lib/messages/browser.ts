// What a chat's tab asks the database itself, as the signed-in user (RLS applies): pages of the active branch,
// settling replies whose writer went silent, and showing the branch through a linked message. Everything that
// saves a message goes through the server actions instead (app/(shell)/chat/actions.ts).
import { fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/client';
import { toBranchPage, toChatMessage } from './rows';
import type { BranchMessage, ChatMessage } from './types';

/** A page of the active branch, oldest first: the newest `limit` messages, or those before `beforeSequence`. */
export async function getChatPage({
  chatId,
  beforeSequence,
  limit,
}: {
  chatId: string;
  beforeSequence?: number;
  limit: number;
}): Promise<BranchMessage[]> {
  const { data, error } = await createClient().rpc('get_chat_page', {
    p_chat_id: chatId,
    p_before_sequence: beforeSequence,
    p_limit: limit,
  });
  if (error) throw fromPostgrestError(error, 'chat');
  return toBranchPage(data);
}

/** Asks the database to mark the chat's replies whose writer went silent as interrupted; returns those it marked. */
export async function interruptStaleReplies({ chatId }: { chatId: string }): Promise<ChatMessage[]> {
  const { data, error } = await createClient().rpc('interrupt_stale_replies', { p_chat_id: chatId });
  if (error) throw fromPostgrestError(error, 'chat');
  return data.map(toChatMessage);
}

/** Makes the branch through message number `sequence` the active one; false when the chat has no such message. */
export async function switchBranchTo({ chatId, sequence }: { chatId: string; sequence: number }): Promise<boolean> {
  const supabase = createClient();
  const { data: found, error } = await supabase
    .from('messages')
    .select('id')
    .eq('chat_id', chatId)
    .eq('sequence_number', sequence)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'message');
  if (!found) return false;
  const switched = await supabase.rpc('switch_branch', { p_chat_id: chatId, p_message_id: found.id });
  if (switched.error) throw fromPostgrestError(switched.error, 'message');
  return true;
}

/**
 * What changed in a chat after message number `afterSequence`, for a page kept in the browser (lib/warm-start):
 * the chat's active leaf and the messages written since, on any branch, oldest first (at most `limit`). Null when
 * the chat is gone or no longer this user's.
 */
export async function getChatChangesAfter({
  chatId,
  afterSequence,
  limit,
}: {
  chatId: string;
  afterSequence: number;
  limit: number;
}): Promise<{ activeLeafId: string | null; messages: ChatMessage[] } | null> {
  const supabase = createClient();
  // The leaf first: every message on its way back to the page was written before it, so it is in the second answer.
  const chat = await supabase.from('chats').select('active_leaf_id').eq('id', chatId).maybeSingle();
  if (chat.error) throw fromPostgrestError(chat.error, 'chat');
  if (!chat.data) return null;
  const after = await supabase.rpc('get_messages_after', {
    p_chat_id: chatId,
    p_after_sequence: afterSequence,
    p_limit: limit,
  });
  if (after.error) throw fromPostgrestError(after.error, 'chat');
  return { activeLeafId: chat.data.active_leaf_id, messages: after.data.map(toChatMessage) };
}
