// The signed-in pages (/, /chat/[id], /search, /insights, /projects) share one sidebar, mounted once: moving between them keeps its
// list, its scroll and its realtime subscription. It streams in behind its own Suspense boundary, so a page's first
// byte never waits for the chat list. There is deliberately no loading.tsx at this level: it would start the
// response before chat/[id]/layout.tsx has settled whether the chat exists, and a 404 could no longer be sent.
import { Suspense } from 'react';
import { Sidebar } from '@/components/chat/sidebar';
import { SidebarSkeleton } from '@/components/ui/skeletons';
import { WarmChatList } from '@/components/warm-start/warm-chat-list';

export default function ShellLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <Suspense fallback={<WarmChatList skeleton={<SidebarSkeleton />} />}>
        <Sidebar />
      </Suspense>
      {children}
    </div>
  );
}
