// Saving a streamed reply on every token would write hundreds of rows a second; saving only at the end would lose
// the reply to a crash. This throttle sits between: the reply writer (lib/agents/reply-writer) pushes text to it.
/** At most one save of a streaming reply per this many milliseconds. */
export const saveIntervalMs = 250;

/**
 * A throttle that saves at most once per interval and always saves the last value; `touch` saves it again. The first
 * text is saved at once (leading edge), so other tabs see a reply begin without waiting a whole interval.
 */
export function createThrottledSaver(save: (text: string) => Promise<void>, intervalMs = saveIntervalMs) {
  let latest = '';
  let saved = '';
  let lastSaveAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> = Promise.resolve();
  const enqueue = (text: string) => {
    lastSaveAt = Date.now();
    inflight = inflight
      .then(() => save(text))
      .then(() => {
        saved = text;
      });
    return inflight;
  };
  const flush = () => {
    timer = null;
    if (latest === saved) return inflight;
    return enqueue(latest);
  };
  return {
    push(text: string) {
      latest = text;
      if (timer) return;
      const wait = lastSaveAt + intervalMs - Date.now();
      if (wait <= 0) void flush().catch(() => {});
      else timer = setTimeout(flush, wait);
    },
    /** A heartbeat: saves the latest text even when unchanged, unless a save is already due. */
    touch() {
      if (!timer) void enqueue(latest).catch(() => {});
    },
    async finish() {
      if (timer) clearTimeout(timer);
      timer = null;
      await inflight;
    },
  };
}
