// Server-only data access for share links: created and listed by the chat's owner, read by anyone with the token.
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import type { ChatMessage } from '@/lib/messages/types';
import { ensureSession } from '@/lib/auth/guest';
import { createClient } from '@/lib/supabase/server';

export type ShareLink = { id: string; share_token: string; created_at: string; expires_at: string | null };
export type SharedChat = { title: string; shared_at: string; snapshot_sequence: number; messages: ChatMessage[] };

export async function listShareLinks({ chatId }: { chatId: string }): Promise<ShareLink[]> {
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

export async function createShareLink({
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
  return data as unknown as ShareLink;
}

export async function revokeShareLink({ shareId }: { shareId: string }) {
  const supabase = await createClient();
  const { error } = await supabase.rpc('revoke_share', { p_share_id: shareId });
  if (error) throw fromPostgrestError(error, 'share');
}

export async function getSharedChat({ token }: { token: string }): Promise<SharedChat | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const supabase = await createClient();
  const { data, error, status } = await supabase.rpc('get_shared_chat', { p_token: token, p_limit: 200 });
  if (error) {
    // Unknown, revoked and expired tokens are all "not found"; a database that is down (5xx, no answer) is not.
    if (status === 0 || status >= 500) throw new OhmError('unavailable:database');
    return null;
  }
  const chat = data as unknown as SharedChat;
  return { ...chat, messages: [...chat.messages].reverse() };
}

export async function forkSharedChat({ token }: { token: string }): Promise<string> {
  const supabase = await createClient();
  // A guest session is enough to continue a conversation.
  await ensureSession(supabase);
  const { data, error } = await supabase.rpc('fork_chat', { p_token: token });
  if (error)
    throw error.code === 'PT404'
      ? new OhmError('not_found:share', 'This share link does not exist or has been revoked.')
      : fromPostgrestError(error, 'share');
  return data as unknown as string;
}
