// A saved message as the chat view and the share page render it, from whichever row the database answered with.
export type ChatMessage = {
  id: string;
  parent_id: string | null;
  sequence_number: number;
  role: 'user' | 'assistant' | 'system';
  content: string;
  agent_name: string | null;
  agent_model: string | null;
  intent: string | null;
  input_tokens: number;
  output_tokens: number;
  status: 'complete' | 'streaming' | 'interrupted' | 'error';
  created_at: string;
  updated_at: string;
};

/** A message of a branch page (get_chat_page): with its place among its siblings, for ‹ 2 / 3 ›. */
export type BranchMessage = ChatMessage & { sibling_count: number; sibling_index: number };

/** What a message bubble (components/chat/message-item.tsx) paints of a message, and nothing else. */
export type PaintedMessage = Pick<
  ChatMessage,
  | 'role'
  | 'content'
  | 'sequence_number'
  | 'status'
  | 'agent_name'
  | 'agent_model'
  | 'intent'
  | 'input_tokens'
  | 'output_tokens'
>;
