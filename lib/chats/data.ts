// Server-only data access for chats and messages, always as the signed-in user (RLS applies).
import 'server-only';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';

export type ChatSummary = { id: string; title: string; last_message_at: string };

export async function listChats({ limit = 50 }: { limit?: number } = {}): Promise<ChatSummary[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('chats')
    .select('id, title, last_message_at')
    .is('deleted_at', null)
    .is('archived_at', null)
    .order('last_message_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(limit);
  if (error) throw fromPostgrestError(error, 'chat');
  return data;
}

export async function getChat({ chatId }: { chatId: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase.from('chats').select('id, title, message_count').eq('id', chatId).is('deleted_at', null).maybeSingle();
  if (error) throw fromPostgrestError(error, 'chat');
  return data;
}

export async function getChatPage({ chatId, beforeSequence, limit = 50 }: { chatId: string; beforeSequence?: number; limit?: number }): Promise<ChatMessage[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('get_chat_page', { p_chat_id: chatId, p_before_sequence: beforeSequence, p_limit: limit });
  if (error) throw fromPostgrestError(error, 'chat');
  return (data as unknown as ChatMessage[]).slice().reverse();
}

export async function createChat(): Promise<string> {
  const supabase = await createClient();
  const { data, error } = await supabase.from('chats').insert({}).select('id').single();
  if (error) throw fromPostgrestError(error, 'chat');
  return data.id;
}

export async function appendUserMessage({ chatId, content, idempotencyKey, parentId }: { chatId: string; content: string; idempotencyKey: string; parentId?: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('append_message', { p_chat_id: chatId, p_content: content, p_idempotency_key: idempotencyKey, p_parent_id: parentId });
  if (error) {
    if (error.code === 'PGRST116' || error.code === '23503') throw new OhmError('not_found:chat');
    throw fromPostgrestError(error, 'message');
  }
  return data as unknown as ChatMessage;
}

/** A message of the chat by id, or null (also for another user's chat: RLS hides it). */
export async function getMessage({ chatId, messageId }: { chatId: string; messageId: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('messages')
    .select('id, chat_id, parent_id, sequence_number, role, content')
    .eq('chat_id', chatId)
    .eq('id', messageId)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'message');
  return data;
}

/** Saves an edit of a user message as a sibling branch that becomes the active one; a retry returns the same row. */
export async function editUserMessage({ chatId, messageId, content, idempotencyKey }: { chatId: string; messageId: string; content: string; idempotencyKey: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('edit_message', { p_chat_id: chatId, p_message_id: messageId, p_content: content, p_idempotency_key: idempotencyKey });
  if (error) {
    if (error.code === 'PT404' || error.code === '23503') throw new OhmError('not_found:message', 'That message is not in this chat.');
    if (error.code === '22023') throw new OhmError('bad_request:message', error.message);
    if (error.code === 'PT409') throw new OhmError('conflict:message', 'This edit was already saved with different text.');
    throw fromPostgrestError(error, 'message');
  }
  return data as unknown as ChatMessage;
}

/** Marks the chat's streaming replies whose writer went silent as interrupted (the rule lives in SQL). */
export async function interruptStaleReplies({ chatId }: { chatId: string }) {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('interrupt_stale_replies', { p_chat_id: chatId });
  if (error) throw fromPostgrestError(error, 'chat');
  return data;
}
