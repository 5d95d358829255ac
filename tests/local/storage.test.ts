// /storage/v1 with the real storage-js: uploads and downloads under RLS per role, limits, signed URLs (and their
// expiry), listing, move and remove, traversal-shaped names, concurrent uploads to one key.
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl, jwtSecret, publishableKey, serviceRoleKey } from '../support/stack.ts';
import { clientAs, tokenFor } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
const bucket = `st-${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await admin.unsafe(`
    insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values ('${bucket}', '${bucket}', false, 1024, array['text/plain', 'image/*']);
    create policy "st ${bucket} owners read" on storage.objects for select to authenticated using (bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid())::text);
    create policy "st ${bucket} owners write" on storage.objects for insert to authenticated with check (bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid())::text);
    create policy "st ${bucket} owners update" on storage.objects for update to authenticated using (bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid())::text);
    create policy "st ${bucket} owners delete" on storage.objects for delete to authenticated using (bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid())::text);
  `);
});
afterAll(async () => {
  await admin.unsafe(`
    drop policy "st ${bucket} owners read" on storage.objects; drop policy "st ${bucket} owners write" on storage.objects;
    drop policy "st ${bucket} owners update" on storage.objects; drop policy "st ${bucket} owners delete" on storage.objects;
    set storage.allow_delete_query = 'true'; delete from storage.objects where bucket_id = '${bucket}'; delete from storage.buckets where id = '${bucket}';`);
  await admin.end();
});

async function user() {
  const id = crypto.randomUUID();
  return { id, storage: clientAs(gateway.url, await tokenFor(id)).storage.from(bucket) };
}

describe('objects', () => {
  it('uploads, downloads, lists and removes within the owner folder', async () => {
    const alice = await user();
    const up = await alice.storage.upload(`${alice.id}/notes/a.txt`, 'hello', { contentType: 'text/plain' });
    expect(up.error).toBeNull();
    expect(up.data?.fullPath).toBe(`${bucket}/${alice.id}/notes/a.txt`);
    const file = new Blob(['multipart body'], { type: 'text/plain' });
    expect((await alice.storage.upload(`${alice.id}/b.txt`, file)).error).toBeNull();
    const down = await alice.storage.download(`${alice.id}/notes/a.txt`);
    expect(await down.data?.text()).toBe('hello');
    const listed = await alice.storage.list(alice.id);
    expect(listed.data?.map((f) => [f.name, f.id === null])).toEqual([
      ['b.txt', false],
      ['notes', true],
    ]);
    expect(await alice.storage.exists(`${alice.id}/nope.txt`)).toMatchObject({ data: false });
    const moved = await alice.storage.move(`${alice.id}/b.txt`, `${alice.id}/c.txt`);
    expect(moved.error).toBeNull();
    const removed = await alice.storage.remove([
      `${alice.id}/c.txt`,
      `${alice.id}/notes/a.txt`,
      `${alice.id}/ghost.txt`,
    ]);
    expect(removed.data).toHaveLength(2);
  });

  it('refuses another user and the anon key, and lets the service role through', async () => {
    const alice = await user();
    const bob = await user();
    await alice.storage.upload(`${alice.id}/secret.txt`, 'mine', { contentType: 'text/plain' });
    const theirs = await bob.storage.upload(`${alice.id}/x.txt`, 'intrusion', { contentType: 'text/plain' });
    expect(theirs.error).toMatchObject({ statusCode: '403' });
    expect((await bob.storage.download(`${alice.id}/secret.txt`)).error).toMatchObject({
      status: 400,
      statusCode: '404',
      code: 'NoSuchKey',
    });
    const anon = await createClient(gateway.url, publishableKey)
      .storage.from(bucket)
      .upload(`${alice.id}/y.txt`, 'x', { contentType: 'text/plain' });
    expect(anon.error).toMatchObject({ status: 400, statusCode: '403', code: 'AccessDenied' });
    const service = await createClient(gateway.url, serviceRoleKey)
      .storage.from(bucket)
      .download(`${alice.id}/secret.txt`);
    expect(await service.data?.text()).toBe('mine');
  });

  it('enforces the bucket size and type limits and refuses duplicates without upsert', async () => {
    const alice = await user();
    const big = await alice.storage.upload(`${alice.id}/big.txt`, 'x'.repeat(2000), { contentType: 'text/plain' });
    expect(big.error).toMatchObject({ statusCode: '413' });
    const pdf = await alice.storage.upload(`${alice.id}/doc.pdf`, '%PDF', { contentType: 'application/pdf' });
    expect(pdf.error).toMatchObject({ statusCode: '415' });
    await alice.storage.upload(`${alice.id}/dup.txt`, 'one', { contentType: 'text/plain' });
    const dup = await alice.storage.upload(`${alice.id}/dup.txt`, 'two', { contentType: 'text/plain' });
    expect(dup.error).toMatchObject({ statusCode: '409' });
    expect(
      (await alice.storage.upload(`${alice.id}/dup.txt`, 'three', { contentType: 'text/plain', upsert: true })).error,
    ).toBeNull();
    expect(await (await alice.storage.download(`${alice.id}/dup.txt`)).data?.text()).toBe('three');
  });

  it('refuses traversal-shaped names and keeps concurrent uploads to one key whole', async () => {
    const alice = await user();
    // (`./` segments and leading slashes never reach the server: URLs and storage-js normalise them away, and
    // `<folder>/../` resolves to the bucket's root, outside the user's folder, where RLS refuses it.)
    for (const [name, refusal] of [
      [`${alice.id}/../escape.txt`, { statusCode: '403', code: 'AccessDenied' }],
      [`${alice.id}/${'a'.repeat(300)}.txt`, { statusCode: '400', code: 'InvalidKey' }],
      [`${alice.id}/nul\u0000.txt`, { statusCode: '400', code: 'InvalidKey' }],
    ] as const) {
      const res = await alice.storage.upload(name, 'x', { contentType: 'text/plain' });
      expect(res.error, name).toMatchObject({ status: 400, ...refusal });
    }
    const bodies = ['a'.repeat(500), 'b'.repeat(500), 'c'.repeat(500), 'd'.repeat(500)];
    await Promise.all(
      bodies.map((b) => alice.storage.upload(`${alice.id}/race.txt`, b, { contentType: 'text/plain', upsert: true })),
    );
    const text = await (await alice.storage.download(`${alice.id}/race.txt`)).data!.text();
    expect(bodies).toContain(text);
  });
});

describe('signed URLs', () => {
  it('download without a session until they expire, and signed uploads land', async () => {
    const alice = await user();
    await alice.storage.upload(`${alice.id}/shared.txt`, 'signed bytes', { contentType: 'text/plain' });
    const signed = await alice.storage.createSignedUrl(`${alice.id}/shared.txt`, 60);
    const res = await fetch(signed.data!.signedUrl);
    expect(await res.text()).toBe('signed bytes');
    const expired = await new SignJWT({ url: `${bucket}/${alice.id}/shared.txt`, scope: 'download' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_000_060)
      .sign(new TextEncoder().encode(jwtSecret));
    const stale = await fetch(
      `${gateway.url}/storage/v1/object/sign/${bucket}/${alice.id}/shared.txt?token=${expired}`,
    );
    expect(stale.status).toBe(400);
    expect((await stale.json()).code).toBe('ExpiredToken');
    const forged = await fetch(
      `${gateway.url}/storage/v1/object/sign/${bucket}/${alice.id}/other.txt?token=${new URL(signed.data!.signedUrl).searchParams.get('token')}`,
    );
    expect(forged.status).toBe(400);
    const upload = await alice.storage.createSignedUploadUrl(`${alice.id}/via-signed.txt`);
    expect(upload.error).toBeNull();
    const put = await alice.storage.uploadToSignedUrl(`${alice.id}/via-signed.txt`, upload.data!.token, 'uploaded', {
      contentType: 'text/plain',
    });
    expect(put.error).toBeNull();
    expect(await (await alice.storage.download(`${alice.id}/via-signed.txt`)).data?.text()).toBe('uploaded');
    const range = await fetch(signed.data!.signedUrl, { headers: { range: 'bytes=0-5' } });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe('signed');
  });
});
