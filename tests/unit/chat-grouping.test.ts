// The sidebar groups chats by the day of their latest activity, in the user's local calendar.
import { describe, expect, it } from 'vitest';
import { groupChats, groupOf } from '@/lib/chats/grouping';

const now = new Date(2026, 10, 25, 9, 30);
const daysAgo = (n: number, hour = 12) => new Date(2026, 10, 25 - n, hour);

describe('chat list grouping', () => {
  it('puts each chat in the group of its latest activity', () => {
    expect(groupOf(new Date(2026, 10, 25, 0, 1), now)).toBe('Today');
    expect(groupOf(daysAgo(1, 23), now)).toBe('Yesterday');
    expect(groupOf(daysAgo(2), now)).toBe('Previous 7 days');
    expect(groupOf(daysAgo(7), now)).toBe('Previous 7 days');
    expect(groupOf(daysAgo(8), now)).toBe('Previous 30 days');
    expect(groupOf(daysAgo(30), now)).toBe('Previous 30 days');
    expect(groupOf(daysAgo(31), now)).toBe('Older');
  });

  it('keeps the given order inside a group and orders the groups newest first', () => {
    const chats = [
      { id: 'a', at: daysAgo(0).toISOString() },
      { id: 'b', at: daysAgo(40).toISOString() },
      { id: 'c', at: daysAgo(0, 8).toISOString() },
      { id: 'd', at: daysAgo(1).toISOString() },
    ];
    const groups = groupChats(chats, (c) => c.at, now);
    expect(groups.map((g) => [g.group, g.chats.map((c) => c.id)])).toEqual([
      ['Today', ['a', 'c']],
      ['Yesterday', ['d']],
      ['Older', ['b']],
    ]);
  });
});
