'use client';

// The newest page this browser saw of a chat, painted from IndexedDB and then reconciled with the server by
// sequence number (lib/warm-start/reconcile.ts) while the server renders the page that replaces it: from the
// moment its sidebar link is clicked (WarmLinkPreview, over the page being left) and as the chat's loading state
// (app/(shell)/chat/[id]/loading.tsx); `skeleton` when there is none. Read-only: no actions, no composer, nothing
// to act on before the server has answered.
import { useParams } from 'next/navigation';
import { Markdown } from '@/components/chat/markdown';
import { describeAgent } from '@/lib/agents/registry';
import { useWarmChatPage } from '@/lib/warm-start/use-warm-start';

export function WarmChatPreview({
  chatId,
  skeleton,
  className = 'flex h-dvh min-w-0 flex-1 flex-col',
}: {
  chatId?: string;
  skeleton: React.ReactNode;
  className?: string;
}) {
  const params = useParams<{ id?: string }>();
  const messages = useWarmChatPage(chatId ?? params.id);
  if (!messages?.length) return skeleton;
  return (
    <div className={className} data-testid="warm-chat" aria-busy="true">
      <div className="h-[3.25rem] border-b border-zinc-200 dark:border-zinc-800" />
      <div className="flex-1 overflow-y-auto px-4 py-6">
        <div className="mx-auto flex max-w-3xl flex-col gap-6">
          {/* Not MessageItem: nothing here may be mistaken for the live chat's messages, by people or by tests. */}
          {messages.map((m) =>
            m.role === 'user' ? (
              <p
                key={m.id}
                data-testid="warm-message"
                className="ml-auto max-w-[85%] whitespace-pre-wrap break-words rounded-2xl bg-zinc-100 px-4 py-2 dark:bg-zinc-800"
              >
                {m.content}
              </p>
            ) : (
              <div key={m.id} data-testid="warm-message" className="max-w-full">
                <p className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">
                  {describeAgent(m.agent_name).label}
                </p>
                <Markdown>{m.content || ' '}</Markdown>
              </div>
            ),
          )}
        </div>
      </div>
    </div>
  );
}
