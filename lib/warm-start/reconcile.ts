// Reconciling a chat's warm page (lib/warm-start/browser-store.ts) with the server by sequence number: the browser
// asks for the chat's active leaf and the messages written after the page's last one, and either the page is still
// the active branch's end, or the new messages extend it, or the branch moved elsewhere (an edit, a regeneration
// or a branch switch in another tab or device) and the page is replaced by the server's newest page.
import { warmPageSize, type WarmMessage } from './browser-store';

/** What the server says changed after the page's last message (lib/messages/browser.ts getChatChangesAfter). */
export type WarmChanges = {
  activeLeafId: string | null;
  /** Messages after the page's last sequence number, any branch, oldest first. */
  messages: Array<WarmMessage & { parent_id: string | null }>;
};

export type Reconciled =
  | { kind: 'current' }
  | { kind: 'extended'; messages: WarmMessage[] }
  /** The page no longer ends the active branch (or too much changed to tell): fetch the newest page instead. */
  | { kind: 'replace' };

/** How many messages after the page are asked for; a longer way back to the page is simply a replacement. */
export const warmChangesLimit = 100;

export function reconcileWarmPage(cached: WarmMessage[], changes: WarmChanges): Reconciled {
  const last = cached.at(-1);
  if (!last || !changes.activeLeafId) return { kind: 'replace' };
  if (changes.activeLeafId === last.id) return { kind: 'current' };
  const byId = new Map(changes.messages.map((m) => [m.id, m]));
  // From the active leaf back through its parents: a parent is always older, so the way back to the page, if the
  // page is on the branch, runs through messages written after it, all in `changes`.
  const added: WarmMessage[] = [];
  for (let m = byId.get(changes.activeLeafId); m; m = m.parent_id ? byId.get(m.parent_id) : undefined) {
    added.unshift(m);
    if (m.parent_id === last.id) return { kind: 'extended', messages: [...cached, ...added].slice(-warmPageSize) };
  }
  return { kind: 'replace' };
}
