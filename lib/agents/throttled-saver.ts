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
  // One save at a time, and the next one carries the latest text: while the database is slow or down, saves do not
  // pile up behind each other (each with its retries), and a failed save does not end the saving.
  let wanted: string | null = null;
  let draining = false;
  let running: Promise<void> = Promise.resolve();
  const drain = async () => {
    // Set and cleared in the same synchronous steps as the loop's check, so an enqueue never falls between them.
    draining = true;
    try {
      while (wanted !== null) {
        const text = wanted;
        wanted = null;
        try {
          await save(text);
          saved = text;
        } catch {
          // The caller's save records the failure; the next save (or the final one) carries the text again.
        }
      }
    } finally {
      draining = false;
    }
  };
  const enqueue = (text: string) => {
    lastSaveAt = Date.now();
    wanted = text;
    if (!draining) running = drain();
    return running;
  };
  const flush = () => {
    timer = null;
    if (latest === saved && wanted === null) return running;
    return enqueue(latest);
  };
  return {
    push(text: string) {
      latest = text;
      if (timer) return;
      const wait = lastSaveAt + intervalMs - Date.now();
      if (wait <= 0) void flush();
      else timer = setTimeout(flush, wait);
    },
    /** A heartbeat: saves the latest text even when unchanged, unless a save is already due. */
    touch() {
      if (!timer) void enqueue(latest);
    },
    async finish() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
