// One error vocabulary for actions, route handlers and pages: `type:surface` codes with an HTTP status and a
// message a person can act on. Database and Auth errors are mapped here, once: nothing else reads their codes.
export type ErrorType =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unprocessable'
  | 'rate_limit'
  | 'unavailable';
export type Surface =
  | 'agent'
  | 'analysis'
  | 'auth'
  | 'chat'
  | 'message'
  | 'share'
  | 'search'
  | 'upload'
  | 'database'
  | 'request'
  | 'artifact'
  | 'export'
  | 'insights'
  | 'project'
  | 'mcp'
  | 'token';
export type ErrorCode = `${ErrorType}:${Surface}`;

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limit: 429,
  unavailable: 503,
};

const defaultMessages: Partial<Record<ErrorCode, string>> = {
  'unauthorized:agent': 'Send a valid agent key or job token as `Authorization: Bearer …`.',
  'unauthorized:auth': 'Please sign in to continue.',
  'bad_request:auth': 'Check your email and password and try again.',
  'not_found:chat': 'This chat does not exist or you do not have access to it.',
  'not_found:project': 'This project does not exist or you do not have access to it.',
  'rate_limit:message': 'You are sending messages too fast. Wait a moment and try again.',
  'rate_limit:share': 'You are creating share links too fast. Wait a moment and try again.',
  'rate_limit:auth': 'Too many attempts. Wait a minute and try again.',
  'forbidden:request': 'This request came from another site and was refused.',
  'too_large:request': 'This request is too large.',
  'unavailable:database': 'OHM cannot reach its database right now. Try again in a moment.',
  'unauthorized:token':
    'Send a personal access token (Authorization: Bearer ohm_pat_…): create one at /settings/tokens.',
  'forbidden:token': 'This token is read-only: create a read and write token at /settings/tokens to change anything.',
  'unavailable:chat': 'This chat could not be brought back from the archive just now. Try again in a moment.',

  'conflict:analysis': 'This file is being analysed right now. Its result will appear in the chat in a moment.',
};

/** `retryAfter`: seconds until a retry may succeed (429 and 503 answer it as Retry-After; actions pass it on). */
export type ErrorBody = { code: ErrorCode; message: string; retryAfter?: number };

/** How long a refused caller should wait, when the refusal does not say: a minute for limits, seconds for outages. */
const defaultRetryAfter: Partial<Record<ErrorType, number>> = { rate_limit: 60, unavailable: 5 };

export class OhmError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfter?: number;
  /** `cause`: the database's or Auth's own error, for the logs; people see `message`. */
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; retryAfter?: number }) {
    super(message ?? defaultMessages[code] ?? 'Something went wrong. Please try again.', options);
    this.code = code;
    this.status = statusByType[code.split(':')[0] as ErrorType];
    this.retryAfter = options?.retryAfter ?? defaultRetryAfter[this.type];
  }
  get type(): ErrorType {
    return this.code.split(':')[0] as ErrorType;
  }
  /** The failed result a server action returns and its form renders. */
  toResult(): { ok: false; error: ErrorBody } {
    const error: ErrorBody = { code: this.code, message: this.message };
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { ok: false, error };
  }
  /** The JSON answer of a route handler: the same code and message, the code's HTTP status, and Retry-After. */
  toResponse(): Response {
    const headers: Record<string, string> = {};
    if (this.retryAfter !== undefined) headers['Retry-After'] = String(this.retryAfter);
    return Response.json({ code: this.code, message: this.message } satisfies ErrorBody, {
      status: this.status,
      headers,
    });
  }
}

export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

/** Maps a supabase-js Auth error to the vocabulary, keeping Auth's own message when it is meant for people. */
export function fromAuthError(error: { code?: string; status?: number; message: string }): OhmError {
  switch (error.code) {
    case 'invalid_credentials':
      return new OhmError('bad_request:auth', 'Wrong email or password.');
    case 'user_already_exists':
    case 'email_exists':
      return new OhmError('conflict:auth', 'An account with this email already exists. Sign in instead.');
    case 'weak_password':
      return new OhmError('bad_request:auth', error.message);
    case 'validation_failed':
      return new OhmError('bad_request:auth', error.message);
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return new OhmError('rate_limit:auth');
    default:
      return error.status && error.status >= 500
        ? new OhmError('unavailable:database')
        : new OhmError('bad_request:auth', error.message);
  }
}

/** What each SQLSTATE or PostgREST code the app's SQL raises means; anything else is the database failing. */
const typeByPostgrestCode: Record<string, Exclude<ErrorType, 'unavailable'>> = {
  PGRST116: 'not_found', // .single() found no row: RLS hides what is not the caller's
  PT401: 'unauthorized', // raised by the agent API's functions: an unknown, expired or revoked key or token
  PT404: 'not_found', // raised by our functions: no such chat, message, branch or share for this caller
  '23503': 'not_found', // the chat or parent a row points at does not exist
  '42501': 'forbidden',
  '23505': 'conflict',
  '40001': 'conflict',
  PT409: 'conflict', // an idempotency key reused for different content, a version written by someone else first
  PT422: 'unprocessable', // an agent API idempotency key replayed with a different body

  PT413: 'too_large', // a document, BOM or code artifact over its limit; the message says the limit
  PT429: 'rate_limit',
  '22001': 'bad_request',
  '22007': 'bad_request', // a date or time that is not one (a list cursor's time)
  '22008': 'bad_request', // a date or time out of range
  '22023': 'bad_request', // invalid parameter value, with a message for people
  '22P02': 'bad_request',
  '23514': 'bad_request',
  P0001: 'bad_request',
};

const defaultPostgrestMessages: Partial<Record<ErrorType, string>> = {
  forbidden: 'You do not have access to this.',
  conflict: 'Someone else changed this at the same time. Reload and try again.',
};

/**
 * What a caller means by one kind of failure, where the defaults would not say it: its own words, or another
 * error altogether (say, "not found" from append_message is about the chat, not the message).
 */
export type PostgrestMeaning = Partial<Record<ErrorType, string | OhmError>>;

/** Maps a PostgREST error (SQLSTATE or PGRST code) to the vocabulary for the given surface. */
export function fromPostgrestError(
  error: { code?: string; message: string; details?: string | null },
  surface: Surface,
  meaning: PostgrestMeaning = {},
): OhmError {
  const type = error.code ? typeByPostgrestCode[error.code] : undefined;
  if (!type) return new OhmError('unavailable:database', undefined, { cause: error });
  // The database's limits say how long to wait in their detail (`retry_after=<seconds>`).
  const wait = type === 'rate_limit' ? /retry_after=(\d+)/.exec(error.details ?? '') : null;
  const retryAfter = wait ? Number(wait[1]) : undefined;
  const said = meaning[type];
  if (said instanceof OhmError) return said;
  const code: ErrorCode = `${type}:${surface}`;
  return new OhmError(
    code,
    said ??
      (type === 'bad_request' || type === 'too_large'
        ? error.message
        : (defaultPostgrestMessages[type] ?? defaultMessages[code])),
    { cause: error, retryAfter },
  );
}
