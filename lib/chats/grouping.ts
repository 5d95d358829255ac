// Groups the sidebar's chats by recency the way ChatGPT does: Today, Yesterday, Previous 7 days, Previous 30 days,
// then one group per month ("October", or "October 2025" before this year), in the user's local calendar.
export const recentGroups = ['Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days'] as const;
export type ChatGroup = string;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function monthName(date: Date, now: Date): string {
  const month = date.toLocaleDateString('en-US', { month: 'long' });
  return date.getFullYear() === now.getFullYear() ? month : `${month} ${date.getFullYear()}`;
}

export function groupOf(activityAt: Date, now: Date = new Date()): ChatGroup {
  // Rounded: a day across a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((startOfDay(now) - startOfDay(activityAt)) / 86_400_000);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days <= 7) return 'Previous 7 days';
  if (days <= 30) return 'Previous 30 days';
  return monthName(activityAt, now);
}

/** Chats in groups, in the order given (newest activity first); a group appears once, where its first chat is. */
export function groupChats<T>(chats: T[], activityOf: (chat: T) => string | Date, now: Date = new Date()): Array<{ group: ChatGroup; chats: T[] }> {
  const groups: Array<{ group: ChatGroup; chats: T[] }> = [];
  const byName = new Map<ChatGroup, T[]>();
  for (const chat of chats) {
    const group = groupOf(new Date(activityOf(chat)), now);
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
