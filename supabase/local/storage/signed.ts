// Signed URLs: createSignedUrl(s) for downloads and createSignedUploadUrl/uploadToSignedUrl, as HS256 tokens bound
// to the bucket, the path and the scope, with an expiry. Whoever holds one acts as the service role for that object.
import { Hono, type Context } from 'hono';
import { SignJWT, jwtVerify } from 'jose';
import { jwtSecret } from '../config.ts';
import type { GatewayContext } from '../core/context.ts';
import { caller, runAs } from './caller.ts';
import { StorageError, notFound } from './errors.ts';
import { bucketRow, readUpload, serve, store, validKey } from './objects-store.ts';

const secret = new TextEncoder().encode(jwtSecret);

/** The bucket and object name after `prefix` in the request's path. */
export const objectPath = (c: Context, prefix: string) => {
  const rest = decodeURIComponent(c.req.path.slice(c.req.path.indexOf(prefix) + prefix.length));
  const slash = rest.indexOf('/');
  return { bucket: slash < 0 ? rest : rest.slice(0, slash), name: slash < 0 ? '' : rest.slice(slash + 1) };
};

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

export function signedRoutes(ctx: GatewayContext, app: Hono) {
  app.post('/object/sign/:bucket', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { expiresIn?: number; paths?: string[] };
    const bucket = c.req.param('bucket');
    const who = await caller(c);
    const paths = body.paths ?? [];
    const found = await runAs(
      ctx,
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
    const [row] = await runAs(
      ctx,
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
    return serve(ctx, c, null, bucket, name, c.req.query('download'));
  });
  app.post('/object/upload/sign/*', async (c) => {
    const { bucket, name } = objectPath(c, '/object/upload/sign/');
    if (!validKey(name)) throw new StorageError('400', 'InvalidKey', 'Invalid key', `Invalid key: ${name}`);
    const who = await caller(c);
    await bucketRow(ctx, bucket);
    // The caller must be allowed to insert here: probe it as them, rolled back.
    const probe = new Error('probe');
    await runAs(ctx, who, async (tx) => {
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
      ctx,
      { role: 'service_role', claims: { role: 'service_role', sub: (claims.owner as string) ?? undefined } },
      bucket,
      name,
      await readUpload(c),
      c.req.header('x-upsert') === 'true' || claims.upsert === true,
    );
    return c.json({ Key: result.Key, Id: result.Id });
  });
}
