// The share dialog's server actions against the real stack: like every action they check the session first, and
// only the chat's owner can create, list or revoke its links (RLS decides; another user's chat looks missing).
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { apiUrl, publishableKey } from '../support/stack.ts';
import { signInGuest } from '../support/app.ts';
import { admin } from './fixtures.ts';

const session = vi.hoisted(() => ({ client: null as unknown }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => session.client }));
// Outside Next.js there is no cache to purge: record what revoking asks to purge (lib/shares/cache.ts).
const purged = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => purged.push(tag),
  unstable_cache: (fn: () => unknown) => fn,
}));
const { createShare, listShares, revokeShare } = await import('@/app/share/actions');

const guest = signInGuest;
let me: SupabaseClient<Database>;
let chatId: string;
beforeAll(async () => {
  me = await guest();
  session.client = me;
  const { data, error } = await me.from('chats').insert({ title: 'Shared plans' }).select('id').single();
  if (error) throw error;
  chatId = data.id;
});
afterAll(async () => {
  await admin.end();
});

describe('the share actions', () => {
  it('create, list and revoke the links of my chat', async () => {
    const created = await createShare({ chatId, expiry: '7d' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.links.map((l) => l.id)).toEqual([created.link.id]);
    expect(created.link.share_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await listShares({ chatId })).toEqual({ ok: true, links: created.links });
    expect(await revokeShare({ chatId, shareId: created.link.id })).toEqual({ ok: true, links: [] });
    // The revoked link's cached page goes with it, named by the database, not by the chat id the browser sent.
    expect(purged).toEqual([`share:${created.link.share_token}`]);
  });

  it('refuse a caller without a session before touching the database', async () => {
    session.client = createSupabaseClient<Database>(apiUrl, publishableKey, { auth: { persistSession: false } });
    try {
      for (const result of [
        await createShare({ chatId, expiry: 'never' }),
        await listShares({ chatId }),
        await revokeShare({ chatId, shareId: crypto.randomUUID() }),
      ])
        expect(result).toEqual({
          ok: false,
          error: { code: 'unauthorized:auth', message: 'Please sign in to continue.' },
        });
    } finally {
      session.client = me;
    }
  });

  it("answer another user's chat as missing, and bad input with a message people can act on", async () => {
    session.client = await guest();
    try {
      expect(await createShare({ chatId, expiry: 'never' })).toMatchObject({
        ok: false,
        error: { code: 'not_found:share' },
      });
    } finally {
      session.client = me;
    }
    expect(await createShare({ chatId, expiry: 'forever' as never })).toEqual({
      ok: false,
      error: { code: 'bad_request:share', message: 'Choose when the link should expire.' },
    });
  });
});
