// public.list_chats through /rest/v1 as real users: its own owner filter (another user's chats never appear, whatever
// the cursor), the cursor's ties settled by id, the archive and deleted chats, and bad input answered as a 400 with
// a message a person can act on. Paging through whole lists: chat-list.test.ts; its plan: chat-list-plans.test.ts.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPostgrestError } from '@/lib/errors';
import type { Database } from '@/lib/supabase/database.types';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl, publishableKey } from '../support/stack.ts';
import { signedInGuest } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
afterAll(() => admin.end());

const signedIn = () => signedInGuest<Database>(admin, gateway.url);

type Seeded = { at: string; title: string; id?: string; archived?: boolean; deleted?: boolean };

// The time goes as text: postgres.js would send a timestamptz parameter through a Date, which keeps milliseconds only.
async function seed(userId: string, rows: Seeded[]) {
  for (const r of rows)
    await admin`
      insert into public.chats (id, user_id, title, last_message_at, archived_at, deleted_at)
      values (${r.id ?? crypto.randomUUID()}, ${userId}, ${r.title}, ${r.at}::text::timestamptz,
              ${r.archived ? new Date() : null}, ${r.deleted ? new Date() : null})`;
}

const titles = (rows: Array<{ title: string }> | null) => rows?.map((r) => r.title);

describe('list_chats', () => {
  it("lists only the caller's chats, even from a cursor placed among another user's", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const tie = '2026-11-20T10:00:00.123456+00:00';
    // Three chats at the same instant, in id order: one of mine below the other user's, one above it.
    const [low, middle, high] = Array.from({ length: 3 }, () => crypto.randomUUID()).sort();
    await seed(owner.id, [
      { at: tie, title: 'mine at the tie, above', id: high },
      { at: tie, title: 'mine at the tie, below', id: low },
      { at: '2026-11-19T00:00:00Z', title: 'mine older' },
    ]);
    await seed(other.id, [
      { at: tie, title: 'theirs at the tie', id: middle },
      { at: '2026-11-21T00:00:00Z', title: 'theirs newest' },
    ]);
    // A cursor at the other user's chat: the page goes on after it in (time, id) order, with my chats only.
    const { data, error } = await owner.supabase.rpc('list_chats', { p_before_at: tie, p_before_id: middle });
    expect(error).toBeNull();
    expect(titles(data)).toEqual(['mine at the tie, below', 'mine older']);
    expect(titles((await owner.supabase.rpc('list_chats', {})).data)).toEqual([
      'mine at the tie, above',
      'mine at the tie, below',
      'mine older',
    ]);
    expect(titles((await other.supabase.rpc('list_chats', {})).data)).toEqual(['theirs newest', 'theirs at the tie']);
  });

  it('keeps the archive and the list apart, and lists deleted chats in neither', async () => {
    const { id, supabase } = await signedIn();
    await seed(id, [
      { at: '2026-11-01T00:00:00Z', title: 'listed' },
      { at: '2026-11-02T00:00:00Z', title: 'archived', archived: true },
      { at: '2026-11-03T00:00:00Z', title: 'deleted', deleted: true },
      { at: '2026-11-04T00:00:00Z', title: 'archived, then deleted', archived: true, deleted: true },
    ]);
    expect(titles((await supabase.rpc('list_chats', {})).data)).toEqual(['listed']);
    expect(titles((await supabase.rpc('list_chats', { p_archived: true })).data)).toEqual(['archived']);
    expect(titles((await supabase.rpc('list_chats', { p_limit: 1, p_archived: true })).data)).toEqual(['archived']);
  });

  it('answers a half cursor, a page size out of range or a time that is not one with a 400 that says why', async () => {
    const { supabase } = await signedIn();
    const refused = async (args: Database['public']['Functions']['list_chats']['Args']) => {
      const { data, error } = await supabase.rpc('list_chats', args);
      expect(data).toBeNull();
      const failure = fromPostgrestError(error!, 'chat');
      expect(failure.status).toBe(400);
      return failure.message;
    };
    expect(await refused({ p_before_at: '2026-11-01T00:00:00Z' })).toBe(
      'A chat-list cursor needs both the time and the id of the last chat shown.',
    );
    expect(await refused({ p_before_id: crypto.randomUUID() })).toMatch(/needs both the time and the id/);
    expect(await refused({ p_limit: 0 })).toBe('A chat-list page holds between 1 and 200 chats (asked for 0).');
    expect(await refused({ p_limit: 201 })).toMatch(/between 1 and 200/);
    expect(await refused({ p_before_at: 'yesterday-ish', p_before_id: crypto.randomUUID() })).toMatch(
      /timestamp with time zone/,
    );
    expect(await refused({ p_before_at: '2026-11-01T00:00:00Z', p_before_id: 'not-a-uuid' })).toMatch(/uuid/);
  });

  it('is not for visitors without a session', async () => {
    const anon = createClient<Database>(gateway.url, publishableKey);
    const { error } = await anon.rpc('list_chats', {});
    expect(fromPostgrestError(error!, 'chat').status).toBe(403);
  });
});
