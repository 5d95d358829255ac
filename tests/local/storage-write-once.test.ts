// /storage/v1 for a write-once bucket like `exports` (policies for select and insert, none for update), with the real
// storage-js, as hosted Storage behaves: an upsert over an existing object needs the update policy and is refused
// as RLS; a duplicate without upsert is 409; a signed URL of a missing or foreign object is refused when it is asked
// for; `download` names the file in Content-Disposition and the stored content type comes back.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl } from '../support/stack.ts';
import { clientAs, tokenFor } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
const bucket = `wo-${crypto.randomUUID().slice(0, 8)}`;
const own = `bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid())::text`;

beforeAll(async () => {
  await admin.unsafe(`
    insert into storage.buckets (id, name, public, allowed_mime_types) values ('${bucket}', '${bucket}', false, array['text/csv', 'application/zip']);
    create policy "wo ${bucket} read" on storage.objects for select to authenticated using (${own});
    create policy "wo ${bucket} add" on storage.objects for insert to authenticated with check (${own});
  `);
});
afterAll(async () => {
  await admin.unsafe(`
    drop policy "wo ${bucket} read" on storage.objects; drop policy "wo ${bucket} add" on storage.objects;
    set storage.allow_delete_query = 'true'; delete from storage.objects where bucket_id = '${bucket}'; delete from storage.buckets where id = '${bucket}';`);
  await admin.end();
});

async function user() {
  const id = crypto.randomUUID();
  return { id, storage: clientAs(gateway.url, await tokenFor(id)).storage.from(bucket) };
}

describe('a write-once bucket', () => {
  it('refuses an upsert over an existing object without an update policy, and a plain duplicate as 409', async () => {
    const alice = await user();
    const name = `${alice.id}/p/bom-v1-kicad.csv`;
    expect((await alice.storage.upload(name, 'a,b\n1,2\n', { contentType: 'text/csv' })).error).toBeNull();
    const duplicate = await alice.storage.upload(name, 'x', { contentType: 'text/csv' });
    expect(duplicate.error).toMatchObject({ statusCode: '409' });
    const upsert = await alice.storage.upload(name, 'x', { contentType: 'text/csv', upsert: true });
    expect(upsert.error).toMatchObject({ statusCode: '403' });
    expect(await (await alice.storage.download(name)).data?.text()).toBe('a,b\n1,2\n');
  });

  it('signs only objects the caller may read, and serves them with their type under the asked name', async () => {
    const alice = await user();
    const bob = await user();
    const name = `${alice.id}/p/firmware-v2.zip`;
    await alice.storage.upload(name, new Uint8Array([0x50, 0x4b, 3, 4]), { contentType: 'application/zip' });
    const missing = await alice.storage.createSignedUrl(`${alice.id}/p/none.zip`, 60);
    expect(missing.error).toMatchObject({ statusCode: '404' });
    expect((await bob.storage.createSignedUrl(name, 60)).error).toMatchObject({ statusCode: '404' });
    const signed = await alice.storage.createSignedUrl(name, 60, { download: 'firmware-v2.zip' });
    expect(signed.error).toBeNull();
    expect(new URL(signed.data!.signedUrl).searchParams.get('download')).toBe('firmware-v2.zip');
    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?firmware-v2\.zip/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
  });
});
