// The one mapping from database rows to the messages the app renders: table rows have no sibling numbers,
// composite rows come back nullable, JSON (realtime records, share snapshots) is checked rather than trusted.
import { describe, expect, it } from 'vitest';
import { messageJsonSchema, toBranchPage, toChatMessage } from '@/lib/messages/rows';

const row = {
  id: '11111111-1111-4111-8111-111111111111',
  chat_id: '22222222-2222-4222-8222-222222222222',
  parent_id: null,
  sequence_number: 1,
  role: 'user' as const,
  content: 'ESP32 weather station',
  agent_name: null,
  agent_model: null,
  agent_icon: null,
  intent: null,
  input_tokens: 0,
  output_tokens: 0,
  created_artifact_ids: [],
  status: 'complete' as const,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:01Z',
};

describe('message rows', () => {
  it('maps a table row without claiming sibling numbers it does not have', () => {
    const message = toChatMessage({ ...row, content_search: 'x', idempotency_key: 'k' } as typeof row);
    expect(message).toMatchObject({ id: row.id, sequence_number: 1, updated_at: '2026-12-01T09:00:01Z' });
    expect('sibling_count' in message).toBe(false);
    expect('chat_id' in message).toBe(false);
  });

  it('turns a page of get_chat_page (newest first) into the branch order, with sibling numbers', () => {
    const page = toBranchPage([
      { ...row, id: 'b', sequence_number: 2, sibling_count: 2, sibling_index: 2 },
      { ...row, id: 'a', sequence_number: 1, sibling_count: null, sibling_index: null },
    ]);
    expect(page.map((m) => [m.id, m.sibling_count, m.sibling_index])).toEqual([
      ['a', 1, 1],
      ['b', 2, 2],
    ]);
  });

  it('checks JSON rows: a realtime record that is not a message is refused, not cast', () => {
    expect(messageJsonSchema.safeParse(row).success).toBe(true);
    expect(messageJsonSchema.safeParse({ ...row, status: 'thinking' }).success).toBe(false);
    expect(messageJsonSchema.safeParse({ id: row.id }).success).toBe(false);
  });
});
