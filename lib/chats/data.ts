// Server-only data access for chats and messages, always as the signed-in user (RLS applies).
import 'server-only';
import { cache } from 'react';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';
import {
  deleteChatsDeletedBefore,
  deleteDeletedChat,
  selectChatPage,
  updateChat,
  type ChatListPage,
  type ChatSummary,
} from './queries';
import { chatListPageSize, type ChatCursor } from './schemas';

export type { ChatListPage, ChatSummary } from './queries';

/** A page of the user's chats for the sidebar (or its archive), newest activity first. */
export async function listChats({
  cursor,
  limit = chatListPageSize,
  archived = false,
}: { cursor?: ChatCursor | null; limit?: number; archived?: boolean } = {}): Promise<ChatListPage> {
  const { data, error } = await selectChatPage(await createClient(), { cursor, limit, archived });
  if (error) throw fromPostgrestError(error, 'chat');
  return data;
}

async function changeChat(
  chatId: string,
  change: Parameters<typeof updateChat>[2],
  options?: { deleted?: boolean },
): Promise<ChatSummary> {
  const { data, error } = await updateChat(await createClient(), chatId, change, options);
  if (error) throw fromPostgrestError(error, 'chat');
  if (!data) throw new OhmError('not_found:chat');
  return data;
}

export const renameChat = ({ chatId, title }: { chatId: string; title: string }) => changeChat(chatId, { title });

export const setChatArchived = ({ chatId, archived }: { chatId: string; archived: boolean }) =>
  changeChat(chatId, { archived_at: archived ? new Date().toISOString() : null });

/** Hides the chat everywhere at once; it is removed for good by `purgeDeletedChat` once the undo window is over. */
export const markChatDeleted = ({ chatId }: { chatId: string }) =>
  changeChat(chatId, { deleted_at: new Date().toISOString() });

export const restoreDeletedChat = ({ chatId }: { chatId: string }) =>
  changeChat(chatId, { deleted_at: null }, { deleted: true });

export async function purgeDeletedChat({ chatId }: { chatId: string }): Promise<void> {
  const { error } = await deleteDeletedChat(await createClient(), chatId);
  if (error) throw fromPostgrestError(error, 'chat');
}

/** How long a deleted chat can still be restored when its tab was closed before the Undo toast ended. */
export const deletedChatGraceMs = 60 * 60 * 1000;

/** Removes for good the user's chats deleted longer ago than the grace period (their Undo is long gone). */
export async function purgeStaleDeletedChats(): Promise<void> {
  const { error } = await deleteChatsDeletedBefore(await createClient(), new Date(Date.now() - deletedChatGraceMs));
  if (error) throw fromPostgrestError(error, 'chat');
}

// The chat layout, the page and its metadata all ask during one request: React's cache answers them with one query.
const getChatOnce = cache(async (chatId: string) => {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('chats')
    .select('id, title, message_count')
    .eq('id', chatId)
    .is('deleted_at', null)
    .maybeSingle();
  // A visitor without a session may not read chats at all: for them every chat is missing, the same 404.
  if (error?.code === '42501') return null;
  if (error) throw fromPostgrestError(error, 'chat');
  return data;
});

export async function getChat({ chatId }: { chatId: string }) {
  return getChatOnce(chatId);
}

export async function getChatPage({
  chatId,
  beforeSequence,
  limit = 50,
}: {
  chatId: string;
  beforeSequence?: number;
  limit?: number;
}): Promise<ChatMessage[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('get_chat_page', {
    p_chat_id: chatId,
    p_before_sequence: beforeSequence,
    p_limit: limit,
  });
  if (error) throw fromPostgrestError(error, 'chat');
  return (data as unknown as ChatMessage[]).slice().reverse();
}

export async function createChat(): Promise<string> {
  const supabase = await createClient();
  const { data, error } = await supabase.from('chats').insert({}).select('id').single();
  if (error) throw fromPostgrestError(error, 'chat');
  return data.id;
}

export async function appendUserMessage({
  chatId,
  content,
  idempotencyKey,
  parentId,
}: {
  chatId: string;
  content: string;
  idempotencyKey: string;
  parentId?: string;
}) {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('append_message', {
    p_chat_id: chatId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
    p_parent_id: parentId,
  });
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
export async function editUserMessage({
  chatId,
  messageId,
  content,
  idempotencyKey,
}: {
  chatId: string;
  messageId: string;
  content: string;
  idempotencyKey: string;
}) {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('edit_message', {
    p_chat_id: chatId,
    p_message_id: messageId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
  });
  if (error) {
    if (error.code === 'PT404' || error.code === '23503')
      throw new OhmError('not_found:message', 'That message is not in this chat.');
    if (error.code === '22023') throw new OhmError('bad_request:message', error.message);
    if (error.code === 'PT409')
      throw new OhmError('conflict:message', 'This edit was already saved with different text.');
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
