// Request bodies capped before a service reads them: a declared Content-Length over the cap is answered 413 at
// once, and a body streamed without one is cut off as soon as it passes the cap, so nothing buffers a body larger
// than its service accepts. Each service answers in its own error shape (PostgREST, GoTrue, Storage).
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const bodyCaps = {
  /** PostgREST has no cap of its own; hosted Supabase's API gateway refuses bodies past this. */
  rest: 10 * 1024 * 1024,
  /** Sign-ups, sign-ins and user updates are a few hundred bytes. */
  auth: 1024 * 1024,
  /** supabase/config.toml [storage] file_size_limit; buckets may set less. */
  storage: 50 * 1024 * 1024,
} as const;

export function applyBodyLimits(app: Hono) {
  app.use(
    '/rest/v1/*',
    bodyLimit({
      maxSize: bodyCaps.rest,
      onError: (c) =>
        c.json(
          {
            code: 'PGRST413',
            details: null,
            hint: null,
            message: `The request body is larger than ${bodyCaps.rest} bytes`,
          },
          413,
        ),
    }),
  );
  app.use(
    '/auth/v1/*',
    bodyLimit({
      maxSize: bodyCaps.auth,
      onError: (c) => c.json({ code: 413, error_code: 'request_too_large', msg: 'Request body too large' }, 413),
    }),
  );
  app.use(
    '/storage/v1/*',
    bodyLimit({
      maxSize: bodyCaps.storage,
      onError: (c) =>
        c.json(
          {
            statusCode: '413',
            error: 'Payload too large',
            message: 'The object exceeded the maximum allowed size',
          },
          413,
        ),
    }),
  );
}
