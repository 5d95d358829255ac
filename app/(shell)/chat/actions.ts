'use server';

// The chat page's actions: send, edit, switch branch and Stop, each the user's verb over one call of
// lib/messages/data (which is named after the database function it calls).
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { sendMessageWithAttachments } from '@/lib/attachments/data';
import { uploadRefsSchema } from '@/lib/attachments/schemas';
import { createChat } from '@/lib/chats/data';
import { OhmError } from '@/lib/errors';
import * as messages from '@/lib/messages/data';
import { branchStepSchema, editInputSchema, messageInputSchema, messageRefSchema } from '@/lib/messages/schemas';

/**
 * Saves a user message (creating the chat on the first send) with the files uploaded for it, if any (checked by
 * content again, then saved with the message); a retry with the same key returns the same row.
 */
export const sendMessage = defineAction({
  schema: messageInputSchema.extend({
    attachments: uploadRefsSchema.optional(),
    /** On `/`: the id the composer's uploads were keyed under, which the new chat takes. */
    newChatId: z.string().uuid('That chat id is not valid.').optional(),
  }),
  surface: 'message',
  // A first-time visitor becomes a guest at their first send (a new chat), never by reading a page.
  startsGuest: (input) => !input.chatId,
  run: async ({ chatId: given, newChatId, content, idempotencyKey, parentId, attachments: uploads }, caller) => {
    if (uploads?.length) {
      const chatId = given ?? newChatId;
      if (!chatId)
        throw new OhmError('bad_request:upload', 'These files were not uploaded for a chat: attach them again.');
      const sent = await sendMessageWithAttachments({
        userId: caller.userId,
        chatId,
        newChat: !given,
        content,
        idempotencyKey,
        parentId,
        uploads,
      });
      return { chatId, ...sent };
    }
    const chatId = given ?? (await createChat({ id: newChatId }));
    return { chatId, message: await messages.appendMessage({ chatId, content, idempotencyKey, parentId }) };
  },
});

/** Saves an edit of a user message as a new branch beside it (the original stays); a retry returns the same row. */
export const editMessage = defineAction({
  schema: editInputSchema,
  surface: 'message',
  run: async (input) => ({ message: await messages.editMessage(input) }),
});

/** ‹ 2/3 ›: shows the branch `step` siblings away from a message (switch_to_sibling); returns the new active leaf. */
export const switchBranch = defineAction({
  schema: branchStepSchema,
  surface: 'message',
  run: async (input) => ({ leafId: await messages.switchToSibling(input) }),
});

/** Stop: ends a streaming reply as interrupted with what was saved so far; its writer stops at its next save. */
export const stopReply = defineAction({
  schema: messageRefSchema,
  surface: 'message',
  run: async (input) => {
    await messages.stopReply(input);
    return {};
  },
});
