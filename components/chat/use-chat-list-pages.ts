'use client';

// The chat list's pages and its live updates: the server-rendered first page, more pages as the end of the list
// scrolls into view, and every change to the user's chats from this tab and every other through realtime.
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadChats } from '@/app/(shell)/actions';
import { useToast } from '@/components/ui/toast';
import { withChange, withChat } from '@/lib/chats/order';
import type { ChatListPage } from '@/lib/chats/queries';
import { chatChangeSchema } from '@/lib/chats/schemas';
import { createClient } from '@/lib/supabase/client';

export function useChatListPages({
  initialPage,
  initialFailed,
  userId,
  currentId,
}: {
  initialPage: ChatListPage;
  initialFailed: boolean;
  userId: string | null;
  /** The chat open in this tab, if any. */
  currentId: string | null;
}) {
  const { show } = useToast();
  const [shown, setShown] = useState(initialPage);
  const [chats, setChats] = useState(initialPage.chats);
  const [next, setNext] = useState(initialPage.next);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [firstPageFailed, setFirstPageFailed] = useState(initialFailed);
  const sentinel = useRef<HTMLLIElement>(null);
  const nav = useRef<HTMLElement>(null);

  // A new server render (a refresh) brings a fresh first page: start again from it.
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

  // The sidebar is mounted once (app/(shell)/layout.tsx): a navigation does not render it again. A chat opened
  // that the list does not show (created on / before the subscription was up, or older than the pages loaded)
  // reads the first page once more, so a chat just started is listed without waiting for realtime.
  const askedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!currentId || askedFor.current === currentId || chats.some((c) => c.id === currentId)) return;
    askedFor.current = currentId;
    void loadChats({ cursor: null }).then(
      (result) => {
        if (result.ok) setChats((list) => result.page.chats.reduce(withChat, list));
      },
      () => {},
    );
  }, [currentId, chats]);

  return { chats, setChats, next, loading, loadError, firstPageFailed, live, retryFirstPage, loadMore, sentinel, nav };
}
