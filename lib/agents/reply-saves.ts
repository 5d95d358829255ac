// Saving a streaming reply when the database may be slow or briefly gone: every attempt has a timeout (a save must
// never hang a reply for minutes), failures that a retry can fix (timeouts, lost connections, 5xx such as the 503
// of a restarting database) are retried a bounded number of times with backoff, and anything else is final.
import 'server-only';

export const saveTimeoutMs = 5_000;

export class SaveFailed extends Error {}

type Outcome<T> = { data: T | null; error: { message: string; code?: string } | null; status?: number };

function retryable(outcome: Outcome<unknown>): boolean {
  // supabase-js reports a timeout or a network failure with no HTTP status (0) or as an AbortError.
  const status = outcome.status ?? 0;
  return status === 0 || status >= 500 || /abort|timeout|fetch failed|network/i.test(outcome.error?.message ?? '');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (given a timeout signal) until it succeeds, fails for good, or `backoffMs` is used up: one more
 * attempt than there are pauses. Returns the data and how many attempts it took.
 */
export async function saveWithRetry<T>(
  attempt: (signal: AbortSignal) => PromiseLike<Outcome<T>>,
  { backoffMs = [250, 1_000, 2_000], timeoutMs = saveTimeoutMs }: { backoffMs?: number[]; timeoutMs?: number } = {},
): Promise<{ data: T; attempts: number }> {
  for (let i = 0; ; i++) {
    const outcome: Outcome<T> = await Promise.resolve(attempt(AbortSignal.timeout(timeoutMs))).then(
      (o) => o,
      (error: unknown) => ({ data: null, error: { message: String((error as Error)?.message ?? error) }, status: 0 }),
    );
    if (!outcome.error) return { data: outcome.data as T, attempts: i + 1 };
    if (!retryable(outcome) || i >= backoffMs.length) {
      throw new SaveFailed(`could not save the reply: ${outcome.error.message}`);
    }
    await pause(backoffMs[i]);
  }
}
