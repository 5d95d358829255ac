'use client';

// The warm start's hooks (lib/warm-start/browser-store.ts): who the browser's session belongs to, a chat's warm
// page painted and then reconciled with the server (reconcile.ts), and saving what the server last rendered.
// Failures are ignored on purpose: the warm start only ever saves a wait, and IndexedDB can be missing, full or
// blocked (private windows) without anything else going wrong.
import { useEffect, useState } from 'react';
import type { ChatSummary } from '@/lib/chats/queries';
import { getChatChangesAfter, getChatPage } from '@/lib/messages/browser';
import { createClient } from '@/lib/supabase/client';
import {
  forgetWarmChatPage,
  readWarmChatPage,
  saveWarmChatList,
  saveWarmChatPage,
  warmPageSize,
  type WarmMessage,
} from './browser-store';
import { reconcileWarmPage, warmChangesLimit } from './reconcile';

/**
 * The signed-in user's id as the session cookie says, without asking the server (undefined while reading, null
 * when signed out). Good enough to choose whose warm start to read: the store empties itself for anyone else.
 */
export function useSessionUserId(): string | null | undefined {
  const [userId, setUserId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void createClient()
      .auth.getSession()
      .then(({ data }) => current && setUserId(data.session?.user.id ?? null))
      .catch(() => current && setUserId(null));
    return () => {
      current = false;
    };
  }, []);
  return userId;
}

/** Saves the chat's newest page once nothing in it is still streaming or unsaved. */
export function useSaveWarmChatPage(chatId: string, messages: Array<Omit<WarmMessage, 'id'> & { id?: string }>) {
  const userId = useSessionUserId();
  useEffect(() => {
    if (!userId || messages.length === 0) return;
    if (messages.some((m) => !m.id || m.status === 'streaming')) return;
    void saveWarmChatPage(userId, chatId, messages as WarmMessage[]).catch(() => {});
  }, [userId, chatId, messages]);
}

/** Saves the chat list's first page, for the sidebar of the next visit. */
export function useSaveWarmChatList(userId: string | null, chats: ChatSummary[], pageSize: number) {
  useEffect(() => {
    if (!userId) return;
    void saveWarmChatList(userId, chats.slice(0, pageSize)).catch(() => {});
  }, [userId, chats, pageSize]);
}

/** The page as the server has it now, from the cached one: only what came after it, or the newest page when the
 * branch moved. Saved for next time; null when there is nothing to show (the chat is gone or empty). */
async function reconcileWarmChatPage(userId: string, chatId: string, cached: WarmMessage[]) {
  const last = cached.at(-1)?.sequence_number ?? 0;
  const changes = await getChatChangesAfter({ chatId, afterSequence: last, limit: warmChangesLimit });
  const outcome = changes ? reconcileWarmPage(cached, changes) : null;
  if (outcome?.kind === 'current') return cached;
  const page =
    outcome?.kind === 'extended' ? outcome.messages : changes ? await getChatPage({ chatId, limit: warmPageSize }) : [];
  if (page.length === 0) {
    await forgetWarmChatPage(userId, chatId);
    return null;
  }
  // Like the chat view, a page with a reply still being written is shown but not kept: it would be kept unfinished.
  if (!page.some((m) => m.status === 'streaming')) await saveWarmChatPage(userId, chatId, page);
  return page;
}

/** The link preview and the loading state can both ask for one chat at once: one reconciliation serves both. */
const reconciling = new Map<string, Promise<WarmMessage[] | null>>();

/**
 * A chat's warm page: as cached, at once, then as reconciled with the server (null while there is none). Painting
 * never waits on the network, and a failed reconciliation leaves the cached page up until the server's render.
 */
export function useWarmChatPage(chatId: string | undefined): WarmMessage[] | null {
  const userId = useSessionUserId();
  const [messages, setMessages] = useState<WarmMessage[] | null>(null);
  useEffect(() => {
    if (!userId || !chatId) return;
    let current = true;
    void (async () => {
      const cached = await readWarmChatPage(userId, chatId);
      if (!current || !cached?.length) return;
      setMessages(cached);
      const key = `${userId}:${chatId}`;
      let pending = reconciling.get(key);
      if (!pending) {
        pending = reconcileWarmChatPage(userId, chatId, cached).finally(() => reconciling.delete(key));
        reconciling.set(key, pending);
      }
      const reconciled = await pending;
      if (current) setMessages(reconciled);
    })().catch(() => {});
    return () => {
      current = false;
    };
  }, [userId, chatId]);
  return messages;
}
