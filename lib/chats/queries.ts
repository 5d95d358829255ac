// The chat list and its changes as supabase-js calls on a client that carries the user's session: RLS decides whose
// chats these are (list_chats filters by the session's user itself too). Kept free of Next.js so the same calls are
// tested against the real stack.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import { z } from 'zod';
import { chatSummarySchema, type ChatCursor } from './schemas.ts';

type Client = SupabaseClient<Database>;
type Failure = { code?: string; message: string };

export type ChatSummary = z.infer<typeof chatSummarySchema>;
export type ChatListPage = { chats: ChatSummary[]; next: ChatCursor | null };

const chatSummaryRowsSchema = z.array(chatSummarySchema);

/**
 * One page of the signed-in user's chats, newest activity first, starting after `cursor` (keyset: fetches
 * limit + 1), through `list_chats`: its owner filter is its own and its plan is the walk of the list's index
 * whatever the table's statistics say (a plain query's plan followed the planner's guess at how many chats a user
 * has, and sorted all of a heavy user's chats when thousands of one-chat users brought that guess under a page).
 */
export async function selectChatListPage(
  supabase: Client,
  { cursor, limit, archived = false }: { cursor?: ChatCursor | null; limit: number; archived?: boolean },
): Promise<{ data: ChatListPage; error: null } | { data: null; error: Failure }> {
  const { data, error } = await supabase.rpc('list_chats', {
    p_before_at: cursor?.at,
    p_before_id: cursor?.id,
    p_limit: limit + 1,
    p_archived: archived,
  });
  if (error) return { data: null, error };
  const rows = chatSummaryRowsSchema.safeParse(data);
  if (!rows.success)
    return { data: null, error: { message: `list_chats answered rows of another shape: ${rows.error.message}` } };
  const chats = rows.data.slice(0, limit);
  const last = chats.at(-1);
  return {
    data: { chats, next: rows.data.length > limit && last ? { at: last.last_message_at, id: last.id } : null },
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
