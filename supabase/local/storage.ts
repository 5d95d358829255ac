// /storage/v1 — the Storage API as storage-js calls it: buckets, upload (raw and multipart, x-upsert), download
// (authenticated, public, signed, ranges), info, list, move, copy, remove, signed URLs and signed uploads. Every
// operation runs as the caller's role with their claims against RLS on storage.objects/buckets. Bytes live under
// the local data folder at <bucket id>/<object id>, never at a path built from a user's name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { SignJWT, jwtVerify } from 'jose';
import { jwtSecret, storageDir } from './config.ts';
import type { GatewayContext } from './core/context.ts';
import { resolveRequestRole, type Claims } from './core/request-role.ts';

const maxUploadBytes = 50 * 1024 * 1024;
const secret = new TextEncoder().encode(jwtSecret);

class StorageError extends Error {
  statusCode: string;
  code: string;
  error: string;
  httpStatus: number;
  constructor(statusCode: string, code: string, error: string, message: string, httpStatus = 400) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.error = error;
    this.httpStatus = httpStatus;
  }
}

const notFound = () => new StorageError('404', 'NoSuchKey', 'not_found', 'Object not found');
const noBucket = () => new StorageError('404', 'NoSuchBucket', 'Bucket not found', 'Bucket not found');

function validKey(name: string) {
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

function fromDb(error: { code?: string; message: string }): StorageError {
  if (error.code === '42501') return new StorageError('403', 'AccessDenied', 'Unauthorized', error.message);
  if (error.code === '23505') return new StorageError('409', 'Duplicate', 'Duplicate', 'The resource already exists');
  if (error.code === '23503') return noBucket();
  return new StorageError('500', 'DatabaseError', 'internal', error.message, 500);
}

export function createStorageRoutes(ctx: GatewayContext) {
  const app = new Hono();
  app.onError((error, c) => {
    const e = error instanceof StorageError ? error : fromDb(error as { code?: string; message: string });
    return c.json({ statusCode: e.statusCode, code: e.code, error: e.error, message: e.message }, e.httpStatus as 400);
  });

  async function caller(c: Context): Promise<{ role: string; claims: Claims }> {
    const role = await resolveRequestRole(c.req.raw.headers);
    if (!role.ok)
      throw new StorageError(
        '403',
        role.code === 'PGRST303' ? 'ExpiredToken' : 'InvalidJWT',
        'Unauthorized',
        role.code === 'PGRST303' ? 'The provided token has expired.' : role.message,
      );
    return { role: role.role, claims: role.claims };
  }

  /** Runs `fn` as the caller in one transaction; the service role (and signed-URL access) bypasses RLS. */
  async function as<T = any[]>(who: { role: string; claims: Claims }, fn: (tx: any) => Promise<T>): Promise<T> {
    return ctx.api.begin(async (tx) => {
      await tx`select set_config('role', ${who.role}, true), set_config('request.jwt.claims', ${JSON.stringify(who.claims)}, true),
                      set_config('request.jwt.claim.sub', ${String(who.claims.sub ?? '')}, true), set_config('request.jwt.claim.role', ${who.role}, true),
                      set_config('storage.allow_delete_query', 'true', true)`;
      return fn(tx);
    }) as Promise<T>;
  }
  const service = { role: 'service_role', claims: { role: 'service_role' } as Claims };

  const objectPath = (c: Context, prefix: string) => {
    const rest = decodeURIComponent(c.req.path.slice(c.req.path.indexOf(prefix) + prefix.length));
    const slash = rest.indexOf('/');
    return { bucket: slash < 0 ? rest : rest.slice(0, slash), name: slash < 0 ? '' : rest.slice(slash + 1) };
  };
  const bytesPath = (bucket: string, id: string) => path.join(storageDir, encodeURIComponent(bucket), id);

  async function bucketRow(who: { role: string; claims: Claims }, id: string) {
    // Bucket limits apply to everyone, so they are read with the service role.
    const [bucket] = await as<any[]>(service, (tx) => tx`select * from storage.buckets where id = ${id}`);
    if (!bucket) throw noBucket();
    void who;
    return bucket as {
      id: string;
      public: boolean;
      file_size_limit: number | null;
      allowed_mime_types: string[] | null;
    };
  }

  async function readUpload(
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

  async function store(
    who: { role: string; claims: Claims },
    bucketId: string,
    name: string,
    upload: Awaited<ReturnType<typeof readUpload>>,
    upsert: boolean,
  ) {
    if (!validKey(name)) throw new StorageError('400', 'InvalidKey', 'Invalid key', `Invalid key: ${name}`);
    const bucket = await bucketRow(who, bucketId);
    if (bucket.file_size_limit && upload.data.length > Number(bucket.file_size_limit)) {
      throw new StorageError(
        '413',
        'EntityTooLarge',
        'Payload too large',
        'The object exceeded the maximum allowed size',
      );
    }
    if (!mimeAllowed(upload.mime, bucket.allowed_mime_types)) {
      throw new StorageError(
        '415',
        'InvalidMimeType',
        'invalid_mime_type',
        `mime type ${upload.mime} is not supported`,
      );
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
    return as(who, async (tx) => {
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

  async function serve(
    c: Context,
    who: { role: string; claims: Claims } | null,
    bucketId: string,
    name: string,
    download?: string,
  ) {
    const runner = who ?? service;
    const [row] = await as<any[]>(
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

  const signUrl = (url: string, expiresIn: number, scope: 'download' | 'upload', extra: Record<string, unknown> = {}) =>
    new SignJWT({ url, scope, ...extra })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + Math.max(1, Math.floor(expiresIn)))
      .sign(secret);

  async function verifySigned(token: string | undefined, url: string, scope: string) {
    if (!token) throw new StorageError('400', 'InvalidJWT', 'Unauthorized', 'No token provided');
    try {
      const { payload } = await jwtVerify(token, secret);
      if (payload.url !== url || (payload.scope ?? 'download') !== scope)
        throw new StorageError('400', 'InvalidSignature', 'Unauthorized', 'The url does not match the signature');
      return payload;
    } catch (error) {
      if (error instanceof StorageError) throw error;
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new StorageError(
        expired ? '400' : '400',
        expired ? 'ExpiredToken' : 'InvalidJWT',
        'Unauthorized',
        expired ? 'The provided token has expired.' : 'Invalid token',
      );
    }
  }

  // ---- buckets ----
  app.get('/bucket', async (c) =>
    c.json(await as(await caller(c), (tx) => tx`select * from storage.buckets order by name`)),
  );
  app.get('/bucket/:id', async (c) => {
    const [row] = await as(await caller(c), (tx) => tx`select * from storage.buckets where id = ${c.req.param('id')}`);
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
    await as(
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
    const rows = await as(
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
    const rows = await as(
      await caller(c),
      (tx) => tx`delete from storage.objects where bucket_id = ${id} returning id`,
    );
    await Promise.all(rows.map((r: { id: string }) => fs.rm(bytesPath(id, r.id), { force: true })));
    return c.json({ message: 'Successfully emptied' });
  });
  app.delete('/bucket/:id', async (c) => {
    const id = c.req.param('id');
    const who = await caller(c);
    const [{ n }] = await as<any[]>(
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
    const rows = await as(who, (tx) => tx`delete from storage.buckets where id = ${id} returning id`);
    if (!rows.length) throw noBucket();
    return c.json({ message: 'Successfully deleted' });
  });

  // ---- objects ----
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
    const rows = await as(
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
    const rows = await as(
      await caller(c),
      (tx) => tx`delete from storage.objects where bucket_id = ${bucket} and name = any(${body.prefixes!}) returning *`,
    );
    await Promise.all(rows.map((r: { id: string }) => fs.rm(bytesPath(bucket, r.id), { force: true })));
    return c.json(rows);
  });

  app.post('/object/move', async (c) => moveOrCopy(c, 'move'));
  app.post('/object/copy', async (c) => moveOrCopy(c, 'copy'));
  async function moveOrCopy(c: Context, kind: 'move' | 'copy') {
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
      await as(who, async (tx) => {
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

  app.post('/object/sign/:bucket', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { expiresIn?: number; paths?: string[] };
    const bucket = c.req.param('bucket');
    const who = await caller(c);
    const paths = body.paths ?? [];
    const found = await as(
      who,
      (tx) => tx`select name from storage.objects where bucket_id = ${bucket} and name = any(${paths})`,
    );
    const names = new Set(found.map((r: { name: string }) => r.name));
    return c.json(
      await Promise.all(
        paths.map(async (p) =>
          names.has(p)
            ? {
                error: null,
                path: p,
                signedURL: `/object/sign/${bucket}/${encodeURI(p)}?token=${await signUrl(`${bucket}/${p}`, body.expiresIn ?? 60, 'download')}`,
              }
            : { error: 'Either the object does not exist or you do not have access to it', path: p, signedURL: null },
        ),
      ),
    );
  });
  app.post('/object/sign/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/sign/');
    const body = (await c.req.json().catch(() => ({}))) as { expiresIn?: number };
    const expiresIn = Number(body.expiresIn);
    if (!Number.isFinite(expiresIn) || expiresIn < 1)
      throw new StorageError('400', 'InvalidRequest', 'invalid', 'expiresIn must be a positive number of seconds');
    const [row] = await as(
      await caller(c),
      (tx) => tx`select id from storage.objects where bucket_id = ${bucket} and name = ${name}`,
    );
    if (!row) throw notFound();
    return c.json({
      signedURL: `/object/sign/${bucket}/${encodeURI(name)}?token=${await signUrl(`${bucket}/${name}`, expiresIn, 'download')}`,
    });
  });
  app.on(['GET', 'HEAD'], '/object/sign/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/sign/');
    await verifySigned(c.req.query('token'), `${bucket}/${name}`, 'download');
    return serve(c, null, bucket, name, c.req.query('download'));
  });
  app.post('/object/upload/sign/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/upload/sign/');
    if (!validKey(name)) throw new StorageError('400', 'InvalidKey', 'Invalid key', `Invalid key: ${name}`);
    const who = await caller(c);
    await bucketRow(who, bucket);
    // The caller must be allowed to insert here: probe it as them, rolled back.
    const probe = new Error('probe');
    await as(who, async (tx) => {
      await tx`insert into storage.objects (bucket_id, name, owner_id) values (${bucket}, ${name}, ${(who.claims.sub as string) ?? null})`;
      throw probe;
    }).catch((error) => {
      if (error !== probe && (error as { code?: string }).code !== '23505') throw error;
    });
    const token = await signUrl(`${bucket}/${name}`, 7200, 'upload', {
      owner: who.claims.sub ?? null,
      upsert: c.req.header('x-upsert') === 'true',
    });
    return c.json({ url: `/object/upload/sign/${bucket}/${encodeURI(name)}?token=${token}`, token });
  });
  app.put('/object/upload/sign/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/upload/sign/');
    const claims = await verifySigned(c.req.query('token'), `${bucket}/${name}`, 'upload');
    const result = await store(
      { role: 'service_role', claims: { role: 'service_role', sub: (claims.owner as string) ?? undefined } },
      bucket,
      name,
      await readUpload(c),
      c.req.header('x-upsert') === 'true' || claims.upsert === true,
    );
    return c.json({ Key: result.Key, Id: result.Id });
  });

  app.get('/object/info/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/info/');
    const [row] = await as(
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
  app.on(['GET', 'HEAD'], '/object/public/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/public/');
    const row = await bucketRow(service, bucket);
    if (!row.public) throw notFound();
    return serve(c, null, bucket, name, c.req.query('download'));
  });
  app.on(['GET', 'HEAD'], '/object/authenticated/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/authenticated/');
    return serve(c, await caller(c), bucket, name, c.req.query('download'));
  });
  app.on(['GET', 'HEAD'], '/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    return serve(c, await caller(c), bucket, name, c.req.query('download'));
  });
  app.post('/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    const who = await caller(c);
    return c.json(await store(who, bucket, name, await readUpload(c), c.req.header('x-upsert') === 'true'));
  });
  app.put('/object/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/');
    return c.json(await store(await caller(c), bucket, name, await readUpload(c), true));
  });
  return app;
}
