// Cold chats (scripts/archive/cold-chats.ts, the cold_chat_archive migration): the job moves a chat untouched for
// a year to the archive bucket and its messages out of the hot table, the chat row stays as it was, and a restore
// by the owner brings back every column of every row exactly; a chat written to after sealing stays hot, and a
// restore refuses bytes that are not what left.
import { gunzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveColdChats, type ArchiveStorage } from '../../scripts/archive/cold-chats.ts';
import { apiUrl, dbUrl, secretKey } from '../support/stack.ts';
import { admin, api, as, createUser, newChat, sqlstateOf, type TestUser } from './fixtures.ts';

// The job runs as postgres, as it does against hosted Supabase.
const job = postgres(dbUrl, { max: 1, onnotice: () => {} });
const bucket = createClient(apiUrl, secretKey, { auth: { persistSession: false } }).storage.from('archive');
const objects = new Map<string, Buffer>();
const storage: ArchiveStorage = {
  async upload(path, body) {
    const { error } = await bucket.upload(path, body, { contentType: 'application/gzip', upsert: true });
    if (error) throw error;
    objects.set(path, body);
  },
  async remove(paths) {
    const { error } = await bucket.remove(paths);
    if (error) throw error;
    for (const p of paths) objects.delete(p);
  },
};
const commit = { commit: true };
let owner: TestUser;

// Every column, the generated search vector included, as text: what "byte-identical" means here.
const rowsOf = (chatId: string) => admin`
  select m.id, to_jsonb(m)::text as row, m.content_search::text as search
    from public.messages m where m.chat_id = ${chatId} order by m.id`;
const chatRow = (chatId: string) => admin`
  select to_jsonb(c) - 'updated_at' as chat from public.chats c where c.id = ${chatId}`;
const makeCold = (chatId: string) =>
  admin`update public.chats set last_message_at = now() - interval '400 days' where id = ${chatId}`;

async function coldChat(): Promise<string> {
  const chatId = await newChat(owner);
  const [first] = await as(
    owner,
    (sql) => sql`select id from public.append_message(${chatId}, 'Plan a greenhouse monitor')`,
    commit,
  );
  await as(
    owner,
    (sql) => sql`select public.append_message(${chatId}, 'Use an SHT31 sensor, "quoted", ünïcode ✓')`,
    commit,
  );
  // A second branch from the first message, so parent ids and sibling counts matter.
  await as(
    owner,
    (sql) => sql`select public.append_message(${chatId}, e'An edit\\nwith two lines', null, ${first.id})`,
    commit,
  );
  await admin`update public.messages set metadata = '{"k": [1, 2.50, null]}', input_tokens = 12, output_tokens = 7
               where chat_id = ${chatId} and sequence_number = 2`;
  await makeCold(chatId);
  return chatId;
}

beforeEach(async () => {
  // One user per test: the job picks up every cold chat of the user it is given.
  owner = await createUser({ name: 'Archivist' });
});
afterAll(async () => {
  await job.end();
  await api.end();
  await admin.end();
});

describe('a cold chat', () => {
  it('leaves the hot table for the archive bucket, keeps its chat row, and restores byte-identical', async () => {
    const chatId = await coldChat();
    const before = await rowsOf(chatId);
    const [listed] = await chatRow(chatId);
    expect(before).toHaveLength(3);

    const run = await archiveColdChats({ sql: job, storage, userId: owner.id });
    expect(run).toMatchObject({ stored: 1, keptHot: 0 });
    expect(await rowsOf(chatId)).toHaveLength(0);
    expect((await chatRow(chatId))[0]).toEqual(listed);
    const [archive] = await as(owner, (sql) => sql`select * from public.chat_archives where chat_id = ${chatId}`);
    expect(archive).toMatchObject({ message_count: 3, user_id: owner.id });
    expect(archive.stored_at).not.toBeNull();

    // What the owner's session downloads (RLS on storage.objects), handed back to the database.
    const jsonl = gunzipSync(objects.get(archive.object_path)!).toString('utf8');
    const tampered = jsonl.replace('greenhouse', 'glasshouse');
    expect(
      await sqlstateOf(() => as(owner, (sql) => sql`select public.restore_archived_chat(${chatId}, ${tampered})`)),
    ).toBe('22000');
    const stranger = await createUser({ name: 'Stranger' });
    expect(
      await sqlstateOf(() => as(stranger, (sql) => sql`select public.restore_archived_chat(${chatId}, ${jsonl})`)),
    ).toBe('PT404');
    const [{ restored }] = await as(
      owner,
      (sql) => sql`select public.restore_archived_chat(${chatId}, ${jsonl}) as restored`,
      commit,
    );
    expect(restored).toBe(3);
    expect(await rowsOf(chatId)).toEqual(before);
    expect((await chatRow(chatId))[0]).toEqual(listed);

    // The next run removes the restored chat's object; the chat is hot again and can be archived again later.
    const cleanup = await archiveColdChats({ sql: job, storage, userId: owner.id, idleDays: 100_000 });
    expect(cleanup.removedObjects).toBe(1);
    expect(objects.has(archive.object_path)).toBe(false);
    expect(await as(owner, (sql) => sql`select 1 from public.chat_archives where chat_id = ${chatId}`)).toHaveLength(0);
  });

  it('leaves the rows that point at its messages (artifacts, their versions, attachments) as they were', async () => {
    const chatId = await coldChat();
    const [reply] = await admin`select id from public.messages where chat_id = ${chatId} and sequence_number = 2`;
    const [artifact] = await admin`
      insert into public.artifacts (chat_id, user_id, type, title, created_by_message_id)
      values (${chatId}, ${owner.id}, 'bom', 'Greenhouse BOM', ${reply.id}) returning id`;
    await admin`insert into public.artifact_versions (artifact_id, user_id, version_number, content, created_by_message_id)
                values (${artifact.id}, ${owner.id}, 1, 'SHT31, 1', ${reply.id})`;
    await admin`insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_path)
                values (${chatId}, ${reply.id}, ${owner.id}, 'plan.png', 'image/png', 10, ${`${owner.id}/${chatId}/plan.png`})`;
    await makeCold(chatId);
    const pointing = () => admin`
      select (select jsonb_agg(to_jsonb(a) order by a.id) from public.artifacts a where a.chat_id = ${chatId})::text as artifacts,
             (select jsonb_agg(to_jsonb(v) order by v.id) from public.artifact_versions v
               where v.artifact_id = ${artifact.id})::text as versions,
             (select jsonb_agg(to_jsonb(f) order by f.id) from public.attachments f where f.chat_id = ${chatId})::text as files`;
    const before = await pointing();
    expect(before[0].files).toContain(reply.id);

    const run = await archiveColdChats({ sql: job, storage, userId: owner.id });
    expect(run.stored).toBe(1);
    // While archived, the references stay (no foreign key action set them null) ...
    expect(await pointing()).toEqual(before);
    const [archive] = await as(owner, (sql) => sql`select * from public.chat_archives where chat_id = ${chatId}`);
    const jsonl = gunzipSync(objects.get(archive.object_path)!).toString('utf8');
    await as(owner, (sql) => sql`select public.restore_archived_chat(${chatId}, ${jsonl})`, commit);
    // ... and point at the message again once it is back.
    expect(await pointing()).toEqual(before);
    const [joined] = await admin`
      select count(*)::int as n from public.attachments f join public.messages m on m.id = f.message_id
       where f.chat_id = ${chatId}`;
    expect(joined.n).toBe(1);
    await archiveColdChats({ sql: job, storage, userId: owner.id, idleDays: 100_000 });
    expect(objects.size).toBe(0);
  });

  it('stays hot when it is written to between sealing and dropping', async () => {
    const chatId = await coldChat();
    const racing: ArchiveStorage = {
      ...storage,
      async upload(path, body) {
        await storage.upload(path, body);
        await as(owner, (sql) => sql`select public.append_message(${chatId}, 'Still here')`, commit);
      },
    };
    const run = await archiveColdChats({ sql: job, storage: racing, userId: owner.id });
    expect(run).toMatchObject({ stored: 0, keptHot: 1 });
    expect(await rowsOf(chatId)).toHaveLength(4);
    expect(objects.size).toBe(0);
  });

  it('is not archived while a share link shows it', async () => {
    const chatId = await coldChat();
    await as(owner, (sql) => sql`select public.create_share(${chatId})`, commit);
    await makeCold(chatId);
    const run = await archiveColdChats({ sql: job, storage, userId: owner.id });
    expect(run.stored).toBe(0);
    expect(await rowsOf(chatId)).toHaveLength(3);
  });
});
