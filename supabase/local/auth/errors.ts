// Supabase Auth's error responses (GoTrue internal/api/errors.go): the 2024-01-01 shape `{code, message}` plus the echoed
// X-Supabase-Api-Version header when the request asks for that version or later, else the legacy `{code: status, error_code, msg}`.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const apiVersion = '2024-01-01';

export class AuthError extends Error {
  status: ContentfulStatusCode;
  code: string;
  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 422 weak_password with the reasons auth-js turns into AuthWeakPasswordError. */
export class WeakPasswordError extends AuthError {
  reasons: string[];
  constructor(message: string, reasons: string[]) {
    super(422, 'weak_password', message);
    this.reasons = reasons;
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);

/** GoTrue parses the header as a date; anything unparsable falls back to the initial (legacy) version. */
function requestsCurrentVersion(c: Context): boolean {
  const version = c.req.header('x-supabase-api-version') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version) || Number.isNaN(Date.parse(`${version}T00:00:00Z`))) return false;
  return version >= apiVersion;
}

export function authErrorResponse(c: Context, error: AuthError) {
  const current = requestsCurrentVersion(c);
  if (current) c.header('X-Supabase-Api-Version', apiVersion);
  if (error instanceof WeakPasswordError) {
    // GoTrue's weak-password writer sets x-sb-error-code only in the legacy shape.
    if (current)
      return c.json(
        { code: error.code, message: error.message, weak_password: { reasons: error.reasons } },
        error.status,
      );
    c.header('x-sb-error-code', error.code);
    return c.json(
      { code: error.status, error_code: error.code, msg: error.message, weak_password: { reasons: error.reasons } },
      error.status,
    );
  }
  c.header('x-sb-error-code', error.code);
  if (current) return c.json({ code: error.code, message: error.message }, error.status);
  return c.json({ code: error.status, error_code: error.code, msg: error.message }, error.status);
}
