// The sidebar groups chats by the day of their latest activity, in the user's local calendar.
import { describe, expect, it } from 'vitest';
import { groupChats, groupOf } from '@/lib/chats/grouping';

const now = new Date(2026, 10, 25, 9, 30);
const daysAgo = (n: number, hour = 12) => new Date(2026, 10, 25 - n, hour);

describe('chat list grouping', () => {
  it('puts each chat in the group of its latest activity', () => {
    expect(groupOf(new Date(2026, 10, 25, 0, 1), now)).toBe('Today');
    expect(groupOf(new Date(2026, 10, 25, 23, 59), now)).toBe('Today');
    expect(groupOf(daysAgo(1, 23), now)).toBe('Yesterday');
    expect(groupOf(daysAgo(1, 0), now)).toBe('Yesterday');
    expect(groupOf(daysAgo(2), now)).toBe('Previous 7 days');
    expect(groupOf(daysAgo(7), now)).toBe('Previous 7 days');
    expect(groupOf(daysAgo(8), now)).toBe('Previous 30 days');
    expect(groupOf(daysAgo(30), now)).toBe('Previous 30 days');
  });

  it('names older groups by month, with the year only before this year', () => {
    expect(groupOf(daysAgo(31), now)).toBe('October');
    expect(groupOf(new Date(2026, 0, 3), now)).toBe('January');
    expect(groupOf(new Date(2025, 11, 31, 23), now)).toBe('December 2025');
    expect(groupOf(new Date(2024, 10, 25), now)).toBe('November 2024');
  });

  it('counts calendar days, not 24-hour periods, across a daylight-saving change', () => {
    const afterChange = new Date(2026, 2, 30, 0, 30);
    expect(groupOf(new Date(2026, 2, 29, 23, 30), afterChange)).toBe('Yesterday');
    expect(groupOf(new Date(2026, 2, 23, 0, 30), afterChange)).toBe('Previous 7 days');
  });

  it('keeps the given order inside a group and orders the groups newest first', () => {
    const chats = [
      { id: 'a', at: daysAgo(0).toISOString() },
      { id: 'c', at: daysAgo(0, 8).toISOString() },
      { id: 'd', at: daysAgo(1).toISOString() },
      { id: 'b', at: daysAgo(40).toISOString() },
      { id: 'e', at: new Date(2026, 8, 2).toISOString() },
      { id: 'f', at: new Date(2025, 5, 2).toISOString() },
    ];
    const groups = groupChats(chats, (c) => c.at, now);
    expect(groups.map((g) => [g.group, g.chats.map((c) => c.id)])).toEqual([
      ['Today', ['a', 'c']],
      ['Yesterday', ['d']],
      ['October', ['b']],
      ['September', ['e']],
      ['June 2025', ['f']],
    ]);
  });

  it('can count in UTC, which the server render and the browser agree on', () => {
    const late = new Date(Date.UTC(2026, 10, 24, 23, 30));
    const utcNow = new Date(Date.UTC(2026, 10, 25, 0, 30));
    expect(groupOf(late, utcNow, 'utc')).toBe('Yesterday');
    expect(groupOf(new Date(Date.UTC(2026, 9, 1)), utcNow, 'utc')).toBe('October');
    expect(groupOf(new Date(Date.UTC(2025, 11, 31, 23)), utcNow, 'utc')).toBe('December 2025');
  });

  it('gives no groups for no chats', () => {
    expect(groupChats([], () => now, now)).toEqual([]);
  });
});
