// The warm start's store and its reconciliation (lib/warm-start), on an in-memory IndexedDB (fake-indexeddb):
// bounded, per user, emptied on sign-out; a cached page extended by what came after it on the same branch, and
// replaced when the branch moved elsewhere.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearWarmStart,
  forgetWarmChatPage,
  readWarmChatList,
  readWarmChatPage,
  saveWarmChatList,
  saveWarmChatPage,
  warmChatLimit,
  warmPageSize,
  type WarmMessage,
} from '@/lib/warm-start/browser-store';
import { reconcileWarmPage, type WarmChanges } from '@/lib/warm-start/reconcile';

const message = (n: number, extra: Partial<WarmMessage> = {}): WarmMessage => ({
  id: `m${n}`,
  role: n % 2 ? 'user' : 'assistant',
  content: `message ${n}`,
  sequence_number: n,
  status: 'complete',
  agent_name: null,
  agent_model: null,
  intent: null,
  input_tokens: 0,
  output_tokens: 0,
  ...extra,
});
const page = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
/** A message after the page, with its parent. */
const after = (n: number, parent: number | null, extra: Partial<WarmMessage> = {}) => ({
  ...message(n, extra),
  parent_id: parent === null ? null : `m${parent}`,
});

describe('the warm store', () => {
  beforeEach(async () => {
    // Each save a second after the last: which chat was opened longest ago must not depend on the test's speed.
    let clock = Date.parse('2026-12-01T10:00:00Z');
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    await clearWarmStart();
  });

  it('keeps only the newest page of a chat, and only what a message paints', async () => {
    const long = page(1, warmPageSize + 10).map((m) => ({ ...m, parent_id: 'x', share_token: 'never' }));
    await saveWarmChatPage('alice', 'chat-1', long);
    const kept = await readWarmChatPage('alice', 'chat-1');
    expect(kept).toHaveLength(warmPageSize);
    expect(kept?.[0]?.sequence_number).toBe(11);
    expect(kept?.at(-1)).toEqual(message(warmPageSize + 10));
  });

  it('keeps the last chats opened up to its limit and forgets the oldest first', async () => {
    for (let i = 0; i <= warmChatLimit; i++) await saveWarmChatPage('alice', `chat-${i}`, page(1, 2));
    expect(await readWarmChatPage('alice', 'chat-0')).toBeNull();
    expect(await readWarmChatPage('alice', 'chat-1')).toHaveLength(2);
    expect(await readWarmChatPage('alice', `chat-${warmChatLimit}`)).toHaveLength(2);
    // Saving a chat again makes it the newest: the next one over the limit pushes out chat-2, not chat-1.
    await saveWarmChatPage('alice', 'chat-1', page(1, 3));
    await saveWarmChatPage('alice', 'chat-extra', page(1, 2));
    expect(await readWarmChatPage('alice', 'chat-1')).toHaveLength(3);
    expect(await readWarmChatPage('alice', 'chat-2')).toBeNull();
  });

  it("empties itself for another user, keeps the chat list's summaries only, and empties on sign-out", async () => {
    await saveWarmChatPage('alice', 'chat-1', page(1, 2));
    const summary = { id: 'chat-1', title: 'Greenhouse', last_message_at: '2026-12-01T10:00:00Z' };
    await saveWarmChatList('alice', [{ ...summary, share_token: 'secret' } as typeof summary]);
    expect(await readWarmChatList('alice')).toEqual([summary]);
    expect(await readWarmChatPage('bob', 'chat-1')).toBeNull();
    expect(await readWarmChatList('bob')).toBeNull();
    // Alice's store is gone, not hidden: back as Alice, nothing of hers is left either.
    expect(await readWarmChatPage('alice', 'chat-1')).toBeNull();

    await saveWarmChatPage('bob', 'chat-2', page(1, 2));
    await forgetWarmChatPage('bob', 'chat-2');
    expect(await readWarmChatPage('bob', 'chat-2')).toBeNull();
    await saveWarmChatPage('bob', 'chat-3', page(1, 2));
    await clearWarmStart();
    expect(await readWarmChatPage('bob', 'chat-3')).toBeNull();
  });
});

describe('reconciling a warm page by sequence number', () => {
  const cached = page(1, 4);
  const changes = (activeLeafId: string | null, messages: WarmChanges['messages'] = []): WarmChanges => ({
    activeLeafId,
    messages,
  });

  it('keeps the page when it still ends the active branch, whatever was written on other branches', () => {
    expect(reconcileWarmPage(cached, changes('m4'))).toEqual({ kind: 'current' });
    expect(reconcileWarmPage(cached, changes('m4', [after(5, 2), after(6, 5)]))).toEqual({ kind: 'current' });
  });

  it('extends the page by the messages after it on the active branch, in branch order, and stays bounded', () => {
    const added = [after(5, 4), after(6, 3), after(7, 5), after(8, 7)];
    const out = reconcileWarmPage(cached, changes('m8', added));
    expect(out.kind).toBe('extended');
    expect(out.kind === 'extended' && out.messages.map((m) => m.sequence_number)).toEqual([1, 2, 3, 4, 5, 7, 8]);

    const full = page(1, warmPageSize);
    const more = reconcileWarmPage(full, changes('m51', [after(warmPageSize + 1, warmPageSize)]));
    expect(more.kind === 'extended' && more.messages).toHaveLength(warmPageSize);
    expect(more.kind === 'extended' && more.messages.at(-1)?.sequence_number).toBe(warmPageSize + 1);
  });

  it('asks for a replacement when an edit, a regeneration or a branch switch moved the branch elsewhere', () => {
    // An edit of message 3: a new sibling and its reply.
    expect(reconcileWarmPage(cached, changes('m6', [after(5, 2), after(6, 5)]))).toEqual({ kind: 'replace' });
    // A regeneration of the last reply: a sibling of message 4.
    expect(reconcileWarmPage(cached, changes('m5', [after(5, 3)]))).toEqual({ kind: 'replace' });
    // A switch to an older branch: its leaf was written before the page's end, so it is not among the changes.
    expect(reconcileWarmPage(cached, changes('m2-other'))).toEqual({ kind: 'replace' });
    // More came after the page than was asked for: the way back to the page is cut.
    expect(reconcileWarmPage(cached, changes('m9', [after(8, 7), after(9, 8)]))).toEqual({ kind: 'replace' });
    // A chat emptied of its branch, or an empty cached page.
    expect(reconcileWarmPage(cached, changes(null))).toEqual({ kind: 'replace' });
    expect(reconcileWarmPage([], changes('m1', [after(1, null)]))).toEqual({ kind: 'replace' });
  });
});
