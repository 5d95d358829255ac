// Server-only full-text search over the signed-in user's messages (search_messages: ranked, scoped by RLS).
import 'server-only';
import { z } from 'zod';
import { fromPostgrestError } from '@/lib/errors';
import type { Database } from '@/lib/supabase/database.types';
import { createClient } from '@/lib/supabase/server';

export const searchParamsSchema = z.object({
  q: z.string().trim().max(1000).default(''),
  agent: z.enum(['', 'orchestrator', 'conversational', 'bomGenerator', 'codeGenerator', 'wiringGenerator']).default(''),
  intent: z.enum(['', 'CHAT', 'BOM', 'CODE', 'WIRING']).default(''),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .or(z.literal(''))
    .default(''),
  cursor: z.string().max(200).default(''),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

export type SearchHit = {
  message_id: string;
  chat_id: string;
  chat_title: string;
  sequence_number: number;
  role: string;
  agent_name: string | null;
  intent: string | null;
  created_at: string;
  snippet: string;
  cursor: string;
};

export async function searchMessages(params: SearchParams, limit = 20): Promise<SearchHit[]> {
  if (!params.q) return [];
  const supabase = await createClient();
  // A visitor without a session has no messages to search (and anon may not call search_messages).
  const { data: auth } = await supabase.auth.getClaims();
  if (!auth?.claims) return [];
  const { data, error } = await supabase.rpc('search_messages', {
    p_query: params.q,
    p_limit: limit,
    p_cursor: params.cursor || undefined,
    p_agent: params.agent || undefined,
    p_intent: (params.intent || undefined) as never,
    p_from: params.from ? new Date(params.from).toISOString() : undefined,
  });
  if (error) throw fromPostgrestError(error, 'search');
  return data.map(toSearchHit);
}

// A composite type comes back with every field nullable; search_messages fills them all.
function toSearchHit(row: Database['public']['CompositeTypes']['search_hit']): SearchHit {
  return {
    message_id: row.message_id ?? '',
    chat_id: row.chat_id ?? '',
    chat_title: row.chat_title ?? '',
    sequence_number: Number(row.sequence_number ?? 0),
    role: row.role ?? 'user',
    agent_name: row.agent_name,
    intent: row.intent,
    created_at: row.created_at ?? '',
    snippet: row.snippet ?? '',
    cursor: row.cursor ?? '',
  };
}
