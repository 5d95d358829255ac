'use server';

import { ensureSession } from '@/lib/auth/guest';
import { appendUserMessage, createChat, editUserMessage } from '@/lib/chats/data';
import { OhmError, fromPostgrestError, type ActionResult } from '@/lib/errors';
import { branchStepSchema, editInputSchema, messageInputSchema, messageRefSchema } from '@/lib/messages/schemas';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';

export type SendResult = ActionResult<{ chatId: string; message: ChatMessage }>;

async function signedInClient() {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  return data?.claims ? supabase : null;
}

function failure(error: unknown) {
  if (error instanceof OhmError) return error.toResult();
  throw error;
}

/** Saves a user message (creating the chat on the first send); a retry with the same key returns the same row. */
export async function sendMessage(input: {
  chatId?: string;
  content: string;
  idempotencyKey: string;
  parentId?: string;
}): Promise<SendResult> {
  const parsed = messageInputSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:message', parsed.error.issues[0].message).toResult();
  // A send to an existing chat needs its owner's session; the first send of a first-time visitor (a new chat) is
  // what makes them a guest (lib/auth/guest.ts).
  if (parsed.data.chatId && !(await signedInClient())) return new OhmError('unauthorized:auth').toResult();
  try {
    if (!parsed.data.chatId) await ensureSession(await createClient());
    const chatId = parsed.data.chatId ?? (await createChat());
    const message = await appendUserMessage({
      chatId,
      content: parsed.data.content,
      idempotencyKey: parsed.data.idempotencyKey,
      parentId: parsed.data.parentId,
    });
    return { ok: true, chatId, message };
  } catch (error) {
    return failure(error);
  }
}

/** Saves an edit of a user message as a new branch beside it (the original stays); a retry returns the same row. */
export async function editMessage(input: {
  chatId: string;
  messageId: string;
  content: string;
  idempotencyKey: string;
}): Promise<ActionResult<{ message: ChatMessage }>> {
  const parsed = editInputSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:message', parsed.error.issues[0].message).toResult();
  if (!(await signedInClient())) return new OhmError('unauthorized:auth').toResult();
  try {
    return { ok: true, message: await editUserMessage(parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

/** ‹ 2/3 ›: shows the branch `step` siblings away from a message (switch_to_sibling); returns the new active leaf. */
export async function switchBranch(input: {
  chatId: string;
  messageId: string;
  step: number;
}): Promise<ActionResult<{ leafId: string }>> {
  const parsed = branchStepSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:message', parsed.error.issues[0].message).toResult();
  const supabase = await signedInClient();
  if (!supabase) return new OhmError('unauthorized:auth').toResult();
  const { data, error } = await supabase.rpc('switch_to_sibling', {
    p_chat_id: parsed.data.chatId,
    p_message_id: parsed.data.messageId,
    p_step: parsed.data.step,
  });
  if (error)
    return (
      error.code === 'PT404'
        ? new OhmError('not_found:message', 'That branch no longer exists. Reload the chat.')
        : fromPostgrestError(error, 'message')
    ).toResult();
  return { ok: true, leafId: data };
}

/** Stop: ends a streaming reply as interrupted with what was saved so far; its writer stops at its next save. */
export async function stopReply(input: { chatId: string; messageId: string }): Promise<ActionResult> {
  const parsed = messageRefSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:message', parsed.error.issues[0].message).toResult();
  const supabase = await signedInClient();
  if (!supabase) return new OhmError('unauthorized:auth').toResult();
  const { error } = await supabase.rpc('stop_reply', {
    p_chat_id: parsed.data.chatId,
    p_message_id: parsed.data.messageId,
  });
  if (error)
    return (
      error.code === 'PT404'
        ? new OhmError('not_found:message', 'That message is not in this chat.')
        : fromPostgrestError(error, 'message')
    ).toResult();
  return { ok: true };
}
