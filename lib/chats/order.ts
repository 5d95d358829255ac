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
