'use server';

// The app shell's actions: the chat list (pages, rename, archive, delete with undo) and signing out.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import {
  listChats,
  markChatDeleted,
  purgeDeletedChat,
  purgeStaleDeletedChats,
  renameChat as renameChatRow,
  restoreDeletedChat,
  setChatArchived,
} from '@/lib/chats/data';
import { chatIdSchema, chatListRequestSchema, renameChatSchema } from '@/lib/chats/schemas';
import { OhmError } from '@/lib/errors';
import { purgeSharePages } from '@/lib/shares/cache';
import { createClient } from '@/lib/supabase/server';

export async function signOut() {
  const supabase = await createClient();
  await supabase.auth.signOut();
  redirect('/login');
}

const chatOnly = z.object({ chatId: chatIdSchema });
// An id that cannot be a chat answers like a chat that does not exist.
const noSuchChat = new OhmError('not_found:chat');

export const loadChats = defineAction({
  schema: chatListRequestSchema,
  surface: 'chat',
  invalid: new OhmError('bad_request:chat', 'That list position is not valid. Reload the page.'),
  run: async (input) => ({ page: await listChats(input) }),
});

export const renameChat = defineAction({
  schema: renameChatSchema,
  surface: 'chat',
  run: async (input) => ({ chat: await renameChatRow(input) }),
});

export const archiveChat = defineAction({
  schema: z.object({ chatId: chatIdSchema, archived: z.boolean() }),
  surface: 'chat',
  invalid: noSuchChat,
  run: async (input) => ({ chat: await setChatArchived(input) }),
});

/** Deletes a chat so that it can still be undone: it disappears at once and is removed for good by `purgeChat`. */
export const deleteChat = defineAction({
  schema: chatOnly,
  surface: 'chat',
  invalid: noSuchChat,
  run: async (input) => {
    const chat = await markChatDeleted(input);
    // Its share links stop working with it (private.active_share): their cached pages go now too.
    await purgeSharePages(input);
    // A tab closed before its Undo toast ended leaves a chat marked deleted: each new delete sweeps those up.
    await purgeStaleDeletedChats();
    return { chat };
  },
});

export const undoDeleteChat = defineAction({
  schema: chatOnly,
  surface: 'chat',
  invalid: noSuchChat,
  run: async (input) => ({ chat: await restoreDeletedChat(input) }),
});

export const purgeChat = defineAction({
  schema: chatOnly,
  surface: 'chat',
  invalid: noSuchChat,
  run: async (input) => {
    await purgeDeletedChat(input);
    return {};
  },
});
