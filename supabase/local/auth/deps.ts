// What every /auth/v1 endpoint module receives: the superuser pool, the clock and the settings of supabase/config.toml [auth].
import type postgres from 'postgres';
import type { Sql } from '../core/db.ts';
import type { AuthRateLimitOptions } from './rate-limit.ts';

export type AuthOptions = {
  /** [auth] refresh_token_reuse_interval (seconds); default 10. */
  refreshTokenReuseIntervalSeconds?: number;
  /** [auth] minimum_password_length; default 6. */
  minimumPasswordLength?: number;
  /** [auth.rate_limit] and the trusted proxies; default: supabase/config.toml and the environment (rate-limit.ts). */
  rateLimit?: AuthRateLimitOptions;
  /** The server's clock, injectable so tests can step past the reuse interval without sleeping. */
  now?: () => Date;
};

export type AuthDeps = {
  sql: Sql;
  now: () => Date;
  reuseIntervalMs: number;
  minimumPasswordLength: number;
};

export function authDeps(sql: Sql, options: AuthOptions = {}): AuthDeps {
  return {
    sql,
    now: options.now ?? (() => new Date()),
    reuseIntervalMs: (options.refreshTokenReuseIntervalSeconds ?? 10) * 1000,
    minimumPasswordLength: options.minimumPasswordLength ?? 6,
  };
}

/** A pool or a transaction: the helpers that write several rows take whichever the caller holds. */
export type Db = Sql | postgres.TransactionSql;
