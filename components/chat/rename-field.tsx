'use client';

// A chat's name, edited in place in the sidebar: Enter or leaving the field saves a valid name, Escape cancels.
import { useRef, useState } from 'react';
import type { ChatSummary } from '@/lib/chats/queries';
import { chatTitleSchema, maxChatTitleLength } from '@/lib/chats/schemas';

export function RenameField({ chat, onDone }: { chat: ChatSummary; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(chat.title);
  const [error, setError] = useState<string | null>(null);
  const finished = useRef(false);
  const errorId = `rename-error-${chat.id}`;
  const finish = (title: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(title);
  };
  const submit = () => {
    const parsed = chatTitleSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    finish(parsed.data);
  };
  return (
    <form
      className="w-full p-0.5"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <input
        autoFocus
        aria-label="Chat name"
        value={value}
        maxLength={maxChatTitleLength + 50}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Cancels the rename only: the phone drawer around the list stays open.
            event.preventDefault();
            event.stopPropagation();
            finish(null);
          }
        }}
        onBlur={() => (chatTitleSchema.safeParse(value).success ? submit() : finish(null))}
        className="w-full rounded-md border border-sky-600 bg-white px-2 py-1 text-sm dark:bg-zinc-950"
      />
      {error ? (
        <p id={errorId} role="alert" className="px-1 pt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
