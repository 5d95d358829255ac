// The one mapping from what the database answers with — a `messages` row (append_message, edit_message,
// interrupt_stale_replies, realtime records), a `chat_message` of a branch page (get_chat_page, get_shared_chat)
// — to the messages the app renders. Composite types come back with every field nullable, and JSON (a share, a
// realtime record) with no type at all: both are checked here instead of cast.
import { z } from 'zod';
import { Constants, type Database } from '@/lib/supabase/database.types';
import type { BranchMessage, ChatMessage } from './types';

type BranchRow = Database['public']['CompositeTypes']['chat_message'];
/** Any message row: a table row has every field a branch row has except the sibling numbers. */
export type MessageRow = { [K in keyof BranchRow]?: BranchRow[K] };

export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id ?? '',
    parent_id: row.parent_id ?? null,
    sequence_number: Number(row.sequence_number ?? 0),
    role: row.role ?? 'user',
    content: row.content ?? '',
    agent_name: row.agent_name ?? null,
    agent_model: row.agent_model ?? null,
    intent: row.intent ?? null,
    input_tokens: row.input_tokens ?? 0,
    output_tokens: row.output_tokens ?? 0,
    status: row.status ?? 'complete',
    created_at: row.created_at ?? '',
    updated_at: row.updated_at ?? row.created_at ?? '',
  };
}

export function toBranchMessage(row: BranchRow): BranchMessage {
  return { ...toChatMessage(row), sibling_count: row.sibling_count ?? 1, sibling_index: row.sibling_index ?? 1 };
}

/** A page as get_chat_page returns it, newest first, turned into the branch's order: oldest first. */
export const toBranchPage = (rows: BranchRow[]): BranchMessage[] => rows.map(toBranchMessage).reverse();

const jsonRowSchema = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  sequence_number: z.number(),
  role: z.enum(Constants.public.Enums.message_role),
  content: z.string(),
  agent_name: z.string().nullish(),
  agent_model: z.string().nullish(),
  intent: z.enum(Constants.public.Enums.message_intent).nullish(),
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  status: z.enum(Constants.public.Enums.message_status),
  created_at: z.string(),
  updated_at: z.string().nullish(),
});

/** A message row that arrived as JSON (a realtime record, a share's snapshot), checked and mapped. */
export const messageJsonSchema = jsonRowSchema.transform(toChatMessage);
