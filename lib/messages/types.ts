// A message as the chat view renders it (the shape get_chat_page returns).
export type ChatMessage = {
  id: string;
  chat_id: string;
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
  sibling_count: number;
  sibling_index: number;
};
