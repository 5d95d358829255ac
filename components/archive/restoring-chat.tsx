'use client';

// An archived chat being opened: its messages are in cold storage (lib/archive/data.ts). Says so, asks the server
// to bring them back, and reloads the page's data once they are; a failure offers a retry, nothing is lost.
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { restoreChat } from '@/app/(shell)/chat/[id]/actions';

export function RestoringChat({ chatId, messageCount }: { chatId: string; messageCount: number }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [, startTransition] = useTransition();

  useEffect(() => {
    let current = true;
    void restoreChat({ chatId })
      .catch(() => ({ ok: false as const, error: { message: 'The connection was lost. Try again.' } }))
      .then((result) => {
        if (!current) return;
        if (result.ok) startTransition(() => router.refresh());
        else setFailure(result.error.message);
      });
    return () => {
      current = false;
    };
  }, [chatId, attempt, router]);

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col items-center justify-center gap-3 px-4 py-12">
      {failure ? (
        <>
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {failure}
          </p>
          <button
            type="button"
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
            onClick={() => {
              setFailure(null);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </>
      ) : (
        <p role="status" data-testid="chat-restoring" className="text-sm text-zinc-600 dark:text-zinc-400">
          Restoring {messageCount === 1 ? 'this message' : `these ${messageCount} messages`} from the archive…
        </p>
      )}
    </div>
  );
}
