// Streaming replies are saved in throttled steps: at most one write per interval, and always the final text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottledSaver } from '@/lib/agents/throttled-saver';

describe('the throttled reply saver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the first text at once, then at most once per interval, keeping the latest text', async () => {
    const saves: string[] = [];
    const saver = createThrottledSaver(async (text) => {
      saves.push(text);
    }, 250);
    for (const text of ['a', 'ab', 'abc']) saver.push(text);
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(249);
    expect(saves).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual(['a', 'abc']);
    saver.push('abcd');
    saver.push('abcde');
    await vi.advanceTimersByTimeAsync(100);
    expect(saves).toEqual(['a', 'abc']);
    await vi.advanceTimersByTimeAsync(150);
    expect(saves).toEqual(['a', 'abc', 'abcde']);
    await vi.advanceTimersByTimeAsync(1000);
    saver.push('abcdef');
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual(['a', 'abc', 'abcde', 'abcdef']);
  });

  it('waits for a write in flight when the reply finishes', async () => {
    let release!: () => void;
    const saves: string[] = [];
    const saver = createThrottledSaver(async (text) => {
      await new Promise<void>((resolve) => (release = resolve));
      saves.push(text);
    }, 10);
    saver.push('partial');
    await vi.advanceTimersByTimeAsync(0);
    const finished = saver.finish();
    release();
    await finished;
    expect(saves).toEqual(['partial']);
  });

  it('saves the same text again on a heartbeat, so a silent model does not look like a dead writer', async () => {
    const saves: string[] = [];
    const saver = createThrottledSaver(async (text) => {
      saves.push(text);
    }, 250);
    saver.push('thinking');
    await vi.advanceTimersByTimeAsync(250);
    saver.touch();
    saver.touch();
    await saver.finish();
    expect(saves).toEqual(['thinking', 'thinking', 'thinking']);
    saver.push('thinking more');
    saver.touch(); // a save is already due: the heartbeat adds nothing
    await vi.advanceTimersByTimeAsync(250);
    expect(saves).toEqual(['thinking', 'thinking', 'thinking', 'thinking more']);
  });
});
