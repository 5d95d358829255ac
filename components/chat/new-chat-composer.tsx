'use client';

// The composer on `/`: the first send creates the chat and opens it at /chat/<id>.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendMessage } from '@/app/(shell)/chat/actions';
import { Composer } from './composer';

export function NewChatComposer() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Composer
        busy={busy}
        autoFocus
        onSend={async (text) => {
          setBusy(true);
          setError(null);
          const result = await sendMessage({ content: text, idempotencyKey: crypto.randomUUID() }).catch(() => null);
          if (!result?.ok) {
            setBusy(false);
            setError(
              result && !result.ok ? result.error.message : 'Could not send: check your connection and try again.',
            );
            return false;
          }
          router.push(`/chat/${result.chatId}`);
          return true;
        }}
      />
    </div>
  );
}
