// PostgREST's error body ({code, details, hint, message}) and its SQLSTATE → HTTP status table, in one place.
export class RestError extends Error {
  status: number;
  code: string;
  details: string | null;
  hint: string | null;
  constructor(
    status: number,
    code: string,
    message: string,
    details: string | null = null,
    hint: string | null = null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.hint = hint;
  }
  body() {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

export const parseError = (message: string, details: string | null = null) =>
  new RestError(400, 'PGRST100', message, details);
// Hosted Supabase runs PostgREST with db-aggregates-enabled off, so `count()`, `sum()`… are refused there too.
export const aggregatesDisabled = () => new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
export const unsupported = (feature: string) =>
  new RestError(
    501,
    'PGRST501',
    `The local stand-in does not support ${feature}`,
    null,
    'See supabase/local/README.md for what /rest/v1 supports.',
  );

type PgError = { code?: string; message: string; detail?: string; hint?: string };

export function fromPostgres(error: PgError, role: string): RestError {
  const code = error.code ?? 'XX000';
  const status = statusOf(code, role);
  return new RestError(status, code, error.message, error.detail ?? null, error.hint ?? null);
}

function statusOf(code: string, role: string): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '23505' || code === '23503') return 409;
  if (code === '25006') return 405;
  if (code === '57014') return 500;
  if (code === '42883' || code === '42P01') return 404;
  if (code === 'P0001') return 400;
  if (code.startsWith('08')) return 503;
  if (code.startsWith('09') || code.startsWith('0L') || code.startsWith('0P')) return 403;
  if (code.startsWith('22') || code.startsWith('23') || code.startsWith('42')) return code === '42P17' ? 500 : 400;
  if (code.startsWith('25') || code.startsWith('28')) return 500;
  if (code.startsWith('53') || code.startsWith('54') || code.startsWith('55')) return 503;
  return 500;
}
