'use client';

// Scrolling a chat: older pages load as the reader nears the top, and a prepended page keeps what the reader looks
// at in place; new text at the end is followed only while the reader is at the end. While a linked message is
// being looked for (use-message-seek), neither happens on its own.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { hasOlder, prependOlder } from '@/lib/messages/branch-view';
import { getChatPage } from '@/lib/messages/browser';
import { chatPageSize } from '@/lib/messages/schemas';
import type { ChatBranch } from './use-chat-branch';

/** How close to the top a scroll has to come to load the previous page. */
const loadOlderWithinPx = 200;

export function useScrollAnchor({
  chatId,
  branch: { messages, latest, setMessages },
  seekTargetRef,
  onError,
}: {
  chatId: string;
  branch: ChatBranch;
  /** The sequence number of a linked message still being looked for. */
  seekTargetRef: RefObject<number | null>;
  onError: (message: string) => void;
}) {
  const [loadingOlder, setLoadingOlder] = useState(false);
  const olderInFlight = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);

  const loadOlder = useCallback(
    async (limit = chatPageSize) => {
      const first = latest.current[0];
      if (olderInFlight.current || !first?.id || !hasOlder(latest.current)) return;
      olderInFlight.current = true;
      setLoadingOlder(true);
      try {
        const page = await getChatPage({ chatId, beforeSequence: first.sequence_number, limit }).catch(() => null);
        if (!page) {
          onError('Could not load older messages. Scroll up to try again.');
          return;
        }
        const el = scrollRef.current;
        if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
        setMessages((list) => prependOlder(list, page));
      } finally {
        olderInFlight.current = false;
        setLoadingOlder(false);
      }
    },
    [chatId, latest, setMessages, onError],
  );

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
      if (el.scrollTop < loadOlderWithinPx && seekTargetRef.current === null) queueMicrotask(() => void loadOlder());
    } else if (atBottom.current && seekTargetRef.current === null) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, loadOlder, seekTargetRef]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < loadOlderWithinPx) void loadOlder();
  };

  /** Whether new text at the end is followed: yes after sending, no once the reader went elsewhere. */
  const followEnd = useCallback((follow: boolean) => {
    atBottom.current = follow;
  }, []);

  return { scrollRef, onScroll, loadOlder, loadingOlder, followEnd };
}
