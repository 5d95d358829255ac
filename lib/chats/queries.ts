// The chat list and its changes as supabase-js calls on a client that carries the user's session: RLS decides whose
// chats these are. Kept free of Next.js so the same calls are tested against the real stack.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import type { ChatCursor } from './schemas';

type Client = SupabaseClient<Database>;
type Failure = { code?: string; message: string };

export type ChatSummary = { id: string; title: string; last_message_at: string };
export type ChatListPage = { chats: ChatSummary[]; next: ChatCursor | null };

// PostgREST's or=() grammar splits on commas and parentheses: quote the timestamp so it is read as one value.
const quoted = (value: string) => `"${value.replaceAll('"', '')}"`;

/**
 * One page of `userId`'s chats, newest activity first, starting after `cursor` (keyset: fetches limit + 1). RLS
 * alone would return the same rows, but the owner filter is the query's own: without it the plan depends on the
 * planner's guess at whose rows `auth.uid()` selects (a custom plan read 984 buffers instead of 6 for a heavy user).
 */
export async function selectChatListPage(
  supabase: Client,
  {
    userId,
    cursor,
    limit,
    archived = false,
  }: { userId: string; cursor?: ChatCursor | null; limit: number; archived?: boolean },
): Promise<{ data: ChatListPage; error: null } | { data: null; error: Failure }> {
  let query = supabase.from('chats').select('id, title, last_message_at').eq('user_id', userId).is('deleted_at', null);
  query = archived ? query.not('archived_at', 'is', null) : query.is('archived_at', null);
  // The plain bound lets the index start at the cursor; the or() settles ties on the same instant by id. The first
  // page is bounded too (by infinity): without a bound the plan a connection keeps after five runs guessed a few
  // rows and sorted all of a heavy user's 2,000 chats (1,054 buffers instead of 25).
  query = query.lte('last_message_at', cursor?.at ?? 'infinity');
  if (cursor) {
    const at = quoted(cursor.at);
    query = query.or(`last_message_at.lt.${at},and(last_message_at.eq.${at},id.lt.${cursor.id})`);
  }
  const { data, error } = await query
    .order('last_message_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(limit + 1);
  if (error) return { data: null, error };
  const chats = data.slice(0, limit);
  const last = chats.at(-1);
  return {
    data: { chats, next: data.length > limit && last ? { at: last.last_message_at, id: last.id } : null },
    error: null,
  };
}

type Change = Database['public']['Tables']['chats']['Update'];

/** Applies `change` to one of the user's chats that is not deleted; `data` is null when there is no such chat. */
export async function updateChat(supabase: Client, chatId: string, change: Change, { deleted = false } = {}) {
  const query = supabase.from('chats').update(change).eq('id', chatId);
  return (deleted ? query.not('deleted_at', 'is', null) : query.is('deleted_at', null))
    .select('id, title, last_message_at')
    .maybeSingle();
}

/** Removes for good a chat the user has already deleted (the undo window is over); other chats are left alone. */
export async function deleteDeletedChat(supabase: Client, chatId: string) {
  return supabase.from('chats').delete().eq('id', chatId).not('deleted_at', 'is', null).select('id').maybeSingle();
}

/** Removes for good the user's chats deleted before `cutoff`: leftovers of an undo window that was never closed. */
export async function deleteChatsDeletedBefore(supabase: Client, cutoff: Date) {
  return supabase.from('chats').delete().lt('deleted_at', cutoff.toISOString());
}
