'use client';

// Archived chats, out of the way under the chat list: open them or bring them back.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { archiveChat, loadChats } from '@/app/(shell)/actions';
import { useToast } from '@/components/ui/toast';
import type { ChatListPage } from '@/lib/chats/queries';

export function ArchivedChats() {
  const router = useRouter();
  const { show } = useToast();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState<ChatListPage | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (more: boolean) => {
    setLoading(true);
    const result = await loadChats({ archived: true, cursor: more ? page?.next : null }).catch(() => null);
    setLoading(false);
    if (!result?.ok) return show({ message: 'Could not load your archived chats. Try again.', tone: 'error' });
    setPage((before) =>
      more && before ? { chats: [...before.chats, ...result.page.chats], next: result.page.next } : result.page,
    );
  };

  const unarchive = async (chatId: string, title: string) => {
    const result = await archiveChat({ chatId, archived: false }).catch(() => null);
    if (!result?.ok) return show({ message: `Could not unarchive “${title}”. Try again.`, tone: 'error' });
    setPage((before) => before && { ...before, chats: before.chats.filter((c) => c.id !== chatId) });
    show({ message: `“${title}” is back in your chats.` });
    router.refresh();
  };

  return (
    <div className="border-t border-zinc-200 px-2 py-1 dark:border-zinc-800">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="archived-chats"
        onClick={() => {
          setOpen(!open);
          if (!open) void load(false);
        }}
        className="w-full rounded-md px-2 py-1.5 text-left text-sm text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        Archived chats
      </button>
      {open ? (
        <div id="archived-chats" className="max-h-48 overflow-y-auto" data-testid="archived-chats">
          {page && page.chats.length === 0 ? (
            <p className="px-2 py-1 text-sm text-zinc-600 dark:text-zinc-400">No archived chats.</p>
          ) : null}
          <ul>
            {page?.chats.map((chat) => (
              <li key={chat.id} className="flex items-center gap-1">
                <Link
                  href={`/chat/${chat.id}`}
                  className="min-w-0 flex-1 truncate rounded-md px-2 py-1 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800"
                >
                  {chat.title}
                </Link>
                <button
                  type="button"
                  onClick={() => void unarchive(chat.id, chat.title)}
                  className="rounded-md px-2 py-1 text-xs hover:bg-zinc-200 dark:hover:bg-zinc-800"
                  aria-label={`Unarchive ${chat.title}`}
                >
                  Unarchive
                </button>
              </li>
            ))}
          </ul>
          {loading ? <p className="px-2 py-1 text-sm text-zinc-600 dark:text-zinc-400">Loading…</p> : null}
          {page?.next && !loading ? (
            <button
              type="button"
              onClick={() => void load(true)}
              className="px-2 py-1 text-sm underline underline-offset-2"
            >
              More archived chats
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
