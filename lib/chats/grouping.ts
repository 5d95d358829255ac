// Groups the sidebar's chats by recency the way ChatGPT does: Today, Yesterday, Previous 7 days, Previous 30 days, Older.
export const chatGroups = ['Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days', 'Older'] as const;
export type ChatGroup = (typeof chatGroups)[number];

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function groupOf(activityAt: Date, now: Date = new Date()): ChatGroup {
  const days = Math.round((startOfDay(now) - startOfDay(activityAt)) / 86_400_000);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days <= 7) return 'Previous 7 days';
  if (days <= 30) return 'Previous 30 days';
  return 'Older';
}

export function groupChats<T>(chats: T[], activityOf: (chat: T) => string | Date, now: Date = new Date()): Array<{ group: ChatGroup; chats: T[] }> {
  const buckets = new Map<ChatGroup, T[]>();
  for (const chat of chats) {
    const group = groupOf(new Date(activityOf(chat)), now);
    const list = buckets.get(group) ?? [];
    list.push(chat);
    buckets.set(group, list);
  }
  return chatGroups.filter((g) => buckets.has(g)).map((group) => ({ group, chats: buckets.get(group)! }));
}
