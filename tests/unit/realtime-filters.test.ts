// The postgres_changes filter grammar realtime-js produces (its filter builder's quoting included) and how a row is
// matched against it with the column's type.
import { postgresChangesFilter } from '@supabase/realtime-js';
import { describe, expect, it } from 'vitest';
import { parseBinding, parseFilter, rowMatches } from '../../supabase/local/realtime/filters.ts';

const types = new Map([
  ['id', 'int8'],
  ['n', 'int4'],
  ['name', 'text'],
  ['done', 'bool'],
  ['at', 'timestamptz'],
  ['chat', 'uuid'],
]);
const matches = (filter: string, row: Record<string, unknown>) => {
  const parsed = parseFilter(filter);
  if (!parsed.ok) throw new Error(parsed.message);
  return rowMatches(parsed.filters, row, types);
};

describe('postgres_changes filters', () => {
  it('compare numbers as numbers, timestamps as instants and uuids without regard to case', () => {
    expect(matches('n=gt.9', { n: 10 })).toBe(true);
    expect(matches('n=lte.9', { n: 10 })).toBe(false);
    expect(matches('at=lt.2026-01-02 00:00:00+00', { at: '2026-01-01T23:59:59+00:00' })).toBe(true);
    expect(
      matches('chat=eq.0D4F3C52-8B8E-4C39-9A57-1C6F1C1D2E3F', { chat: '0d4f3c52-8b8e-4c39-9a57-1c6f1c1d2e3f' }),
    ).toBe(true);
    expect(matches('done=eq.true', { done: true })).toBe(true);
  });

  it('read the quoting and lists realtime-js builds, joined as AND', () => {
    const filter = postgresChangesFilter().in('name', ['a,b', 'c']).neq('n', 3).build();
    expect(matches(filter, { name: 'a,b', n: 1 })).toBe(true);
    expect(matches(filter, { name: 'a', n: 1 })).toBe(false);
    expect(matches(filter, { name: 'c', n: 3 })).toBe(false);
  });

  it('treat null as SQL does, negated or not, and is.null as a test for it', () => {
    expect(matches('name=eq.x', { name: null })).toBe(false);
    expect(matches('name=not.eq.x', { name: null })).toBe(false);
    expect(matches('name=is.null', { name: null })).toBe(true);
    expect(matches('name=not.is.null', { name: 'x' })).toBe(true);
  });

  it('fail a filter on a column the row does not carry (a delete keeps its key only)', () => {
    expect(matches('name=eq.x', { id: 1 })).toBe(false);
    expect(matches('id=eq.1', { id: 1 })).toBe(true);
  });

  it('name the operators the local stand-in does not support', () => {
    expect(parseFilter('name=like.a%')).toEqual({
      ok: false,
      message: expect.stringContaining('like filter operator is not supported'),
    });
    expect(parseBinding({ event: 'UPSERT', schema: 'public' })).toMatchObject({ ok: false });
  });

  it('give the same binding the same id, and different bindings different ids', () => {
    const a = parseBinding({ event: 'INSERT', schema: 'public', table: 't', filter: 'id=eq.1' });
    const b = parseBinding({ event: 'INSERT', schema: 'public', table: 't', filter: 'id=eq.1' });
    const c = parseBinding({ event: 'INSERT', schema: 'public', table: 't', filter: 'id=eq.2' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('bindings did not parse');
    expect(a.binding.id).toBe(b.binding.id);
    expect(a.binding.id).not.toBe(c.binding.id);
  });
});
