// Groups the sidebar's chats by recency the way ChatGPT does: Today, Yesterday, Previous 7 days, Previous 30 days,
// then one group per month ("October", or "October 2025" before this year), in the user's local calendar.
export const recentGroups = ['Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days'] as const;
export type ChatGroup = string;

/**
 * The calendar the groups are counted in: the user's own (`local`, in the browser) or `utc`, which the server and the
 * browser agree on, for the server render and hydration before the browser switches to its own.
 */
export type Calendar = 'local' | 'utc';

function day(date: Date, calendar: Calendar): { year: number; month: number; start: number } {
  if (calendar === 'utc')
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth(),
      start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
    };
  return {
    year: date.getFullYear(),
    month: date.getMonth(),
    start: new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime(),
  };
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function groupOf(activityAt: Date, now: Date = new Date(), calendar: Calendar = 'local'): ChatGroup {
  const [then, today] = [day(activityAt, calendar), day(now, calendar)];
  // Rounded: a day across a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((today.start - then.start) / 86_400_000);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days <= 7) return 'Previous 7 days';
  if (days <= 30) return 'Previous 30 days';
  return then.year === today.year ? months[then.month] : `${months[then.month]} ${then.year}`;
}

/** Chats in groups, in the order given (newest activity first); a group appears once, where its first chat is. */
export function groupChats<T>(
  chats: T[],
  activityOf: (chat: T) => string | Date,
  now: Date = new Date(),
  calendar: Calendar = 'local',
): Array<{ group: ChatGroup; chats: T[] }> {
  const groups: Array<{ group: ChatGroup; chats: T[] }> = [];
  const byName = new Map<ChatGroup, T[]>();
  for (const chat of chats) {
    const group = groupOf(new Date(activityOf(chat)), now, calendar);
    let list = byName.get(group);
    if (!list) {
      list = [];
      byName.set(group, list);
      groups.push({ group, chats: list });
    }
    list.push(chat);
  }
  return groups;
}
