// Server-only data access for chats, always as the signed-in user (RLS applies). Messages: lib/messages/data.
import 'server-only';
import { cache } from 'react';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import {
  deleteChatsDeletedBefore,
  deleteDeletedChat,
  selectChatListPage,
  updateChat,
  type ChatListPage,
  type ChatSummary,
} from './queries';
import { chatListPageSize, type ChatCursor } from './schemas';

export type { ChatListPage, ChatSummary } from './queries';

/** A page of the signed-in user's chats for the sidebar, the archive or the project pages, newest first. */
export async function listChats({
  cursor,
  limit = chatListPageSize,
  archived = false,
}: {
  cursor?: ChatCursor | null;
  limit?: number;
  archived?: boolean;
} = {}): Promise<ChatListPage> {
  const { data, error } = await selectChatListPage(await createClient(), { cursor, limit, archived });
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
  if (error) {
    // A visitor without a session may not read chats at all: for them every chat is missing, the same 404.
    const failure = fromPostgrestError(error, 'chat');
    if (failure.type === 'forbidden') return null;
    throw failure;
  }
  return data;
});

export async function getChat({ chatId }: { chatId: string }) {
  return getChatOnce(chatId);
}

/**
 * A new chat of the caller's. With `id` (the one the composer on `/` put its uploads' keys under) a retry finds the
 * chat its first try made: the insert does nothing, and the message's own insert then checks the chat is theirs.
 */
export async function createChat({ id }: { id?: string } = {}): Promise<string> {
  const supabase = await createClient();
  if (id) {
    const { error } = await supabase.from('chats').upsert({ id }, { onConflict: 'id', ignoreDuplicates: true });
    if (error) throw fromPostgrestError(error, 'chat');
    return id;
  }
  const { data, error } = await supabase.from('chats').insert({}).select('id').single();
  if (error) throw fromPostgrestError(error, 'chat');
  return data.id;
}
