// Merges messages arriving from realtime or a catch-up fetch into what a tab shows: keyed by sequence number, so
// nothing shows twice; a reply this tab is streaming keeps the longer text it already has.
export type MergeableMessage = {
  key: string;
  id?: string;
  sequence_number: number;
  content: string;
  status: 'complete' | 'streaming' | 'interrupted' | 'error';
  role: 'user' | 'assistant' | 'system';
};

export function mergeMessages<T extends MergeableMessage>(current: T[], incoming: Array<Omit<T, 'key'> & { id: string }>): T[] {
  const bySequence = new Map(current.map((m) => [m.sequence_number, m]));
  for (const record of incoming) {
    const existing = bySequence.get(record.sequence_number);
    if (!existing) {
      bySequence.set(record.sequence_number, { ...record, key: record.id } as unknown as T);
      continue;
    }
    const localStreamAhead = existing.status === 'streaming' && existing.content.length > record.content.length;
    bySequence.set(record.sequence_number, {
      ...existing,
      ...record,
      key: existing.key,
      content: localStreamAhead ? existing.content : record.content,
      status: localStreamAhead ? existing.status : record.status,
    } as T);
  }
  return [...bySequence.values()].sort((a, b) => a.sequence_number - b.sequence_number);
}
