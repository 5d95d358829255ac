// A tab merges realtime events and catch-up pages by sequence number: no duplicates, no lost words.
import { describe, expect, it } from 'vitest';
import { mergeMessages, type MergeableMessage } from '@/lib/messages/merge';

const m = (sequence_number: number, content: string, status: MergeableMessage['status'] = 'complete', key = `k${sequence_number}`): MergeableMessage => ({
  key, sequence_number, content, status, role: sequence_number % 2 ? 'user' : 'assistant',
});

describe('mergeMessages', () => {
  it('adds new messages in order and never twice', () => {
    const merged = mergeMessages([m(1, 'a')], [{ ...m(3, 'c'), id: 'id3' }, { ...m(2, 'b'), id: 'id2' }, { ...m(2, 'b'), id: 'id2' }]);
    expect(merged.map((x) => x.sequence_number)).toEqual([1, 2, 3]);
    expect(merged[1].key).toBe('id2');
  });

  it('replaces an optimistic message by the saved one, keeping its key', () => {
    const merged = mergeMessages([m(1, 'hello', 'complete', 'optimistic')], [{ ...m(1, 'hello'), id: 'saved' }]);
    expect(merged).toEqual([{ ...m(1, 'hello'), key: 'optimistic', id: 'saved' }]);
  });

  it('keeps the longer text of a reply this tab is streaming, and takes later saved text', () => {
    const streaming = m(2, 'The ESP32 has Wi-Fi and', 'streaming', 'local');
    const behind = mergeMessages([streaming], [{ ...m(2, 'The ESP32', 'streaming'), id: 'r' }]);
    expect(behind[0].content).toBe('The ESP32 has Wi-Fi and');
    const finished = mergeMessages(behind, [{ ...m(2, 'The ESP32 has Wi-Fi and Bluetooth.', 'complete'), id: 'r' }]);
    expect(finished[0]).toMatchObject({ content: 'The ESP32 has Wi-Fi and Bluetooth.', status: 'complete', key: 'local' });
  });
});
