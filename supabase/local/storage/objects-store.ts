// Objects' bytes and rows together: keys and MIME types checked, bucket limits enforced, bytes written beside the
// row in the caller's transaction, and served with ranges. Bytes live under the local data folder at
// <bucket id>/<object id>, never at a path built from a user's name.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { storageDir } from '../config.ts';
import type { GatewayContext } from '../core/context.ts';
import { runAs, service, type Caller } from './caller.ts';
import { StorageError, noBucket, notFound } from './errors.ts';

const maxUploadBytes = 50 * 1024 * 1024;

export function validKey(name: string) {
  if (!name || Buffer.byteLength(name) > 1024 || name.startsWith('/') || name.includes('\u0000') || name.includes('\\'))
    return false;
  return name
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..' && Buffer.byteLength(segment) <= 255);
}

function mimeAllowed(mime: string, allowed: string[] | null) {
  if (!allowed || allowed.length === 0) return true;
  const base = mime.split(';')[0].trim().toLowerCase();
  return allowed.some((a) => a === base || (a.endsWith('/*') && base.startsWith(a.slice(0, -1))));
}

export const bytesPath = (bucket: string, id: string) => path.join(storageDir, encodeURIComponent(bucket), id);

/** The bucket's limits. They apply to everyone, so they are read with the service role. */
export async function bucketRow(ctx: GatewayContext, id: string) {
  const [bucket] = await runAs<any[]>(ctx, service, (tx) => tx`select * from storage.buckets where id = ${id}`);
  if (!bucket) throw noBucket();
  return bucket as {
    id: string;
    public: boolean;
    file_size_limit: number | null;
    allowed_mime_types: string[] | null;
  };
}

export async function readUpload(
  c: Context,
): Promise<{ data: Buffer; mime: string; cacheControl: string; userMetadata: unknown }> {
  const type = c.req.header('content-type') ?? 'application/octet-stream';
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > maxUploadBytes)
    throw new StorageError(
      '413',
      'EntityTooLarge',
      'Payload too large',
      'The object exceeded the maximum allowed size',
    );
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.formData();
    let file: File | null = null;
    for (const [, value] of form) if (typeof value !== 'string' && !file) file = value as File;
    if (!file) throw new StorageError('400', 'InvalidRequest', 'invalid', 'No file was found in the form');
    const cache = form.get('cacheControl');
    const metadata = form.get('metadata');
    return {
      data: Buffer.from(await file.arrayBuffer()),
      mime: String(form.get('contentType') ?? file.type ?? 'application/octet-stream') || 'application/octet-stream',
      cacheControl: cache ? `max-age=${cache}` : 'no-cache',
      userMetadata: typeof metadata === 'string' ? JSON.parse(metadata) : null,
    };
  }
  const data = Buffer.from(await c.req.arrayBuffer());
  if (data.length > maxUploadBytes)
    throw new StorageError(
      '413',
      'EntityTooLarge',
      'Payload too large',
      'The object exceeded the maximum allowed size',
    );
  const meta = c.req.header('x-metadata');
  return {
    data,
    mime: type,
    cacheControl: c.req.header('cache-control') ?? 'no-cache',
    userMetadata: meta ? JSON.parse(Buffer.from(meta, 'base64').toString()) : null,
  };
}

export async function store(
  ctx: GatewayContext,
  who: Caller,
  bucketId: string,
  name: string,
  upload: Awaited<ReturnType<typeof readUpload>>,
  upsert: boolean,
) {
  if (!validKey(name)) throw new StorageError('400', 'InvalidKey', 'Invalid key', `Invalid key: ${name}`);
  const bucket = await bucketRow(ctx, bucketId);
  if (bucket.file_size_limit && upload.data.length > Number(bucket.file_size_limit)) {
    throw new StorageError(
      '413',
      'EntityTooLarge',
      'Payload too large',
      'The object exceeded the maximum allowed size',
    );
  }
  if (!mimeAllowed(upload.mime, bucket.allowed_mime_types)) {
    throw new StorageError('415', 'InvalidMimeType', 'invalid_mime_type', `mime type ${upload.mime} is not supported`);
  }
  const metadata = {
    eTag: `"${Buffer.from(String(upload.data.length) + Date.now())
      .toString('hex')
      .slice(0, 32)}"`,
    size: upload.data.length,
    mimetype: upload.mime,
    cacheControl: upload.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: upload.data.length,
    httpStatusCode: 200,
  };
  const owner = typeof who.claims.sub === 'string' ? who.claims.sub : null;
  return runAs(ctx, who, async (tx) => {
    const [row] = upsert
      ? await tx`insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata) values (${bucketId}, ${name}, ${owner}, ${owner}, ${tx.json(metadata)}, ${upload.userMetadata ? tx.json(upload.userMetadata) : null})
                 on conflict (bucket_id, name) do update set metadata = excluded.metadata, user_metadata = excluded.user_metadata, owner = excluded.owner, owner_id = excluded.owner_id
                 returning id`
      : await tx`insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata) values (${bucketId}, ${name}, ${owner}, ${owner}, ${tx.json(metadata)}, ${upload.userMetadata ? tx.json(upload.userMetadata) : null}) returning id`;
    const file = bytesPath(bucketId, row.id);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written to a temporary name and renamed, so concurrent uploads to one key never interleave bytes.
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await fs.writeFile(temp, upload.data);
    await fs.rename(temp, file);
    return { Id: row.id as string, Key: `${bucketId}/${name}` };
  });
}

/** Downloads (GET, HEAD, Range) as `who`, or as the service role for signed and public URLs (`who` null). */
export async function serve(
  ctx: GatewayContext,
  c: Context,
  who: Caller | null,
  bucketId: string,
  name: string,
  download?: string,
) {
  const runner = who ?? service;
  const [row] = await runAs<any[]>(
    ctx,
    runner,
    (tx) => tx`select id, metadata from storage.objects where bucket_id = ${bucketId} and name = ${name}`,
  );
  if (!row) throw notFound();
  const data = await fs.readFile(bytesPath(bucketId, row.id)).catch(() => null);
  if (!data) throw notFound();
  const headers: Record<string, string> = {
    'Content-Type': row.metadata?.mimetype ?? 'application/octet-stream',
    'Cache-Control': row.metadata?.cacheControl ?? 'no-cache',
    ETag: row.metadata?.eTag ?? '',
    'Accept-Ranges': 'bytes',
  };
  if (download !== undefined)
    headers['Content-Disposition'] =
      `attachment; filename="${encodeURIComponent(download || name.split('/').at(-1)!)}"`;
  const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, data.length - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
    if (start > end || start >= data.length) return c.body(null, 416, { 'Content-Range': `bytes */${data.length}` });
    return c.body(new Uint8Array(data.subarray(start, end + 1)), 206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${data.length}`,
    });
  }
  if (c.req.method === 'HEAD') return c.body(null, 200, { ...headers, 'Content-Length': String(data.length) });
  return c.body(new Uint8Array(data), 200, { ...headers, 'Content-Length': String(data.length) });
}
