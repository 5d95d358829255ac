// A chat put back by Undo lands where the database would list it: by last activity to the microsecond, then id.
import { describe, expect, it } from 'vitest';
import { newestFirst, withChange, withChat } from '@/lib/chats/order';

const chat = (id: string, at: string) => ({ id, title: id, last_message_at: at });

describe('chat list order', () => {
  it('orders by activity to the microsecond, which a Date would round off', () => {
    const list = [
      chat('a', '2026-11-20T10:00:00.123455+00:00'),
      chat('b', '2026-11-20T10:00:00.123457+00:00'),
      chat('c', '2026-11-20T10:00:00.123456+00:00'),
    ];
    expect(list.sort(newestFirst).map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });

  it('reads fractions Postgres shortened, and whole seconds', () => {
    const list = [
      chat('a', '2026-11-20T10:00:00.12+00:00'),
      chat('b', '2026-11-20T10:00:00.1201+00:00'),
      chat('c', '2026-11-20T10:00:00+00:00'),
      chat('d', '2026-11-20T10:00:01+00:00'),
    ];
    expect(list.sort(newestFirst).map((c) => c.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('compares instants, not the offsets they are written in', () => {
    const list = [chat('utc', '2026-11-20T10:00:00.5+00:00'), chat('paris', '2026-11-20T11:00:00.6+01:00')];
    expect(list.sort(newestFirst).map((c) => c.id)).toEqual(['paris', 'utc']);
  });

  it('settles ties by id, descending, and puts a chat back in its place once', () => {
    const at = '2026-11-20T10:00:00.1+00:00';
    const list = [chat('9', '2026-11-21T00:00:00+00:00'), chat('5', at), chat('1', at)];
    expect(withChat(list, chat('3', at)).map((c) => c.id)).toEqual(['9', '5', '3', '1']);
    expect(withChat(list, { ...chat('5', at), title: 'renamed' }).map((c) => [c.id, c.title])).toEqual([
      ['9', '9'],
      ['5', 'renamed'],
      ['1', '1'],
    ]);
  });

  it('applies live changes: new activity moves a chat up, archive and delete take it out, unloaded old chats wait', () => {
    const list = [
      chat('a', '2026-11-20T12:00:00+00:00'),
      chat('b', '2026-11-20T11:00:00+00:00'),
      chat('c', '2026-11-20T10:00:00+00:00'),
    ];
    const change = (id: string, at: string, flags: Partial<{ archived: boolean; deleted: boolean }> = {}) => ({
      id,
      title: `${id}!`,
      last_message_at: at,
      archived: false,
      deleted: false,
      ...flags,
    });
    expect(withChange(list, change('c', '2026-11-20T13:00:00+00:00'), true).map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(withChange(list, change('c', '2026-11-20T13:00:00+00:00'), true)[0].title).toBe('c!');
    expect(withChange(list, change('new', '2026-11-20T14:00:00+00:00'), true).map((c) => c.id)).toEqual([
      'new',
      'a',
      'b',
      'c',
    ]);
    expect(
      withChange(list, change('b', '2026-11-20T11:00:00+00:00', { archived: true }), true).map((c) => c.id),
    ).toEqual(['a', 'c']);
    expect(
      withChange(list, change('a', '2026-11-20T12:00:00+00:00', { deleted: true }), false).map((c) => c.id),
    ).toEqual(['b', 'c']);
    // An old chat beyond the loaded pages is left for its page; with nothing more to load it joins the end.
    expect(withChange(list, change('old', '2026-11-01T00:00:00+00:00'), true).map((c) => c.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(withChange(list, change('old', '2026-11-01T00:00:00+00:00'), false).map((c) => c.id)).toEqual([
      'a',
      'b',
      'c',
      'old',
    ]);
  });
});
