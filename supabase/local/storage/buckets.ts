// /storage/v1/bucket: list, get, create, update, empty and delete, as the caller against RLS on storage.buckets.
import fs from 'node:fs/promises';
import type { Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { caller, runAs, service } from './caller.ts';
import { StorageError, noBucket } from './errors.ts';
import { bytesPath } from './objects-store.ts';

export function bucketRoutes(ctx: GatewayContext, app: Hono) {
  app.get('/bucket', async (c) =>
    c.json(await runAs(ctx, await caller(c), (tx) => tx`select * from storage.buckets order by name`)),
  );
  app.get('/bucket/:id', async (c) => {
    const [row] = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`select * from storage.buckets where id = ${c.req.param('id')}`,
    );
    if (!row) throw noBucket();
    return c.json(row);
  });
  app.post('/bucket', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as {
      id?: string;
      name?: string;
      public?: boolean;
      file_size_limit?: number | string | null;
      allowed_mime_types?: string[] | null;
    };
    const id = body.id ?? body.name;
    if (!id || !/^[A-Za-z0-9_.-]{1,100}$/.test(id))
      throw new StorageError('400', 'InvalidBucketName', 'Invalid bucket name', 'Bucket name invalid');
    const who = await caller(c);
    await runAs(
      ctx,
      who,
      (tx) => tx`insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types, owner, owner_id)
      values (${id}, ${body.name ?? id}, ${!!body.public}, ${body.file_size_limit ?? null}, ${body.allowed_mime_types ?? null}, ${(who.claims.sub as string) ?? null}, ${(who.claims.sub as string) ?? null})`,
    );
    return c.json({ name: id });
  });
  app.put('/bucket/:id', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as {
      public?: boolean;
      file_size_limit?: number | null;
      allowed_mime_types?: string[] | null;
    };
    const rows = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`update storage.buckets set public = coalesce(${body.public ?? null}, public),
      file_size_limit = ${body.file_size_limit ?? null}, allowed_mime_types = ${body.allowed_mime_types ?? null}, updated_at = now()
      where id = ${c.req.param('id')} returning id`,
    );
    if (!rows.length) throw noBucket();
    return c.json({ message: 'Successfully updated' });
  });
  app.post('/bucket/:id/empty', async (c) => {
    const id = c.req.param('id');
    const rows = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`delete from storage.objects where bucket_id = ${id} returning id`,
    );
    await Promise.all(rows.map((r: { id: string }) => fs.rm(bytesPath(id, r.id), { force: true })));
    return c.json({ message: 'Successfully emptied' });
  });
  app.delete('/bucket/:id', async (c) => {
    const id = c.req.param('id');
    const who = await caller(c);
    const [{ n }] = await runAs<any[]>(
      ctx,
      service,
      (tx) => tx`select count(*)::int as n from storage.objects where bucket_id = ${id}`,
    );
    if (n > 0)
      throw new StorageError(
        '409',
        'InvalidRequest',
        'Bucket not empty',
        'The bucket you tried to delete is not empty',
      );
    const rows = await runAs(ctx, who, (tx) => tx`delete from storage.buckets where id = ${id} returning id`);
    if (!rows.length) throw noBucket();
    return c.json({ message: 'Successfully deleted' });
  });
}
