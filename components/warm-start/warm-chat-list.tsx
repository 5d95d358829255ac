'use client';

// The sidebar's loading state (app/(shell)/layout.tsx): the chat list's first page as this browser last saw it,
// from IndexedDB, while the server renders the real sidebar; the skeleton when there is none. Plain links only:
// renaming, archiving and the rest wait for the real list.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { ChatSummary } from '@/lib/chats/queries';
import { readWarmChatList } from '@/lib/warm-start/browser-store';
import { useSessionUserId } from '@/lib/warm-start/use-warm-start';

export function WarmChatList({ skeleton }: { skeleton: React.ReactNode }) {
  const userId = useSessionUserId();
  const [chats, setChats] = useState<ChatSummary[] | null>(null);
  useEffect(() => {
    if (!userId) return;
    let current = true;
    void readWarmChatList(userId)
      .then((list) => current && setChats(list))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [userId]);
  if (!chats?.length) return skeleton;
  return (
    <nav
      aria-label="Recent chats (loading)"
      aria-busy="true"
      data-testid="warm-chat-list"
      className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col gap-1 overflow-y-auto border-r border-zinc-200 bg-zinc-50 p-3 md:flex dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="mb-4 h-[4.75rem]" />
      {chats.map((chat) => (
        <Link key={chat.id} href={`/chat/${chat.id}`} className="truncate rounded-md px-2 py-1 text-sm">
          {chat.title}
        </Link>
      ))}
    </nav>
  );
}
