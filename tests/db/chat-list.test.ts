// The sidebar's data helpers (lib/chats/queries.ts) through supabase-js as a real user: keyset pages that neither
// repeat nor skip a chat, archived and deleted chats kept out, changes that only the owner can make, and the live
// chat_changed broadcasts the other tabs' lists follow.
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deleteChatsDeletedBefore,
  deleteDeletedChat,
  selectChatListPage,
  updateChat,
  type ChatSummary,
} from '@/lib/chats/queries';
import { chatCursorSchema, chatTitleSchema } from '@/lib/chats/schemas';
import type { Database } from '@/lib/supabase/database.types';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl } from '../support/stack.ts';
import { signedInGuest } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
afterAll(() => admin.end());

const signedIn = () => signedInGuest<Database>(admin, gateway.url);

/** Chats of `userId`; activity times come from SQL, as the database's own triggers would set them. */
async function seedChats(userId: string, activity: string[]): Promise<string[]> {
  const rows = await admin`
    insert into public.chats (user_id, title, last_message_at)
    select ${userId}, 'Chat ' || n, t::timestamptz from unnest(${activity}::text[]) with ordinality as a(t, n)
    returning id`;
  return rows.map((r) => r.id as string);
}

async function allPages(supabase: SupabaseClient<Database>, limit: number, archived = false) {
  const pages: ChatSummary[][] = [];
  let cursor = null;
  for (;;) {
    const { data, error } = await selectChatListPage(supabase, { cursor, limit, archived });
    expect(error).toBeNull();
    pages.push(data!.chats);
    if (!data!.next) return pages;
    expect(chatCursorSchema.safeParse(data!.next).success).toBe(true);
    cursor = data!.next;
  }
}

describe('chat list helpers', () => {
  it('pages through every chat once, newest activity first, also when many chats share the same instant', async () => {
    const { id, supabase } = await signedIn();
    const tie = '2026-11-20T10:00:00.123456+00:00';
    const activity = [
      ...Array.from({ length: 7 }, () => tie),
      ...Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 10, 21) + i * 1000).toISOString()),
      '2026-11-20T10:00:00.123457+00:00',
      '2026-11-20T10:00:00.123455+00:00',
    ];
    const ids = await seedChats(id, activity);
    const pages = await allPages(supabase, 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 3]);
    const listed = pages.flat();
    expect(new Set(listed.map((c) => c.id))).toEqual(new Set(ids));
    const keys = listed.map((c) => [Date.parse(c.last_message_at), c.last_message_at, c.id] as const);
    const sorted = [...keys].sort((a, b) => (a[1] === b[1] ? (a[2] < b[2] ? 1 : -1) : a[1] < b[1] ? 1 : -1));
    expect(keys.map((k) => k[2])).toEqual(sorted.map((k) => k[2]));
    expect(listed.filter((c) => c.last_message_at.startsWith('2026-11-20T10:00:00.123456')).map((c) => c.id)).toEqual(
      ids.slice(0, 7).sort().reverse(),
    );
  });

  it('answers an exact page with no next cursor and an empty list with nothing', async () => {
    const { id, supabase } = await signedIn();
    expect((await selectChatListPage(supabase, { limit: 5 })).data).toEqual({ chats: [], next: null });
    await seedChats(id, ['2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z']);
    const { data } = await selectChatListPage(supabase, { limit: 2 });
    expect(data?.chats.map((c) => c.title)).toEqual(['Chat 2', 'Chat 1']);
    expect(data?.next).toBeNull();
    // Another user's list holds none of them.
    const other = await signedIn();
    expect((await selectChatListPage(other.supabase, { limit: 5 })).data?.chats).toEqual([]);
  });

  it('keeps archived chats out of the list and shows them in the archive; unarchiving brings a chat back', async () => {
    const { id, supabase } = await signedIn();
    const [a, b] = await seedChats(id, ['2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z']);
    const archived = await updateChat(supabase, a, { archived_at: new Date().toISOString() });
    expect(archived.data?.id).toBe(a);
    expect((await selectChatListPage(supabase, { limit: 10 })).data?.chats.map((c) => c.id)).toEqual([b]);
    expect((await selectChatListPage(supabase, { limit: 10, archived: true })).data?.chats.map((c) => c.id)).toEqual([
      a,
    ]);
    await updateChat(supabase, a, { archived_at: null });
    expect((await selectChatListPage(supabase, { limit: 10 })).data?.chats.map((c) => c.id)).toEqual([b, a]);
  });

  it('deletes in two steps: a deleted chat is hidden and can be restored, and only a deleted chat can be removed for good', async () => {
    const { id, supabase } = await signedIn();
    const [a, b] = await seedChats(id, ['2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z']);
    expect((await deleteDeletedChat(supabase, b)).data).toBeNull();
    await updateChat(supabase, a, { deleted_at: new Date().toISOString() });
    expect((await selectChatListPage(supabase, { limit: 10 })).data?.chats.map((c) => c.id)).toEqual([b]);
    expect((await selectChatListPage(supabase, { limit: 10, archived: true })).data?.chats).toEqual([]);
    expect((await updateChat(supabase, a, { title: 'renamed while deleted' })).data).toBeNull();
    expect((await updateChat(supabase, a, { deleted_at: null }, { deleted: true })).data?.id).toBe(a);
    expect((await selectChatListPage(supabase, { limit: 10 })).data?.chats.map((c) => c.id)).toEqual([b, a]);

    await updateChat(supabase, a, { deleted_at: new Date().toISOString() });
    expect((await deleteDeletedChat(supabase, a)).data?.id).toBe(a);
    expect(await admin`select id from public.chats where id in (${a}, ${b})`).toEqual([{ id: b }]);
  });

  it("sweeps up only the user's own chats deleted before the cutoff", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const [stale, recent, live] = await seedChats(owner.id, [
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
      '2026-11-03T00:00:00Z',
    ]);
    const [othersStale] = await seedChats(other.id, ['2026-11-01T00:00:00Z']);
    await admin`update public.chats set deleted_at = now() - interval '2 hours' where id in (${stale}, ${othersStale})`;
    await admin`update public.chats set deleted_at = now() - interval '5 minutes' where id = ${recent}`;
    expect((await deleteChatsDeletedBefore(owner.supabase, new Date(Date.now() - 3_600_000))).error).toBeNull();
    const left = await admin`select id from public.chats where id in (${stale}, ${recent}, ${live}, ${othersStale})`;
    expect(new Set(left.map((r) => r.id))).toEqual(new Set([recent, live, othersStale]));
  });

  it('tells the other tabs when a chat moves in the list, not when the chat in front gets another message', async () => {
    const { id, supabase } = await signedIn();
    const hour = 3_600_000;
    const [older, newer] = await seedChats(id, [
      new Date(Date.now() - 2 * hour).toISOString(),
      new Date(Date.now() - hour).toISOString(),
    ]);
    const changes = async () =>
      (
        await admin`select payload ->> 'id' as id from realtime.messages
                     where topic = ${`user:${id}:chats`} and event = 'chat_changed' order by inserted_at, id`
      ).map((r) => r.id as string);
    const append = async (chat: string) => {
      const { error } = await supabase.rpc('append_message', { p_chat_id: chat, p_content: 'Which MOSFET?' });
      expect(error).toBeNull();
      const [row] = await admin`select last_message_at from public.chats where id = ${chat}`;
      return row.last_message_at as Date;
    };
    const quarterHour = (at: Date) => Math.floor(at.getTime() / (15 * 60_000));
    const seeded = (await changes()).length;

    const first = await append(older);
    expect((await changes()).slice(seeded)).toEqual([older]);
    // Already first in the list: nothing moves (unless a quarter hour turned in between, which could cross midnight).
    const second = await append(older);
    expect((await changes()).slice(seeded)).toEqual(
      quarterHour(first) === quarterHour(second) ? [older] : [older, older],
    );
    const moved = (await changes()).length;
    await append(newer);
    expect((await changes()).slice(moved)).toEqual([newer]);
    expect((await updateChat(supabase, newer, { title: 'Renamed' })).error).toBeNull();
    expect((await changes()).slice(moved)).toEqual([newer, newer]);
  });

  it('lets only the owner rename, archive or delete a chat', async () => {
    const owner = await signedIn();
    const stranger = await signedIn();
    const [chat] = await seedChats(owner.id, ['2026-11-01T00:00:00Z']);
    expect((await updateChat(stranger.supabase, chat, { title: 'mine now' })).data).toBeNull();
    expect((await updateChat(stranger.supabase, chat, { archived_at: new Date().toISOString() })).data).toBeNull();
    expect((await updateChat(stranger.supabase, chat, { deleted_at: new Date().toISOString() })).data).toBeNull();
    expect((await selectChatListPage(stranger.supabase, { limit: 10 })).data?.chats).toEqual([]);
    expect(await admin`select title, archived_at, deleted_at from public.chats where id = ${chat}`).toEqual([
      { title: 'Chat 1', archived_at: null, deleted_at: null },
    ]);
    const renamed = await updateChat(owner.supabase, chat, { title: 'Weather station' });
    expect(renamed.data?.title).toBe('Weather station');
  });

  it('validates titles the way the database limits them, with messages a person can act on', async () => {
    expect(chatTitleSchema.safeParse('  Soil sensor  ').data).toBe('Soil sensor');
    expect(chatTitleSchema.safeParse('   ').error?.issues[0].message).toBe('Give the chat a name.');
    expect(chatTitleSchema.safeParse('x'.repeat(201)).error?.issues[0].message).toBe(
      'A chat name can be at most 200 characters.',
    );
    const { id, supabase } = await signedIn();
    const [chat] = await seedChats(id, ['2026-11-01T00:00:00Z']);
    expect((await updateChat(supabase, chat, { title: 'x'.repeat(200) })).error).toBeNull();
    expect((await updateChat(supabase, chat, { title: 'x'.repeat(201) })).error?.code).toBe('23514');
  });

  it('refuses cursors that are not a timestamp and a chat id', () => {
    expect(
      chatCursorSchema.safeParse({ at: '2026-11-20T10:00:00.123456+00:00', id: crypto.randomUUID() }).success,
    ).toBe(true);
    expect(
      chatCursorSchema.safeParse({ at: "2026-11-20'); drop table chats; --", id: crypto.randomUUID() }).success,
    ).toBe(false);
    expect(chatCursorSchema.safeParse({ at: '2026-11-20T10:00:00Z', id: 'not-a-uuid' }).success).toBe(false);
  });
});
