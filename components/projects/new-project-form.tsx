'use client';

// Starts a project from one of the user's chats: the chat (and its artifacts) moves into the new project.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { moveChat } from '@/app/(shell)/projects/actions';
import { buttonPrimary, inputClass } from '@/components/ui/styles';
import type { ChatSummary } from '@/lib/chats/queries';

export function NewProjectForm({ chats }: { chats: ChatSummary[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (chats.length === 0) return null;
  return (
    <form
      aria-label="Start a project from a chat"
      className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setBusy(true);
        const result = await moveChat({
          chatId: String(form.get('chatId')),
          newProjectName: String(form.get('name') ?? ''),
        }).catch(() => null);
        setBusy(false);
        if (!result?.ok) return setError(result ? result.error.message : 'Could not start the project. Try again.');
        router.push(`/projects/${result.projectId}`);
      }}
    >
      <h2 className="font-medium">Start a project from a chat</h2>
      <label className="flex flex-col gap-1 text-sm">
        <span>Chat</span>
        <select name="chatId" className={inputClass}>
          {chats.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span>Project name</span>
        <input name="name" required maxLength={200} className={inputClass} />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className={`${buttonPrimary} self-start`}>
        Start project
      </button>
    </form>
  );
}
