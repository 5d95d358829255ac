// Saving a streaming reply through a database that may be slow or gone: bounded retries with a timeout, and a
// throttled saver that keeps saving after a failure without leaving unhandled rejections behind.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { SaveFailed, saveWithRetry } = await import('@/lib/agents/reply-saves');
const { createThrottledSaver } = await import('@/lib/agents/throttled-saver');

const ok = { data: ['row'], error: null, status: 200 };
const unavailable = { data: null, error: { message: 'Database connection error' }, status: 503 };

describe('saveWithRetry', () => {
  it('retries what a retry can fix (503, lost connections) and answers the first success', async () => {
    const outcomes = [unavailable, { data: null, error: { message: 'TypeError: fetch failed' }, status: 0 }, ok];
    const attempt = vi.fn(async () => outcomes.shift()!);
    expect(await saveWithRetry(attempt, { backoffMs: [1, 1, 1] })).toEqual({ data: ['row'], attempts: 3 });
  });

  it('gives up after its bounded retries, and at once on a refusal a retry cannot fix', async () => {
    const down = vi.fn(async () => unavailable);
    await expect(saveWithRetry(down, { backoffMs: [1, 1] })).rejects.toBeInstanceOf(SaveFailed);
    expect(down).toHaveBeenCalledTimes(3);
    const refused = vi.fn(async () => ({ data: null, error: { message: 'permission denied' }, status: 403 }));
    await expect(saveWithRetry(refused, { backoffMs: [1, 1] })).rejects.toBeInstanceOf(SaveFailed);
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('gives every attempt a timeout signal, so a hung save is abandoned and retried', async () => {
    const signals: AbortSignal[] = [];
    const attempt = (signal: AbortSignal) => {
      signals.push(signal);
      if (signals.length === 1)
        return new Promise<typeof ok>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return Promise.resolve(ok);
    };
    expect((await saveWithRetry(attempt, { backoffMs: [1], timeoutMs: 20 })).attempts).toBe(2);
    expect(signals[0].aborted).toBe(true);
  });
});

describe('the throttled saver after a failed save', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('goes on saving the latest text, and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const saves: string[] = [];
      let failing = true;
      const saver = createThrottledSaver(async (text) => {
        if (failing) throw new Error('database down');
        saves.push(text);
      }, 100);
      saver.push('a');
      await vi.advanceTimersByTimeAsync(0);
      saver.push('ab');
      await vi.advanceTimersByTimeAsync(100);
      saver.touch();
      await vi.advanceTimersByTimeAsync(100);
      failing = false;
      saver.push('abc');
      await vi.advanceTimersByTimeAsync(100);
      await saver.finish();
      expect(saves).toEqual(['abc']);
      await vi.advanceTimersByTimeAsync(0);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps one save in flight at a time: a slow database gets the latest text next, not a queue of old ones', async () => {
    const saves: string[] = [];
    let release!: () => void;
    const saver = createThrottledSaver(async (text) => {
      saves.push(text);
      if (saves.length === 1) await new Promise<void>((resolve) => (release = resolve));
    }, 100);
    saver.push('a');
    await vi.advanceTimersByTimeAsync(0);
    for (const text of ['ab', 'abc', 'abcd', 'abcde']) {
      saver.push(text);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toEqual(['a']);
    release();
    await saver.finish();
    expect(saves).toEqual(['a', 'abcde']);
  });
});
