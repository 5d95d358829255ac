// The hook a project gives an agent turn: before the turn reads its state, a chat inside a project adopts the
// project's current artifacts it lacks (public.adopt_project_design copies them, with their versions and rows), so
// a new chat in a project starts from the design its other chats made. Runs on the agents' path (service client).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';

export async function adoptProjectDesign({
  client,
  chatId,
}: {
  client: SupabaseClient<Database>;
  chatId: string;
}): Promise<void> {
  const { error } = await client.rpc('adopt_project_design', { p_chat_id: chatId });
  // The turn still answers from the chat's own state when the copy fails; the next turn tries again.
  if (error) console.error('adopt_project_design failed', { chatId, code: error.code, message: error.message });
}
