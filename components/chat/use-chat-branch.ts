'use client';

// The branch a chat's tab shows (lib/messages/branch-view folds what arrives into it) and what keeps it true:
// realtime is a hint, the database the log. Every (re)subscription reloads the active branch, so nothing said while
// the socket was down is missed, and folding by id shows nothing twice. A reply that stays `streaming` without a
// word for too long is settled by the database (interrupt_stale_replies) instead of spinning forever.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  foldMessage,
  lastSavedMessage,
  replaceNewest,
  toView,
  type SavedMessage,
  type ViewMessage,
} from '@/lib/messages/branch-view';
import { getChatPage, interruptStaleReplies } from '@/lib/messages/browser';
import { messageJsonSchema } from '@/lib/messages/rows';
import { chatPageSize } from '@/lib/messages/schemas';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/client';

/** A streaming reply silent for this long may have lost its writer: ask the database (private.reply_stale_after is 30 s). */
const silentReplyMs = 35_000;

export type ChatBranch = ReturnType<typeof useChatBranch>;

export function useChatBranch(chatId: string, initialMessages: ChatMessage[]) {
  const [messages, setMessages] = useState<ViewMessage[]>(() => initialMessages.map(toView));
  /** The branch as last rendered, for callbacks that must not go stale. */
  const latest = useRef(messages);
  const reloads = useRef(0);
  /** When this tab last saw each message change (its updated_at), by the tab's own clock. */
  const heard = useRef(new Map<string, { updatedAt?: string; at: number }>());
  /** The reply this tab streams itself (use-reply-stream): it is never silent, whatever the database last heard. */
  const ownReplyId = useRef<string | null>(null);
  useEffect(() => {
    latest.current = messages;
  }, [messages]);

  const noteHeard = useCallback((records: SavedMessage[]) => {
    for (const r of records) {
      if (heard.current.get(r.id)?.updatedAt !== r.updated_at)
        heard.current.set(r.id, { updatedAt: r.updated_at, at: Date.now() });
    }
  }, []);

  // The database decides which branch is active: fetch its newest page and swap it in below any older pages.
  // Reloads can overlap (realtime, the end of a stream, a switch): only the latest one started is applied.
  const reloadBranch = useCallback(async () => {
    const mine = ++reloads.current;
    const page = await getChatPage({ chatId, limit: chatPageSize }).catch(() => null);
    if (!page || mine !== reloads.current) return;
    noteHeard(page);
    setMessages((list) => replaceNewest(list, page));
  }, [chatId, noteHeard]);

  /** A change made here (an edit, a regeneration) outdates every reload already under way. */
  const outdateReloads = useCallback(() => {
    reloads.current++;
  }, []);

  const fold = useCallback(
    (records: SavedMessage[], inserted: boolean) => {
      noteHeard(records);
      setMessages((list) => {
        let reload = false;
        const next = records.reduce((acc, record) => {
          const out = foldMessage(acc, record, inserted);
          reload ||= out.reload;
          return out.list;
        }, list);
        if (reload) queueMicrotask(() => void reloadBranch());
        return next;
      });
    },
    [reloadBranch, noteHeard],
  );

  useEffect(() => {
    const supabase = createClient();
    const channel = supabase.channel(`chat:${chatId}:messages`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, ({ event, payload }) => {
      if (event === 'active_leaf_changed') {
        if (lastSavedMessage(latest.current)?.id !== (payload as { active_leaf_id?: string }).active_leaf_id)
          void reloadBranch();
        return;
      }
      const record = messageJsonSchema.safeParse((payload as { record?: unknown }).record);
      if (record.success) fold([record.data], event === 'INSERT');
    });
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') void reloadBranch();
    });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [chatId, fold, reloadBranch]);

  // The rule and its limit live in SQL: this tab only asks, when a reply it does not stream itself went quiet.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const silent = latest.current.some((m) => {
        if (m.status !== 'streaming' || !m.id || m.id === ownReplyId.current) return false;
        if (!heard.current.has(m.id)) heard.current.set(m.id, { updatedAt: m.updated_at, at: now });
        return now - heard.current.get(m.id)!.at > silentReplyMs;
      });
      if (!silent) return;
      void interruptStaleReplies({ chatId }).then(
        (settled) => settled.length > 0 && fold(settled, false),
        () => {},
      );
    }, 5_000);
    return () => clearInterval(timer);
  }, [chatId, fold]);

  return { messages, setMessages, latest, reloadBranch, outdateReloads, ownReplyId };
}
