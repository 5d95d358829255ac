// The chat list's order on the client, the same as the database's: last activity to the microsecond, then id,
// both descending. Used to put a chat back where it belongs after an Undo.
import type { ChatSummary } from './queries';

// A Date keeps only milliseconds, and Postgres drops trailing zeros from the fraction: compare the text's digits.
function activityKey(at: string): string {
  const seconds = Math.floor(Date.parse(at) / 1000);
  const fraction = /\.(\d+)/.exec(at)?.[1] ?? '';
  return `${String(seconds).padStart(12, '0')}.${fraction.padEnd(6, '0')}`;
}

export function newestFirst(a: ChatSummary, b: ChatSummary): number {
  const [x, y] = [activityKey(a.last_message_at), activityKey(b.last_message_at)];
  if (x !== y) return x < y ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** The list with `chat` in its place (replacing an older copy of it). */
export function withChat(list: ChatSummary[], chat: ChatSummary): ChatSummary[] {
  return [...list.filter((c) => c.id !== chat.id), chat].sort(newestFirst);
}

/**
 * The list after a live change: archived and deleted chats leave it; others take their place by activity. A chat the
 * list has not loaded yet that belongs after its last row is left for the page that will bring it.
 */
export function withChange(
  list: ChatSummary[],
  change: { id: string; title: string; last_message_at: string; archived: boolean; deleted: boolean },
  hasMore: boolean,
): ChatSummary[] {
  if (change.archived || change.deleted) return list.filter((c) => c.id !== change.id);
  const chat = { id: change.id, title: change.title, last_message_at: change.last_message_at };
  const last = list.at(-1);
  if (hasMore && !list.some((c) => c.id === chat.id) && last && newestFirst(chat, last) > 0) return list;
  return withChat(list, chat);
}
