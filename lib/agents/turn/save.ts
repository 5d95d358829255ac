// Saves a finished turn through public.complete_agent_turn (the agents' write path, one transaction) and names
// its outcomes: the versions written, a reply already stopped, or a version conflict the runner can re-plan on.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '@/lib/supabase/database.types';
import type { buildTurnDocument } from './payload';

export type SavedVersion = {
  artifactId: string;
  type: string;
  title: string;
  version: number;
  versionId: string;
  changeSummary: string | null;
};
export type SavedTurn = { status: 'complete' | 'stopped'; projectId: string | null; versions: SavedVersion[] };

/** Another writer moved an artifact past the version this turn was planned on (PT409). */
export class TurnConflict extends Error {}
export class TurnSaveError extends Error {}

export async function saveTurn({
  client,
  chatId,
  messageId,
  turn,
}: {
  client: SupabaseClient<Database>;
  chatId: string;
  messageId: string;
  turn: ReturnType<typeof buildTurnDocument>;
}): Promise<SavedTurn> {
  const { data, error } = await client.rpc('complete_agent_turn', {
    p_chat_id: chatId,
    p_message_id: messageId,
    p_turn: turn as unknown as Json,
  });
  if (error) {
    if (error.code === 'PT409') throw new TurnConflict(error.message);
    throw new TurnSaveError(error.message);
  }
  return data as unknown as SavedTurn;
}
