'use server';

// The app shell's actions: the chat list (pages, rename, archive, delete with undo) and signing out.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  listChats,
  markChatDeleted,
  purgeDeletedChat,
  purgeStaleDeletedChats,
  renameChat as renameChatRow,
  restoreDeletedChat,
  setChatArchived,
  type ChatListPage,
  type ChatSummary,
} from '@/lib/chats/data';
import { chatIdSchema, chatListRequestSchema, renameChatSchema, type ChatListRequest } from '@/lib/chats/schemas';
import { OhmError, type ActionResult } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';

export async function signOut() {
  const supabase = await createClient();
  await supabase.auth.signOut();
  redirect('/login');
}

/** Runs `fn` for a signed-in caller and turns the error vocabulary into a result the shell can show. */
async function asCaller<T extends object>(fn: (userId: string) => Promise<T>): Promise<ActionResult<T>> {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  if (!data?.claims?.sub) return new OhmError('unauthorized:auth').toResult();
  try {
    return { ok: true, ...(await fn(data.claims.sub)) };
  } catch (error) {
    if (error instanceof OhmError) return error.toResult();
    throw error;
  }
}

const chatOnly = z.object({ chatId: chatIdSchema });
const notFound = () => new OhmError('not_found:chat').toResult();

export async function loadChats(input: ChatListRequest): Promise<ActionResult<{ page: ChatListPage }>> {
  const parsed = chatListRequestSchema.safeParse(input);
  if (!parsed.success)
    return new OhmError('bad_request:chat', 'That list position is not valid. Reload the page.').toResult();
  return asCaller(async (userId) => ({ page: await listChats({ ...parsed.data, ownerId: userId }) }));
}

export async function renameChat(input: {
  chatId: string;
  title: string;
}): Promise<ActionResult<{ chat: ChatSummary }>> {
  const parsed = renameChatSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:chat', parsed.error.issues[0].message).toResult();
  return asCaller(async () => ({ chat: await renameChatRow(parsed.data) }));
}

export async function archiveChat(input: {
  chatId: string;
  archived: boolean;
}): Promise<ActionResult<{ chat: ChatSummary }>> {
  const parsed = z.object({ chatId: chatIdSchema, archived: z.boolean() }).safeParse(input);
  if (!parsed.success) return notFound();
  return asCaller(async () => ({ chat: await setChatArchived(parsed.data) }));
}

/** Deletes a chat so that it can still be undone: it disappears at once and is removed for good by `purgeChat`. */
export async function deleteChat(input: { chatId: string }): Promise<ActionResult<{ chat: ChatSummary }>> {
  const parsed = chatOnly.safeParse(input);
  if (!parsed.success) return notFound();
  return asCaller(async () => {
    const chat = await markChatDeleted(parsed.data);
    // A tab closed before its Undo toast ended leaves a chat marked deleted: each new delete sweeps those up.
    await purgeStaleDeletedChats();
    return { chat };
  });
}

export async function undoDeleteChat(input: { chatId: string }): Promise<ActionResult<{ chat: ChatSummary }>> {
  const parsed = chatOnly.safeParse(input);
  if (!parsed.success) return notFound();
  return asCaller(async () => ({ chat: await restoreDeletedChat(parsed.data) }));
}

export async function purgeChat(input: { chatId: string }): Promise<ActionResult> {
  const parsed = chatOnly.safeParse(input);
  if (!parsed.success) return notFound();
  return asCaller(async () => {
    await purgeDeletedChat(parsed.data);
    return {};
  });
}
