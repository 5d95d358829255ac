'use client';

// The composer on `/`: the first send creates the chat and opens it at /chat/<id>. Files attached before it are
// uploaded under the id the chat will take (made here, sent as newChatId), so they attach exactly as in a chat.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendMessage } from '@/app/(shell)/chat/actions';
import { useUploads } from '@/components/attachments/use-uploads';
import { Composer } from './composer';

export function NewChatComposer() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [newChatId] = useState(() => crypto.randomUUID());
  const uploads = useUploads(newChatId);
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
        uploads={uploads}
        onSend={async (typed) => {
          setBusy(true);
          setError(null);
          const files = uploads.ready;
          const result = await sendMessage({
            content: typed.trim() || `Attached ${files.map((u) => u.name).join(', ')}`,
            idempotencyKey: crypto.randomUUID(),
            newChatId,
            attachments: files.length ? files.map((u) => ({ storagePath: u.storagePath!, name: u.name })) : undefined,
          }).catch(() => null);
          if (!result?.ok) {
            setBusy(false);
            setError(
              result && !result.ok ? result.error.message : 'Could not send: check your connection and try again.',
            );
            return false;
          }
          uploads.clear();
          router.push(`/chat/${result.chatId}`);
          return true;
        }}
      />
    </div>
  );
}
