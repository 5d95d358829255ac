// What the shell may send about chats: titles, list cursors and ids, validated the same way in the form and the action.
import { z } from 'zod';

export const maxChatTitleLength = 200;
export const chatListPageSize = 30;

export const chatIdSchema = z.string().uuid('That chat id is not valid.');

export const chatTitleSchema = z
  .string()
  .trim()
  .min(1, 'Give the chat a name.')
  .max(maxChatTitleLength, `A chat name can be at most ${maxChatTitleLength} characters.`);

/** Where the next page of the chat list starts: just after this chat in (last activity, id) order. */
export const chatCursorSchema = z.object({
  // Kept as the database's own text, with microseconds: a JavaScript Date would round them off and repeat or skip rows.
  at: z.iso.datetime({ offset: true }),
  id: chatIdSchema,
});
export type ChatCursor = z.infer<typeof chatCursorSchema>;

/** A chat as the list shows it, checked where list_chats' rows enter the app. */
export const chatSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  // The next page's cursor is made of it: the same check as chatCursorSchema.at.
  last_message_at: z.iso.datetime({ offset: true }),
});

export const chatListRequestSchema = z.object({
  cursor: chatCursorSchema.nullish(),
  archived: z.boolean().default(false),
});
export type ChatListRequest = z.input<typeof chatListRequestSchema>;

export const renameChatSchema = z.object({ chatId: chatIdSchema, title: chatTitleSchema });

/** A chat as the user:<id>:chats topic announces it (broadcast_chat_list_change). */
export const chatChangeSchema = z.object({
  id: chatIdSchema,
  title: z.string(),
  last_message_at: z.string(),
  archived: z.boolean(),
  deleted: z.boolean(),
});
export type ChatChange = z.infer<typeof chatChangeSchema>;
