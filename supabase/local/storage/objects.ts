// /storage/v1/object: list, remove, move, copy, info (objectRoutes), download (authenticated, public) and upload
// (transferRoutes), as the caller against RLS on storage.objects.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { caller, runAs } from './caller.ts';
import { StorageError, notFound } from './errors.ts';
import { bucketRow, bytesPath, readUpload, serve, store, validKey } from './objects-store.ts';
import { objectPath } from './signed.ts';

export function objectRoutes(ctx: GatewayContext, app: Hono) {
  app.post('/object/list/:bucket', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as {
      prefix?: string;
      limit?: number;
      offset?: number;
      search?: string;
      sortBy?: { column?: string; order?: string };
    };
    const prefix = (body.prefix ?? '').replace(/^\/+|\/+$/g, '');
    const column = ['name', 'updated_at', 'created_at', 'last_accessed_at'].includes(body.sortBy?.column ?? '')
      ? body.sortBy!.column!
      : 'name';
    const order = body.sortBy?.order === 'desc' ? 'desc' : 'asc';
    const limit = Math.min(Math.max(Number(body.limit ?? 100), 1), 1000);
    const offset = Math.max(Number(body.offset ?? 0), 0);
    const rows = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`
      with children as (
        select split_part(substr(name, ${prefix ? prefix.length + 2 : 1}), '/', 1) as child, name, id, updated_at, created_at, last_accessed_at, metadata,
               position('/' in substr(name, ${prefix ? prefix.length + 2 : 1})) > 0 as is_folder
          from storage.objects
         where bucket_id = ${c.req.param('bucket')} and (${prefix} = '' or name like ${prefix.replace(/[\\%_]/g, '\\$&') + '/%'})
      )
      select distinct on (child) child as name, case when is_folder then null else id end as id,
             case when is_folder then null else updated_at end as updated_at, case when is_folder then null else created_at end as created_at,
             case when is_folder then null else last_accessed_at end as last_accessed_at, case when is_folder then null else metadata end as metadata
        from children where ${body.search ?? ''} = '' or child ilike ${'%' + (body.search ?? '').replace(/[\\%_]/g, '\\$&') + '%'}
       order by child, is_folder`,
    );
    const sorted = [...rows].sort((a, b) => {
      const av = String(a[column] ?? ''),
        bv = String(b[column] ?? '');
      return order === 'asc' ? av.localeCompare(bv) : bv.localeCompare(av);
    });
    return c.json(sorted.slice(offset, offset + limit));
  });

  app.delete('/object/:bucket', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { prefixes?: string[] };
    if (!Array.isArray(body.prefixes))
      throw new StorageError('400', 'InvalidRequest', 'invalid', 'prefixes must be an array');
    const bucket = c.req.param('bucket');
    const rows = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`delete from storage.objects where bucket_id = ${bucket} and name = any(${body.prefixes!}) returning *`,
    );
    await Promise.all(rows.map((r: { id: string }) => fs.rm(bytesPath(bucket, r.id), { force: true })));
    return c.json(rows);
  });

  app.post('/object/move', async (c) => moveOrCopy(ctx, c, 'move'));
  app.post('/object/copy', async (c) => moveOrCopy(ctx, c, 'copy'));

  app.get('/object/info/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/info/');
    const [row] = await runAs(
      ctx,
      await caller(c),
      (tx) => tx`select * from storage.objects where bucket_id = ${bucket} and name = ${name}`,
    );
    if (!row) throw notFound();
    return c.json({
      id: row.id,
      name: row.name,
      version: row.version,
      bucket_id: row.bucket_id,
      size: row.metadata?.size,
      content_type: row.metadata?.mimetype,
      cache_control: row.metadata?.cacheControl,
      etag: row.metadata?.eTag,
      metadata: row.user_metadata,
      last_modified: row.updated_at,
      created_at: row.created_at,
    });
  });
}

/** Downloads and uploads, registered after the signed-URL routes: their `/object/*` would catch `/object/sign/…`. */
export function transferRoutes(ctx: GatewayContext, app: Hono) {
  app.on(['GET', 'HEAD'], '/object/public/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/public/');
    const row = await bucketRow(ctx, bucket);
    if (!row.public) throw notFound();
    return serve(ctx, c, null, bucket, name, c.req.query('download'));
  });
  app.on(['GET', 'HEAD'], '/object/authenticated/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/authenticated/');
    return serve(ctx, c, await caller(c), bucket, name, c.req.query('download'));
  });
  app.on(['GET', 'HEAD'], '/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    return serve(ctx, c, await caller(c), bucket, name, c.req.query('download'));
  });
  app.post('/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    const who = await caller(c);
    return c.json(await store(ctx, who, bucket, name, await readUpload(c), c.req.header('x-upsert') === 'true'));
  });
  app.put('/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    return c.json(await store(ctx, await caller(c), bucket, name, await readUpload(c), true));
  });
}

async function moveOrCopy(ctx: GatewayContext, c: Context, kind: 'move' | 'copy') {
  const body = (await c.req.json().catch(() => ({}))) as {
    bucketId?: string;
    sourceKey?: string;
    destinationKey?: string;
    destinationBucket?: string;
  };
  const { bucketId, sourceKey, destinationKey } = body;
  const destBucket = body.destinationBucket ?? bucketId;
  if (!bucketId || !sourceKey || !destinationKey || !validKey(destinationKey))
    throw new StorageError(
      '400',
      'InvalidKey',
      'Invalid key',
      'bucketId, sourceKey and a valid destinationKey are required',
    );
  const who = await caller(c);
  return c.json(
    await runAs(ctx, who, async (tx) => {
      const [source] = await tx`select * from storage.objects where bucket_id = ${bucketId} and name = ${sourceKey}`;
      if (!source) throw notFound();
      if (kind === 'move') {
        const [moved] =
          await tx`update storage.objects set bucket_id = ${destBucket}, name = ${destinationKey} where id = ${source.id} returning id`;
        if (!moved)
          throw new StorageError('403', 'AccessDenied', 'Unauthorized', 'new row violates row-level security policy');
        if (destBucket !== bucketId) {
          await fs.mkdir(path.dirname(bytesPath(destBucket!, source.id)), { recursive: true });
          await fs.rename(bytesPath(bucketId, source.id), bytesPath(destBucket!, source.id));
        }
        return { message: 'Successfully moved', Id: source.id, Key: `${destBucket}/${destinationKey}` };
      }
      const owner = typeof who.claims.sub === 'string' ? who.claims.sub : null;
      const [copy] = await tx`insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata)
      values (${destBucket}, ${destinationKey}, ${owner}, ${owner}, ${source.metadata}, ${source.user_metadata}) returning id`;
      await fs.mkdir(path.dirname(bytesPath(destBucket!, copy.id)), { recursive: true });
      await fs.copyFile(bytesPath(bucketId, source.id), bytesPath(destBucket!, copy.id));
      return { Id: copy.id, Key: `${destBucket}/${destinationKey}` };
    }),
  );
}
