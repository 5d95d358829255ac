// What the cached share page relies on (lib/shares/cache.ts): the database tells a link's expiry to anyone with the
// token and nothing to anyone without, and a deleted chat's links stop at once (and come back with Undo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, newChat, type TestUser } from './fixtures.ts';

const commit = { commit: true };
let owner: TestUser;
let chatId: string;
beforeAll(async () => {
  owner = await createUser({ name: 'Sharer' });
  chatId = await newChat(owner);
  await as(owner, (sql) => sql`select public.append_message(${chatId}, 'A shared thought')`, commit);
});
afterAll(async () => {
  await api.end();
  await admin.end();
});

const share = async (expires: string | null) => {
  const [row] = await as(owner, (sql) => sql`select * from public.create_share(${chatId}, ${expires})`, commit);
  return row as { id: string; share_token: string };
};
const expiryOf = async (token: string) =>
  (await as('anon', (sql) => sql`select public.share_expires_at(${token})::text as at`))[0].at as string | null;
const opens = async (token: string) =>
  (await as('anon', (sql) => sql`select public.get_shared_chat(${token}) as page`).catch(() => null)) !== null;

describe('a share link', () => {
  it('tells anyone holding its token when it expires, and never for one it does not open', async () => {
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const week = await share(inAWeek.toISOString());
    expect(Date.parse((await expiryOf(week.share_token))!)).toBe(inAWeek.getTime());
    const forever = await share(null);
    expect(await expiryOf(forever.share_token)).toBe('infinity');
    expect(await expiryOf('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    await as(owner, (sql) => sql`select public.revoke_share(${week.id})`, commit);
    expect(await expiryOf(week.share_token)).toBeNull();
    expect(await opens(week.share_token)).toBe(false);
  });

  it('stops opening while its chat is deleted, and opens again when the deletion is undone', async () => {
    const link = await share(null);
    expect(await opens(link.share_token)).toBe(true);
    await as(owner, (sql) => sql`update public.chats set deleted_at = now() where id = ${chatId}`, commit);
    expect(await opens(link.share_token)).toBe(false);
    expect(await expiryOf(link.share_token)).toBeNull();
    await as(owner, (sql) => sql`update public.chats set deleted_at = null where id = ${chatId}`, commit);
    expect(await opens(link.share_token)).toBe(true);
  });
});
