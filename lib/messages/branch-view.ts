// What a tab shows of a chat is one branch of its message tree, oldest first. Messages reach the tab from four
// places — the server-rendered page, older pages, realtime events and catch-up fetches, and the reply this tab
// streams — and these functions fold them in by message id: nothing shows twice, a reply this tab streams keeps
// the longer text it already has, and a message that does not continue the shown branch asks for a reload of the
// active branch (the database decides which branch is active; the tab never guesses).
import type { ChatMessage, PaintedMessage } from './types';

export type ViewMessage = PaintedMessage &
  Pick<ChatMessage, 'parent_id'> & {
    /** Stable React key: the id once saved, a local key for an optimistic message. */
    key: string;
    id?: string;
    updated_at?: string;
    sibling_count: number;
    sibling_index: number;
  };

/** A saved message as realtime, catch-up and page fetches deliver it (sibling numbers only from pages). */
export type SavedMessage = Omit<ViewMessage, 'key' | 'id' | 'sibling_count' | 'sibling_index'> & {
  id: string;
  sibling_count?: number;
  sibling_index?: number;
};

export const toView = (m: SavedMessage): ViewMessage => ({ sibling_count: 1, sibling_index: 1, ...m, key: m.id });

function combine(existing: ViewMessage, record: SavedMessage): ViewMessage {
  // An older snapshot (a slow fetch) never overwrites a newer one.
  if (existing.updated_at && record.updated_at && Date.parse(record.updated_at) < Date.parse(existing.updated_at))
    return existing;
  const localStreamAhead =
    existing.status === 'streaming' && record.status === 'streaming' && existing.content.length > record.content.length;
  return {
    ...existing,
    ...record,
    key: existing.key,
    sibling_count: record.sibling_count ?? existing.sibling_count,
    sibling_index: record.sibling_index ?? existing.sibling_index,
    content: localStreamAhead ? existing.content : record.content,
  };
}

const lastSaved = (list: ViewMessage[]) => list.findLast((m) => m.id);

/**
 * Folds one saved message into the branch. `inserted` is false for updates of rows this tab may never have seen
 * (another branch streaming): those are ignored rather than reloading the branch at every save.
 * `reload` says the branch shown is no longer the active one (a new message elsewhere in the tree).
 */
export function foldMessage(
  list: ViewMessage[],
  record: SavedMessage,
  inserted: boolean,
): { list: ViewMessage[]; reload: boolean } {
  const at = list.findIndex((m) => m.id === record.id);
  if (at >= 0) return { list: list.with(at, combine(list[at], record)), reload: false };
  // Our own optimistic message, saved: realtime can be faster than the action's answer.
  const pending = list.findIndex((m) => !m.id && m.role === record.role && m.content === record.content);
  if (pending >= 0)
    return { list: list.with(pending, { ...combine(list[pending], record), id: record.id }), reload: false };
  const tail = lastSaved(list);
  if ((tail && record.parent_id === tail.id) || (!tail && record.parent_id === null)) {
    const unsaved = list.filter((m) => !m.id);
    return { list: [...list.filter((m) => m.id), toView(record), ...unsaved], reload: false };
  }
  return { list, reload: inserted };
}

/** Replaces the newest part of the branch with a fresh newest page (oldest first), keeping older pages above it. */
export function replaceNewest(list: ViewMessage[], page: SavedMessage[]): ViewMessage[] {
  const byId = new Map(list.filter((m) => m.id).map((m) => [m.id, m]));
  const fresh = page.map((m) => {
    const existing = byId.get(m.id);
    return existing ? combine(existing, m) : toView(m);
  });
  const unsaved = list.filter((m) => !m.id && !page.some((p) => p.role === m.role && p.content === m.content));
  const first = page[0];
  if (!first) return unsaved;
  // The older pages this tab loaded still lead to the page when its first message's parent is among them.
  const joint = list.findIndex((m) => m.id && m.id === first.parent_id);
  const older = joint >= 0 ? list.slice(0, joint + 1) : [];
  return [...older, ...fresh, ...unsaved];
}

/** Puts an older page (oldest first) above the branch, skipping anything already shown. */
export function prependOlder(list: ViewMessage[], page: SavedMessage[]): ViewMessage[] {
  const shown = new Set(list.map((m) => m.id));
  return [...page.filter((m) => !shown.has(m.id)).map(toView), ...list];
}

/** Whether the branch shown goes back further than the oldest message loaded. */
export const hasOlder = (list: ViewMessage[]) => list.length > 0 && list[0].parent_id !== null;

/** The branch above a message: what stays when that message is edited or its reply regenerated. */
export function branchBefore(list: ViewMessage[], messageId: string): ViewMessage[] {
  const at = list.findIndex((m) => m.id === messageId);
  return at < 0 ? list : list.slice(0, at);
}

/** The newest saved message shown: new messages continue the branch from it. */
export const lastSavedMessage = lastSaved;
