// A tab folds pages, realtime events, catch-up fetches and its own stream into one branch: no duplicates, no lost
// words, and a reload of the active branch whenever a message does not continue the branch shown.
import { describe, expect, it } from 'vitest';
import {
  branchBefore,
  foldMessage,
  hasOlder,
  prependOlder,
  replaceNewest,
  toView,
  type SavedMessage,
  type ViewMessage,
} from '@/lib/messages/branch-view';

const saved = (
  n: number,
  content: string,
  parent: number | null = n - 1 || null,
  extra: Partial<SavedMessage> = {},
): SavedMessage => ({
  id: `id${n}`,
  parent_id: parent === null ? null : `id${parent}`,
  sequence_number: n,
  role: n % 2 ? 'user' : 'assistant',
  content,
  status: 'complete',
  agent_name: null,
  agent_model: null,
  intent: null,
  input_tokens: 0,
  output_tokens: 0,
  ...extra,
});
const branch = (...ns: number[]) => ns.map((n) => toView(saved(n, `m${n}`)));

describe('folding messages into the branch shown', () => {
  it('appends a message that continues the branch, once', () => {
    const once = foldMessage(branch(1, 2), saved(3, 'm3'), true);
    const twice = foldMessage(once.list, saved(3, 'm3'), true);
    expect(twice.list.map((m) => m.sequence_number)).toEqual([1, 2, 3]);
    expect(twice.reload).toBe(false);
  });

  it('asks for the active branch when a new message starts another branch, and ignores saves of other branches', () => {
    expect(foldMessage(branch(1, 2), saved(3, 'an edit', 0 || null), true).reload).toBe(true);
    expect(foldMessage(branch(1, 2, 3), saved(4, 'regenerated', 1), true).reload).toBe(true);
    const update = foldMessage(branch(1, 2), saved(7, 'streaming elsewhere', 5), false);
    expect(update).toEqual({ list: branch(1, 2), reload: false });
  });

  it('replaces an optimistic message by the saved one, keeping its key, even when realtime is first', () => {
    const optimistic: ViewMessage = { ...toView(saved(3, 'hello')), key: 'local', id: undefined, sequence_number: 0 };
    const { list } = foldMessage([...branch(1, 2), optimistic], saved(3, 'hello'), true);
    expect(list).toHaveLength(3);
    expect(list[2]).toMatchObject({ key: 'local', id: 'id3', sequence_number: 3 });
  });

  it('keeps the longer text of a reply this tab is streaming, takes its final text, and never goes back in time', () => {
    const streaming = {
      ...toView(saved(2, 'The ESP32 has Wi-Fi and', 1, { status: 'streaming', updated_at: '2026-01-01T00:00:01Z' })),
    };
    const behind = foldMessage(
      [...branch(1), streaming],
      saved(2, 'The ESP32', 1, { status: 'streaming', updated_at: '2026-01-01T00:00:02Z' }),
      false,
    );
    expect(behind.list[1].content).toBe('The ESP32 has Wi-Fi and');
    const done = foldMessage(
      behind.list,
      saved(2, 'The ESP32 has Wi-Fi and Bluetooth.', 1, { updated_at: '2026-01-01T00:00:03Z' }),
      false,
    );
    expect(done.list[1]).toMatchObject({ content: 'The ESP32 has Wi-Fi and Bluetooth.', status: 'complete' });
    const stale = foldMessage(
      done.list,
      saved(2, 'The ESP32', 1, { status: 'streaming', updated_at: '2026-01-01T00:00:02Z' }),
      false,
    );
    expect(stale.list[1].status).toBe('complete');
  });
});

describe('pages of the branch', () => {
  it('puts older pages above without duplicates and knows when the first message is reached', () => {
    const list = prependOlder(branch(3, 4), [saved(1, 'm1'), saved(2, 'm2'), saved(3, 'm3')]);
    expect(list.map((m) => m.sequence_number)).toEqual([1, 2, 3, 4]);
    expect(hasOlder(list)).toBe(false);
    expect(hasOlder(branch(3, 4))).toBe(true);
  });

  it('swaps in the newest page of another branch, keeping the shared older messages and sibling numbers', () => {
    const shown = branch(1, 2, 3, 4);
    const other = [saved(5, 'edit', 2, { sibling_count: 2, sibling_index: 2 })];
    const list = replaceNewest(shown, other);
    expect(list.map((m) => m.id)).toEqual(['id1', 'id2', 'id5']);
    expect(list[2]).toMatchObject({ sibling_count: 2, sibling_index: 2 });
    expect(replaceNewest(shown, [saved(9, 'far away', 8)]).map((m) => m.id)).toEqual(['id9']);
  });

  it('keeps the branch above a message that is edited or regenerated', () => {
    expect(branchBefore(branch(1, 2, 3, 4), 'id2').map((m) => m.id)).toEqual(['id1']);
    expect(branchBefore(branch(1, 2), 'id1')).toEqual([]);
  });
});
