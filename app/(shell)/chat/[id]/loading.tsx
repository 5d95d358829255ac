import { Bar, PageSkeleton } from '@/components/ui/skeletons';
import { WarmChatPreview } from '@/components/warm-start/warm-chat-preview';

// The newest page this browser saw of the chat, from IndexedDB, while the server renders; the skeleton otherwise.

export default function Loading() {
  return <WarmChatPreview skeleton={<ChatSkeleton />} />;
}

function ChatSkeleton() {
  return (
    <PageSkeleton label="Loading the chat…">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <Bar className="h-6 w-48" />
        <Bar className="h-8 w-16" />
      </div>
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-6 px-4 py-6">
        <Bar className="ml-auto h-10 w-1/2 rounded-2xl" />
        <Bar className="h-4 w-full" />
        <Bar className="h-4 w-5/6" />
        <Bar className="h-4 w-2/3" />
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        <Bar className="h-24 w-full rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
