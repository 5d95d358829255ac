'use server';

// Server actions of one chat's artifact view, as the signed-in user (RLS): the cards of replies the page did not
// render with their cards (replies that finished after it loaded, older pages); a chat back from the archive.
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { restoreArchivedChat } from '@/lib/archive/data';
import { listMessageArtifacts } from '@/lib/artifacts/data';
import { chatIdSchema } from '@/lib/chats/schemas';

export const loadReplyArtifacts = defineAction({
  schema: z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) }),
  surface: 'chat',
  run: async (input) => ({ cards: await listMessageArtifacts(input) }),
});

/** Brings an archived chat's messages back (the page shows "Restoring…" meanwhile, then reloads its data). */
export const restoreChat = defineAction({
  schema: z.object({ chatId: chatIdSchema }),
  surface: 'chat',
  run: async (input) => {
    await restoreArchivedChat(input);
    return {};
  },
});
