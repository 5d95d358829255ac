// Uploads against the real stack, as real users: storage RLS keeps each user's files to themselves; the content
// check removes what it refuses; a message and its attachments are saved together; a share's token reaches only its
// snapshot's files (through the file route's fresh signed URL) and nothing once revoked; a fork copies them.
import { randomUUID } from 'node:crypto';
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { attachmentBuckets, attachmentKey, bucketFor, claimedTypeFor } from '@/lib/attachments/rules';
import { pointAppAtStack, signInGuest } from '../support/app.ts';
import { makePdf, makePhoto } from '../support/files.ts';
import { apiUrl, publishableKey } from '../support/stack.ts';
import { clientAs } from '../support/users.ts';
import { admin } from './fixtures.ts';

const session = vi.hoisted(() => ({ token: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({
  // The app's server client acting as the current test user (or as nobody), with the headers the app adds.
  createClient: async ({ headers }: { headers?: Record<string, string> } = {}) =>
    session.token
      ? clientAs(apiUrl, session.token, { global: { headers } })
      : createSupabaseClient(apiUrl, publishableKey, { auth: { persistSession: false }, global: { headers } }),
}));
pointAppAtStack();
const data = await import('@/lib/attachments/data');
const ownRoute = await import('@/app/api/attachments/[id]/route');
const shareRoute = await import('@/app/share/[token]/attachments/[id]/route');

type Client = SupabaseClient<Database>;
const bucket = bucketFor('image/jpeg'); // photos
let owner: Client, stranger: Client;
let ownerId: string, strangerId: string, ownerToken: string, strangerToken: string;
let chatId: string;
let photo: Buffer;

const tokenOf = async (client: Client) => (await client.auth.getSession()).data.session!.access_token;
const idOf = async (client: Client) => (await client.auth.getUser()).data.user!.id;
const get = (route: typeof ownRoute | typeof shareRoute, url: string, params: Record<string, string>) =>
  route.GET(new NextRequest(url) as never, { params: Promise.resolve(params) } as never);

async function upload(client: Client, userId: string, name: string, bytes: Buffer, contentType: string) {
  const path = attachmentKey({ userId, chatId, id: randomUUID(), name });
  const { error } = await client.storage.from(bucketFor(claimedTypeFor(name)!)).upload(path, bytes, { contentType });
  if (error) throw error;
  return path;
}

beforeAll(async () => {
  owner = await signInGuest();
  stranger = await signInGuest();
  [ownerId, strangerId, ownerToken, strangerToken] = await Promise.all([
    idOf(owner),
    idOf(stranger),
    tokenOf(owner),
    tokenOf(stranger),
  ]);
  const { data: chat, error } = await owner.from('chats').insert({ title: 'Bench photos' }).select('id').single();
  if (error) throw error;
  chatId = chat.id;
  photo = await makePhoto({ width: 800, height: 600 });
});
afterAll(async () => {
  await admin.end();
});

describe('storage RLS on attachments', () => {
  it('lets another user neither read, list, overwrite, delete nor add to my folder', async () => {
    const path = await upload(owner, ownerId, 'breadboard.jpg', photo, 'image/jpeg');
    const theirs = stranger.storage.from(bucket);
    expect((await theirs.download(path)).data).toBeNull();
    expect((await theirs.list(`${ownerId}/${chatId}`)).data ?? []).toEqual([]);
    expect(
      (await theirs.upload(path, Buffer.from('overwritten'), { contentType: 'image/jpeg', upsert: true })).error,
    ).not.toBeNull();
    expect((await theirs.remove([path])).data ?? []).toEqual([]);
    expect((await theirs.createSignedUrl(path, 60)).data).toBeNull();
    const intruder = attachmentKey({ userId: ownerId, chatId, id: randomUUID(), name: 'x.jpg' });
    expect((await theirs.upload(intruder, photo, { contentType: 'image/jpeg' })).error).not.toBeNull();
    const mine = await owner.storage.from(bucket).download(path);
    expect(Buffer.from(await mine.data!.arrayBuffer()).equals(photo)).toBe(true);
  });
});

describe('size limits per kind', () => {
  it('are set on each kind’s bucket, as the app states them, and Storage refuses a file over them', async () => {
    const buckets = await admin`select id, file_size_limit, allowed_mime_types from storage.buckets
      where id in ${admin(Object.values(attachmentBuckets).map((b) => b.id))}`;
    for (const kind of Object.values(attachmentBuckets))
      expect(Number(buckets.find((b) => b.id === kind.id)?.file_size_limit), kind.id).toBe(kind.bytes);
    const MB = 1024 * 1024;
    const key = (name: string) => attachmentKey({ userId: ownerId, chatId, id: randomUUID(), name });
    const tooBig = (bytes: number) => Buffer.concat([photo, Buffer.alloc(bytes - photo.length)]);
    // A 21 MB photo, a 3 MB netlist: each over its own kind's limit, though a PDF of 21 MB would pass.
    const photoUp = await owner.storage.from('attachments').upload(key('big.jpg'), tooBig(21 * MB), {
      contentType: 'image/jpeg',
    });
    expect(photoUp.error).toMatchObject({ statusCode: '413' });
    const netlist = Buffer.concat([Buffer.from('(export (version "E")'), Buffer.alloc(3 * MB, 0x20), Buffer.from(')')]);
    const netUp = await owner.storage
      .from('attachment-circuits')
      .upload(key('big.net'), netlist, { contentType: 'application/x-kicad-netlist' });
    expect(netUp.error).toMatchObject({ statusCode: '413' });
    const pdf = Buffer.concat([await makePdf({ pages: 1 }), Buffer.alloc(21 * MB - 4096)]);
    const pdfUp = await owner.storage
      .from('attachment-datasheets')
      .upload(key('big.pdf'), pdf, { contentType: 'application/pdf' });
    expect(pdfUp.error).toBeNull();
    // Nor does a bucket take another kind's files.
    const wrongKind = await owner.storage
      .from('attachments')
      .upload(key('sheet.pdf'), await makePdf({ pages: 1 }), { contentType: 'application/pdf' });
    expect(wrongKind.error).toMatchObject({ statusCode: '415' });
    await owner.storage.from('attachment-datasheets').remove([pdfUp.data!.path]);
  });
});

describe('the content check and the send', () => {
  it('makes a thumbnail of a photo, and removes a refused file from Storage', async () => {
    session.token = ownerToken;
    const path = await upload(owner, ownerId, 'board.jpg', photo, 'image/jpeg');
    const { draft } = await data.inspectAttachment({
      userId: ownerId,
      chatId,
      storagePath: path,
      name: '../board\u202E.jpg',
    });
    expect(draft).toMatchObject({ file_type: 'image/jpeg', category: 'circuit_image', filename: '_board.jpg' });
    expect(draft.metadata).toMatchObject({ width: 800, height: 600, original_name: '../board\\u{202e}.jpg' });
    expect((await owner.storage.from(bucket).download(draft.thumbnail_path!)).data?.type).toBe('image/webp');

    const forged = await upload(
      owner,
      ownerId,
      'wiring.png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/png',
    );
    await expect(
      data.inspectAttachment({ userId: ownerId, chatId, storagePath: forged, name: 'wiring.png' }),
    ).rejects.toMatchObject({
      code: 'bad_request:upload',
    });
    expect((await owner.storage.from(bucket).download(forged)).data).toBeNull();
    // A real photo uploaded as a PDF: Storage would serve it as a PDF, so it is refused too.
    const renamed = await upload(owner, ownerId, 'photo.pdf', photo, 'application/pdf');
    await expect(
      data.inspectAttachment({ userId: ownerId, chatId, storagePath: renamed, name: 'photo.pdf' }),
    ).rejects.toThrow(/name says PDF but it is a JPEG photo/);
    await expect(
      data.inspectAttachment({ userId: strangerId, chatId, storagePath: path, name: 'board.jpg' }),
    ).rejects.toMatchObject({
      code: 'bad_request:upload',
    });
  });

  it('saves the message with its attachments in one call, once, and only for files that were uploaded', async () => {
    session.token = ownerToken;
    const path = await upload(owner, ownerId, 'datasheet.pdf', await makePdf({ pages: 3 }), 'application/pdf');
    const key = randomUUID();
    const send = () =>
      data.sendMessageWithAttachments({
        userId: ownerId,
        chatId,
        content: 'The datasheet',
        idempotencyKey: key,
        uploads: [{ storagePath: path, name: 'datasheet.pdf' }],
      });
    const first = await send();
    expect(first.attachments).toMatchObject([
      {
        file_type: 'application/pdf',
        category: 'datasheet',
        processing_status: 'pending',
        metadata: { page_count: 3 },
      },
    ]);
    const retry = await send();
    expect(retry.message.id).toBe(first.message.id);
    expect(retry.attachments.map((a) => a.id)).toEqual(first.attachments.map((a) => a.id));

    const missing = attachmentKey({ userId: ownerId, chatId, id: randomUUID(), name: 'gone.pdf' });
    const { error } = await owner.rpc('append_message_with_attachments', {
      p_chat_id: chatId,
      p_content: 'Nothing uploaded',
      p_idempotency_key: randomUUID(),
      p_attachments: [
        {
          storage_path: missing,
          filename: 'gone.pdf',
          file_type: 'application/pdf',
          file_size: 10,
          category: 'datasheet',
        },
      ],
    });
    expect(error?.code).toBe('22023');
    const { count } = await owner
      .from('messages')
      .select('id', { count: 'exact', head: true })
      .eq('content', 'Nothing uploaded');
    expect(count).toBe(0);
  });
});

describe('shares and forks', () => {
  it('a share token reaches only its snapshot files through the route, until revoked; a fork copies them', async () => {
    session.token = ownerToken;
    const sent = await data.sendMessageWithAttachments({
      userId: ownerId,
      chatId,
      content: 'My breadboard',
      idempotencyKey: randomUUID(),
      uploads: [{ storagePath: await upload(owner, ownerId, 'shared.jpg', photo, 'image/jpeg'), name: 'shared.jpg' }],
    });
    const shown = sent.attachments[0];
    const { data: share, error } = await owner.rpc('create_share', { p_chat_id: chatId });
    if (error) throw error;
    // Sent after the share: not in its snapshot.
    const later = await data.sendMessageWithAttachments({
      userId: ownerId,
      chatId,
      content: 'After sharing',
      idempotencyKey: randomUUID(),
      uploads: [{ storagePath: await upload(owner, ownerId, 'later.jpg', photo, 'image/jpeg'), name: 'later.jpg' }],
    });

    session.token = null; // a visitor with the link and no session
    const listed = await data.getSharedAttachments({ token: share.share_token });
    expect(listed.map((a) => a.filename)).toEqual(expect.arrayContaining(['shared.jpg']));
    expect(listed.map((a) => a.filename)).not.toContain('later.jpg');
    expect(JSON.stringify(listed)).not.toContain(ownerId); // no storage keys, no owner
    const base = `http://localhost/share/${share.share_token}/attachments`;
    const file = await get(shareRoute, `${base}/${shown.id}?variant=file`, { token: share.share_token, id: shown.id });
    expect(file.status).toBe(302);
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await (await fetch(file.headers.get('location')!)).arrayBuffer());
    expect(bytes.equals(photo)).toBe(true);
    const thumb = await get(shareRoute, `${base}/${shown.id}?variant=thumb`, {
      token: share.share_token,
      id: shown.id,
    });
    expect(thumb.status).toBe(302);
    for (const [id, token] of [
      [later.attachments[0].id, share.share_token],
      [shown.id, 'A'.repeat(32)],
      ['not-a-uuid', share.share_token],
    ])
      expect((await get(shareRoute, `${base}/${id}`, { token, id })).status).toBe(404);
    // Holding the token does not let the visitor sign a file outside the snapshot, even asking Storage directly.
    const direct = createSupabaseClient(apiUrl, publishableKey, {
      global: { headers: { 'x-ohm-share-token': share.share_token } },
    });
    const laterPath = (
      await admin`select storage_path from public.attachments where id = ${later.attachments[0].id}`
    )[0].storage_path;
    expect((await direct.storage.from(bucket).createSignedUrl(laterPath, 60)).data).toBeNull();
    expect(
      (await direct.storage.from(bucket).list(`${ownerId}/${chatId}`)).data?.map((o) => o.name) ?? [],
    ).not.toContain(laterPath.split('/')[2]);

    // The stranger continues the conversation: the fork has the file, in the stranger's own folder.
    session.token = strangerToken;
    const { data: forkId, error: forkError } = await stranger.rpc('fork_chat', { p_token: share.share_token });
    if (forkError) throw forkError;
    await data.copyForkedAttachments({ chatId: forkId, token: share.share_token });
    const { data: copies } = await stranger.from('attachments').select('storage_path, filename').eq('chat_id', forkId);
    const copy = copies!.find((c) => c.filename === 'shared.jpg')!;
    expect(copy.storage_path.startsWith(`${strangerId}/${forkId}/`)).toBe(true);
    const copied = await stranger.storage.from(bucket).download(copy.storage_path);
    expect(Buffer.from(await copied.data!.arrayBuffer()).equals(photo)).toBe(true);
    expect(copies!.map((c) => c.filename)).not.toContain('later.jpg');

    session.token = ownerToken;
    const own = await get(ownRoute, `http://localhost/api/attachments/${shown.id}`, { id: shown.id });
    expect(own.status).toBe(302);
    session.token = strangerToken;
    expect((await get(ownRoute, `http://localhost/api/attachments/${shown.id}`, { id: shown.id })).status).toBe(404);

    const { error: revokeError } = await owner.rpc('revoke_share', { p_share_id: share.id });
    if (revokeError) throw revokeError;
    session.token = null;
    expect((await get(shareRoute, `${base}/${shown.id}`, { token: share.share_token, id: shown.id })).status).toBe(404);
    expect(await data.getSharedAttachments({ token: share.share_token })).toEqual([]);
    const shownPath = (await admin`select storage_path from public.attachments where id = ${shown.id}`)[0].storage_path;
    expect((await direct.storage.from(bucket).createSignedUrl(shownPath, 60)).data).toBeNull();
  });
});
