// Limits and validation of what users send, shared by the composer and the server action.
import { z } from 'zod';

export const maxMessageLength = 8000;

export const messageInputSchema = z.object({
  chatId: z.string().uuid('That chat id is not valid.').optional(),
  content: z
    .string()
    .trim()
    .min(1, 'Type a message first.')
    .max(maxMessageLength, `Messages can be at most ${maxMessageLength.toLocaleString('en-US')} characters.`),
  idempotencyKey: z.string().min(8).max(100),
  parentId: z.string().uuid().optional(),
});

export type MessageInput = z.infer<typeof messageInputSchema>;

export const editInputSchema = messageInputSchema
  .required({ chatId: true })
  .omit({ parentId: true })
  .extend({
    messageId: z.string().uuid('That message id is not valid.'),
  });

export const messageRefSchema = z.object({
  chatId: z.string().uuid('That chat id is not valid.'),
  messageId: z.string().uuid('That message id is not valid.'),
});

export const branchStepSchema = messageRefSchema.extend({
  step: z
    .number()
    .int()
    .refine((n) => n !== 0 && Math.abs(n) <= 1000, 'Choose the previous or the next branch.'),
});

/** What a tab asks of /api/chat/[id]/reply: the user message to answer, and for a regeneration a key of its own. */
export const replyRequestSchema = z.object({
  replyTo: z.string().uuid('Say which message to answer.'),
  key: z.string().min(8).max(80).optional(),
});

export type ReplyRequest = z.infer<typeof replyRequestSchema>;

/** Messages per page of a chat: the server-rendered newest page, reloads of it, and each older page. */
export const chatPageSize = 50;
