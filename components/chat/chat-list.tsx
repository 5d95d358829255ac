'use client';

// The user's chats in the sidebar: grouped by recency, more loaded as the end of the list scrolls into view, and a
// menu per chat to rename (inline), archive or delete it, each undoable from a toast. The database decides what
// the user may change (RLS); this list only shows the outcome, and puts a chat back if a change fails.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { archiveChat, deleteChat, loadChats, purgeChat, renameChat, undoDeleteChat } from '@/app/(shell)/actions';
import { Menu } from '@/components/ui/menu';
import { useToast } from '@/components/ui/toast';
import { groupChats } from '@/lib/chats/grouping';
import { withChange, withChat } from '@/lib/chats/order';
import type { ChatListPage, ChatSummary } from '@/lib/chats/queries';
import { chatChangeSchema, chatTitleSchema, maxChatTitleLength } from '@/lib/chats/schemas';
import { createClient } from '@/lib/supabase/client';

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
  const [shown, setShown] = useState(initialPage);
  const [chats, setChats] = useState(initialPage.chats);
  const [next, setNext] = useState(initialPage.next);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [firstPageFailed, setFirstPageFailed] = useState(initialFailed);
  const [editing, setEditing] = useState<string | null>(null);
  // Chats archived or deleted here and not put back: a server render that raced the change must not show them again.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const sentinel = useRef<HTMLLIElement>(null);
  const nav = useRef<HTMLElement>(null);

  // A new server render (a navigation, a refresh) brings a fresh first page: start again from it.
  if (shown !== initialPage) {
    setShown(initialPage);
    setChats(initialPage.chats);
    setNext(initialPage.next);
    setFirstPageFailed(initialFailed);
  }

  const retryFirstPage = async () => {
    setLoading(true);
    const result = await loadChats({ cursor: null }).catch(() => null);
    setLoading(false);
    if (!result?.ok) return show({ message: 'Your chats could not be loaded. Try again in a moment.', tone: 'error' });
    setFirstPageFailed(false);
    setChats(result.page.chats);
    setNext(result.page.next);
  };

  const currentId = pathname.startsWith('/chat/') ? pathname.split('/')[2] : null;

  const loadMore = useCallback(async () => {
    if (!next || loading) return;
    setLoading(true);
    setLoadError(false);
    const result = await loadChats({ cursor: next }).catch(() => null);
    setLoading(false);
    if (!result?.ok) return setLoadError(true);
    setChats((list) => [...list, ...result.page.chats.filter((c) => !list.some((l) => l.id === c.id))]);
    setNext(result.page.next);
  }, [next, loading]);

  // A new observer for every cursor: its first report says whether the end of the list is still in view after the
  // page that just arrived, so a tall screen keeps loading until it is full.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !next || loadError) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      },
      { root: nav.current, rootMargin: '0px 0px 200px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [next, loadMore, loadError]);

  // The list follows the user's chats live, from this tab and every other: new activity, titles, archive, delete.
  const [live, setLive] = useState(false);
  const hasMore = useRef(next !== null);
  useEffect(() => {
    hasMore.current = next !== null;
  }, [next]);
  useEffect(() => {
    if (!userId) return;
    const supabase = createClient();
    const channel = supabase.channel(`user:${userId}:chats`, { config: { private: true } });
    channel.on('broadcast', { event: 'chat_changed' }, ({ payload }) => {
      const change = chatChangeSchema.safeParse(payload);
      if (change.success) setChats((list) => withChange(list, change.data, hasMore.current));
    });
    // Realtime is a hint, the database the log: on every re-subscription the first page is read again and merged,
    // so activity while the socket was down is not missed. The first subscription follows the server's render of
    // that same page, which is fresh enough: reading it again would double every page load's work.
    let subscribedBefore = false;
    channel.subscribe((status) => {
      setLive(status === 'SUBSCRIBED');
      if (status !== 'SUBSCRIBED') return;
      if (!subscribedBefore) {
        subscribedBefore = true;
        return;
      }
      void loadChats({ cursor: null }).then(
        (result) => {
          if (result.ok) setChats((list) => result.page.chats.reduce(withChat, list));
        },
        () => {},
      );
    });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [userId]);

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

function RenameField({ chat, onDone }: { chat: ChatSummary; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(chat.title);
  const [error, setError] = useState<string | null>(null);
  const finished = useRef(false);
  const errorId = `rename-error-${chat.id}`;
  const finish = (title: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(title);
  };
  const submit = () => {
    const parsed = chatTitleSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    finish(parsed.data);
  };
  return (
    <form
      className="w-full p-0.5"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <input
        autoFocus
        aria-label="Chat name"
        value={value}
        maxLength={maxChatTitleLength + 50}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Cancels the rename only: the phone drawer around the list stays open.
            event.preventDefault();
            event.stopPropagation();
            finish(null);
          }
        }}
        onBlur={() => (chatTitleSchema.safeParse(value).success ? submit() : finish(null))}
        className="w-full rounded-md border border-sky-600 bg-white px-2 py-1 text-sm dark:bg-zinc-950"
      />
      {error ? (
        <p id={errorId} role="alert" className="px-1 pt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
