'use client';

// The message box: Enter sends, Shift+Enter starts a new line, with a visible length limit.
import { useState } from 'react';
import { maxMessageLength } from '@/lib/messages/schemas';
import { isSendKey } from './send-key';

export function Composer({
  onSend,
  onStop,
  busy,
  autoFocus,
}: {
  onSend: (text: string) => Promise<boolean>;
  onStop?: () => void;
  busy: boolean;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState('');
  const tooLong = text.length > maxMessageLength;
  const submit = async () => {
    if (busy || tooLong || text.trim() === '') return;
    const sent = text;
    setText('');
    if (!(await onSend(sent))) setText(sent);
  };
  return (
    <form
      className="rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label="Message"
        data-testid="composer"
        rows={3}
        autoFocus={autoFocus}
        value={text}
        placeholder="Describe what you want to build…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (isSendKey(event)) {
            event.preventDefault();
            void submit();
          }
        }}
        className="w-full resize-none bg-transparent px-2 py-1 outline-none"
      />
      <div className="flex items-center justify-between gap-2 px-1">
        <span
          className={`text-xs ${tooLong ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
          aria-live="polite"
        >
          {tooLong
            ? `Too long: ${text.length.toLocaleString('en-US')} / ${maxMessageLength.toLocaleString('en-US')} characters`
            : `${text.length.toLocaleString('en-US')} / ${maxMessageLength.toLocaleString('en-US')}`}
        </span>
        {busy && onStop ? (
          <button
            type="button"
            onClick={onStop}
            className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            disabled={busy || tooLong || text.trim() === ''}
            className="rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40"
          >
            Send
          </button>
        )}
      </div>
    </form>
  );
}
