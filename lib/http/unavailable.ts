// A page whose database is unreachable answers OHM's own "unavailable, try again" page with 503 and Retry-After,
// not a 500: pages cannot set their status once rendering fails, so they redirect to /unavailable (a route
// handler, which can), naming the page to try again.
import 'server-only';
import { redirect } from 'next/navigation';
import { OhmError } from '@/lib/errors';

export const unavailableRetryAfterSeconds = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof OhmError && error.code === 'unavailable:database';
}

/** For a page's loader: `.catch(redirectWhenUnavailable(path))` sends a lost database to /unavailable. */
export function redirectWhenUnavailable(path: string) {
  return (error: unknown): never => {
    if (isDatabaseUnavailable(error)) redirect(`/unavailable?next=${encodeURIComponent(path)}`);
    throw error;
  };
}
