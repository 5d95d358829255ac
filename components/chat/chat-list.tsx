'use client';

// The user's chats in the sidebar: grouped by recency, more loaded as the end of the list scrolls into view, and a
// menu per chat to rename (inline), archive or delete it, each undoable from a toast. The database decides what
// the user may change (RLS); this list only shows the outcome, and puts a chat back if a change fails.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { archiveChat, deleteChat, purgeChat, renameChat, undoDeleteChat } from '@/app/(shell)/actions';
import { Menu } from '@/components/ui/menu';
import { useToast } from '@/components/ui/toast';
import { groupChats } from '@/lib/chats/grouping';
import { withChat } from '@/lib/chats/order';
import type { ChatListPage, ChatSummary } from '@/lib/chats/queries';
import { chatListPageSize } from '@/lib/chats/schemas';
import { WarmLinkPreview } from '@/components/warm-start/warm-link-preview';
import { useSaveWarmChatList } from '@/lib/warm-start/use-warm-start';
import { RenameField } from './rename-field';
import { useChatListPages } from './use-chat-list-pages';

const noSubscription = () => () => {};

export function ChatList({
  initialPage,
  initialFailed = false,
  userId,
}: {
  initialPage: ChatListPage;
  initialFailed?: boolean;
  userId: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const { show } = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  // Chats archived or deleted here and not put back: a server render that raced the change must not show them again.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const currentId = pathname.startsWith('/chat/') ? pathname.split('/')[2] : null;
  const { chats, setChats, next, loading, loadError, firstPageFailed, live, retryFirstPage, loadMore, sentinel, nav } =
    useChatListPages({ initialPage, initialFailed, userId, currentId });
  useSaveWarmChatList(userId, chats, chatListPageSize);

  const failed = (message: string) => show({ message, tone: 'error' });

  const remove = (chat: ChatSummary) => {
    setHidden((ids) => new Set(ids).add(chat.id));
    nav.current?.focus();
  };
  const restore = (chat: ChatSummary) => {
    setHidden((ids) => new Set([...ids].filter((id) => id !== chat.id)));
    setChats((list) => withChat(list, chat));
  };
  // An Undo can come after a navigation has replaced this list (toasts outlive pages): the refresh renders the
  // current one again from the database.
  const putBack = (chat: ChatSummary) => {
    restore(chat);
    router.refresh();
  };
  // Leave a chat that is gone only once the database says so, or the next page could still list it.
  const leaveIfOpen = (chat: ChatSummary) => {
    if (chat.id === currentId) router.push('/');
  };

  const archive = async (chat: ChatSummary) => {
    remove(chat);
    const result = await archiveChat({ chatId: chat.id, archived: true }).catch(() => null);
    if (!result?.ok) {
      restore(chat);
      return failed(
        result && !result.ok
          ? result.error.message
          : `Could not archive “${chat.title}”. Check your connection and try again.`,
      );
    }
    show({
      message: `Archived “${chat.title}”.`,
      action: {
        label: 'Undo',
        onAction: async () => {
          const undone = await archiveChat({ chatId: chat.id, archived: false }).catch(() => null);
          if (undone?.ok) putBack(undone.chat);
          else failed(`Could not unarchive “${chat.title}”. Find it under Archived chats.`);
        },
      },
    });
  };

  const destroy = async (chat: ChatSummary) => {
    remove(chat);
    const result = await deleteChat({ chatId: chat.id }).catch(() => null);
    if (!result?.ok) {
      restore(chat);
      return failed(
        result && !result.ok
          ? result.error.message
          : `Could not delete “${chat.title}”. Check your connection and try again.`,
      );
    }
    leaveIfOpen(chat);
    show({
      message: `Deleted “${chat.title}”.`,
      duration: 8000,
      action: {
        label: 'Undo',
        onAction: async () => {
          const undone = await undoDeleteChat({ chatId: chat.id }).catch(() => null);
          if (undone?.ok) putBack(undone.chat);
          else failed(`Could not restore “${chat.title}”. Try again.`);
        },
      },
      // Only once the Undo is gone is the chat removed for good; until then it is hidden but whole.
      onEnd: (how) => {
        if (how !== 'action') void purgeChat({ chatId: chat.id }).catch(() => null);
      },
    });
  };

  const rename = async (chat: ChatSummary, title: string) => {
    setEditing(null);
    if (title === chat.title) return;
    setChats((list) => list.map((c) => (c.id === chat.id ? { ...c, title } : c)));
    const result = await renameChat({ chatId: chat.id, title }).catch(() => null);
    if (!result?.ok) {
      setChats((list) => list.map((c) => (c.id === chat.id ? { ...c, title: chat.title } : c)));
      return failed(
        result && !result.ok
          ? result.error.message
          : `Could not rename “${chat.title}”. Check your connection and try again.`,
      );
    }
    if (chat.id === currentId) router.refresh();
  };

  // The server does not know the user's time zone: it and hydration group in UTC, then the browser regroups in its own.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const groups = groupChats(
    chats.filter((c) => !hidden.has(c.id)),
    (c) => c.last_message_at,
    new Date(),
    hydrated ? 'local' : 'utc',
  );
  return (
    <nav
      ref={nav}
      aria-label="Chats"
      tabIndex={-1}
      className="min-h-0 flex-1 overflow-y-auto px-2 pb-4 focus-visible:outline-offset-[-2px]"
      data-testid="chat-list"
      data-live={live ? 'on' : 'off'}
    >
      {firstPageFailed ? (
        <p role="alert" className="px-2 py-1 text-sm text-zinc-700 dark:text-zinc-300">
          Your chats could not be loaded.{' '}
          <button
            type="button"
            disabled={loading}
            onClick={() => void retryFirstPage()}
            className="underline underline-offset-2"
          >
            Retry
          </button>
        </p>
      ) : groups.length === 0 && !next ? (
        <p className="px-2 py-1 text-sm text-zinc-600 dark:text-zinc-400">No chats yet.</p>
      ) : null}
      {groups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`} className="mb-3" data-testid="chat-group">
          <h2 id={`group-${group.group}`} className="px-2 py-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">
            {group.group}
          </h2>
          <ul>
            {group.chats.map((chat) => (
              <li
                key={chat.id}
                className="group relative flex items-center rounded-md hover:bg-zinc-200 has-aria-[current=page]:bg-zinc-200 dark:hover:bg-zinc-800 dark:has-aria-[current=page]:bg-zinc-800"
              >
                {editing === chat.id ? (
                  <RenameField
                    chat={chat}
                    onDone={(title) => (title === null ? setEditing(null) : void rename(chat, title))}
                  />
                ) : (
                  <>
                    <Link
                      href={`/chat/${chat.id}`}
                      // Prefetching every listed chat would look each one up on the server; a click is fast enough.
                      prefetch={false}
                      aria-current={chat.id === currentId ? 'page' : undefined}
                      className="block min-w-0 flex-1 truncate rounded-md py-1.5 pr-1 pl-2 text-sm"
                    >
                      {chat.title}
                      <WarmLinkPreview chatId={chat.id} />
                    </Link>
                    <Menu
                      label={`Options for ${chat.title}`}
                      buttonClassName="rounded-md px-1.5 py-1 text-zinc-600 hover:bg-zinc-300 aria-expanded:bg-zinc-300 dark:text-zinc-300 dark:hover:bg-zinc-700 dark:aria-expanded:bg-zinc-700"
                      items={[
                        { label: 'Rename', onSelect: () => setEditing(chat.id) },
                        { label: 'Archive', onSelect: () => void archive(chat) },
                        { label: 'Delete', onSelect: () => void destroy(chat), danger: true },
                      ]}
                    >
                      <span aria-hidden="true">⋯</span>
                    </Menu>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {next ? (
        <ul>
          <li
            ref={sentinel}
            className="px-2 py-1 text-sm text-zinc-600 dark:text-zinc-400"
            data-testid="chat-list-more"
          >
            {loadError ? (
              <button type="button" onClick={() => void loadMore()} className="underline underline-offset-2">
                Could not load more chats. Retry
              </button>
            ) : (
              <button
                type="button"
                onClick={() => void loadMore()}
                disabled={loading}
                className="underline-offset-2 hover:underline"
              >
                {loading ? 'Loading more chats…' : 'Load more chats'}
              </button>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
