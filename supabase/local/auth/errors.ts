// Supabase Auth's error responses: the 2024-01-01 shape `{code, message}` when the client sends
// X-Supabase-Api-Version, the legacy `{code: status, error_code, msg}` otherwise; `x-sb-error-code` always.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const apiVersion = '2024-01-01';

export class AuthError extends Error {
  status: ContentfulStatusCode;
  code: string;
  extra: Record<string, unknown>;
  constructor(status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

function wantsNewShape(c: Context): boolean {
  const version = c.req.header('x-supabase-api-version');
  return !!version && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= apiVersion;
}

export function authErrorResponse(c: Context, error: AuthError) {
  c.header('x-sb-error-code', error.code);
  if (wantsNewShape(c)) {
    c.header('X-Supabase-Api-Version', apiVersion);
    return c.json({ code: error.code, message: error.message, ...error.extra }, error.status);
  }
  return c.json({ code: error.status, error_code: error.code, msg: error.message, ...error.extra }, error.status);
}
