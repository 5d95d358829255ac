'use client';

// The message box: Enter sends, Shift+Enter starts a new line, with a visible length limit. With `uploads`, files
// can be attached (button, drop, paste) and a message may be files alone.
import { useState } from 'react';
import { AttachButton, fileDropHandlers, PendingUploads } from '@/components/attachments/pending-uploads';
import type { Uploads } from '@/components/attachments/use-uploads';
import { maxMessageLength } from '@/lib/messages/schemas';
import { isSendKey } from './send-key';

export function Composer({
  onSend,
  onStop,
  busy,
  autoFocus,
  uploads,
}: {
  onSend: (text: string) => Promise<boolean>;
  onStop?: () => void;
  busy: boolean;
  autoFocus?: boolean;
  uploads?: Uploads;
}) {
  const [text, setText] = useState('');
  const tooLong = text.length > maxMessageLength;
  const empty = text.trim() === '' && !uploads?.ready.length;
  const blocked = busy || tooLong || empty || Boolean(uploads?.busy);
  const { onPaste, ...dropHandlers } = uploads ? fileDropHandlers(uploads) : { onPaste: undefined };
  const submit = async () => {
    if (blocked) return;
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
      {...dropHandlers}
    >
      {uploads ? <PendingUploads uploads={uploads} /> : null}
      <textarea
        aria-label="Message"
        data-testid="composer"
        rows={3}
        autoFocus={autoFocus}
        value={text}
        placeholder="Describe what you want to build…"
        onChange={(event) => setText(event.target.value)}
        onPaste={onPaste}
        onKeyDown={(event) => {
          if (isSendKey(event)) {
            event.preventDefault();
            void submit();
          }
        }}
        className="w-full resize-none bg-transparent px-2 py-1 outline-none"
      />
      <div className="flex items-center justify-between gap-2 px-1">
        {uploads ? <AttachButton uploads={uploads} /> : null}
        <span
          className={`mr-auto text-xs ${tooLong ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
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
            disabled={blocked}
            className="rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40"
          >
            Send
          </button>
        )}
      </div>
    </form>
  );
}
