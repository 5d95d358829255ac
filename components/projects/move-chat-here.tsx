'use client';

// Moves one of the user's other chats into this project; its artifacts and their rows come along (the database's
// move_chat_design trigger), and the page shows them once the move is saved.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { moveChat } from '@/app/(shell)/projects/actions';
import { buttonSecondary, inputClass } from '@/components/ui/styles';
import type { ChatSummary } from '@/lib/chats/queries';

export function MoveChatHere({ projectId, chats }: { projectId: string; chats: ChatSummary[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (chats.length === 0) return null;
  return (
    <form
      aria-label="Move a chat into this project"
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const chatId = String(new FormData(event.currentTarget).get('chatId'));
        setBusy(true);
        setError(null);
        const result = await moveChat({ chatId, projectId }).catch(() => null);
        setBusy(false);
        if (!result?.ok) return setError(result ? result.error.message : 'Could not move the chat. Try again.');
        router.refresh();
      }}
    >
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
        <span>Move a chat into this project</span>
        <select name="chatId" className={inputClass}>
          {chats.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy} className={buttonSecondary}>
        Move here
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
