// Server-only data access for share links: created and listed by the chat's owner, read by anyone with the token.
// Each function that calls a database function is named after it.
import 'server-only';
import { z } from 'zod';
import { copyForkedAttachments } from '@/lib/attachments/data';
import { ensureSession } from '@/lib/auth/guest';
import { fromPostgrestError } from '@/lib/errors';
import { messageJsonSchema } from '@/lib/messages/rows';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';

export type ShareLink = { id: string; share_token: string; created_at: string; expires_at: string | null };
export type SharedChat = { title: string; shared_at: string; snapshot_sequence: number; messages: ChatMessage[] };

/** The chat's links that still work, newest first. */
export async function listShares({ chatId }: { chatId: string }): Promise<ShareLink[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('shared_chats')
    .select('id, share_token, created_at, expires_at')
    .eq('chat_id', chatId)
    .is('revoked_at', null)
    .order('created_at', { ascending: false });
  if (error) throw fromPostgrestError(error, 'share');
  const now = Date.now();
  return data.filter((s) => !s.expires_at || new Date(s.expires_at).getTime() > now);
}

export async function createShare({
  chatId,
  expiresAt,
}: {
  chatId: string;
  expiresAt: string | null;
}): Promise<ShareLink> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('create_share', {
    p_chat_id: chatId,
    p_expires_at: expiresAt ?? undefined,
  });
  if (error) throw fromPostgrestError(error, 'share');
  return { id: data.id, share_token: data.share_token, created_at: data.created_at, expires_at: data.expires_at };
}

export async function revokeShare({ shareId }: { shareId: string }): Promise<void> {
  const supabase = await createClient();
  const { error } = await supabase.rpc('revoke_share', { p_share_id: shareId });
  if (error) throw fromPostgrestError(error, 'share');
}

const sharedChatSchema = z.object({
  title: z.string(),
  shared_at: z.string(),
  snapshot_sequence: z.number(),
  messages: z.array(messageJsonSchema),
});

/**
 * The shared snapshot, oldest first, or null for a token that does not open one: unknown, revoked and expired
 * tokens are the same answer. A database that cannot answer is an error (try again), not a missing link.
 */
export async function getSharedChat({ token }: { token: string }): Promise<SharedChat | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('get_shared_chat', { p_token: token, p_limit: 200 });
  if (error) {
    const failure = fromPostgrestError(error, 'share');
    if (failure.type === 'not_found') return null;
    throw failure;
  }
  const chat = sharedChatSchema.parse(data);
  return { ...chat, messages: chat.messages.reverse() };
}

/** Copies the shared snapshot into a new chat of the caller's (a guest session is started when there is none). */
export async function forkChat({ token }: { token: string }): Promise<string> {
  const supabase = await createClient();
  // A guest session is enough to continue a conversation.
  await ensureSession(supabase);
  const { data, error } = await supabase.rpc('fork_chat', { p_token: token });
  if (error)
    throw fromPostgrestError(error, 'share', { not_found: 'This share link does not exist or has been revoked.' });
  // The fork has the attachment rows; their bytes follow (a file that cannot be copied shows as unavailable).
  await copyForkedAttachments({ chatId: data, token }).catch(() => undefined);
  return data;
}
