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
