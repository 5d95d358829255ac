// One error vocabulary for actions, route handlers and pages: `type:surface` codes with an HTTP status and a
// message a person can act on. Database and Auth errors are mapped here, once.
export type ErrorType =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limit' | 'unavailable';
export type Surface = 'auth' | 'chat' | 'message' | 'share' | 'search' | 'upload' | 'insights' | 'database';
export type ErrorCode = `${ErrorType}:${Surface}`;

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limit: 429,
  unavailable: 503,
};

const defaultMessages: Partial<Record<ErrorCode, string>> = {
  'unauthorized:auth': 'Please sign in to continue.',
  'bad_request:auth': 'Check your email and password and try again.',
  'not_found:chat': 'This chat does not exist or you do not have access to it.',
  'rate_limit:message': 'You are sending messages too fast. Wait a moment and try again.',
  'unavailable:database': 'OHM cannot reach its database right now. Try again in a moment.',
};

export class OhmError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? defaultMessages[code] ?? 'Something went wrong. Please try again.');
    this.code = code;
    this.status = statusByType[code.split(':')[0] as ErrorType];
  }
  toResult(): { ok: false; error: { code: ErrorCode; message: string } } {
    return { ok: false, error: { code: this.code, message: this.message } };
  }
}

export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

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
      return new OhmError('rate_limit:auth', 'Too many attempts. Wait a minute and try again.');
    default:
      return error.status && error.status >= 500
        ? new OhmError('unavailable:database')
        : new OhmError('bad_request:auth', error.message);
  }
}

/** Maps a PostgREST error (SQLSTATE or PGRST code) to the vocabulary for the given surface. */
export function fromPostgrestError(error: { code?: string; message: string }, surface: Surface): OhmError {
  switch (error.code) {
    case 'PGRST116':
      return new OhmError(`not_found:${surface}`);
    case '42501':
      return new OhmError(`forbidden:${surface}`, 'You do not have access to this.');
    case '23505':
    case '40001':
      return new OhmError(`conflict:${surface}`, 'Someone else changed this at the same time. Reload and try again.');
    case 'PT429':
      return new OhmError(`rate_limit:${surface}`);
    case '22001':
    case '22P02':
    case '23514':
    case 'P0001':
      return new OhmError(`bad_request:${surface}`, error.message);
    default:
      return new OhmError('unavailable:database');
  }
}
