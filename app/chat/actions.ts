'use server';

import { appendUserMessage, createChat } from '@/lib/chats/data';
import { OhmError, type ActionResult } from '@/lib/errors';
import { messageInputSchema } from '@/lib/messages/schemas';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';

export type SendResult = ActionResult<{ chatId: string; message: ChatMessage }>;

/** Saves a user message (creating the chat on the first send); a retry with the same key returns the same row. */
export async function sendMessage(input: { chatId?: string; content: string; idempotencyKey: string; parentId?: string }): Promise<SendResult> {
  const parsed = messageInputSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:message', parsed.error.issues[0].message).toResult();
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  if (!data?.claims) return new OhmError('unauthorized:auth').toResult();
  try {
    const chatId = parsed.data.chatId ?? (await createChat());
    const message = await appendUserMessage({ chatId, content: parsed.data.content, idempotencyKey: parsed.data.idempotencyKey, parentId: parsed.data.parentId });
    return { ok: true, chatId, message };
  } catch (error) {
    if (error instanceof OhmError) return error.toResult();
    throw error;
  }
}
