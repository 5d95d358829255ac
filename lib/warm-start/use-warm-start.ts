'use client';

// The warm start's hooks (lib/warm-start/browser-store.ts): who the browser's session belongs to, and saving what
// the server last rendered. Failures are ignored on purpose: the warm start only ever saves a wait, and IndexedDB
// can be missing, full or blocked (private windows) without anything else going wrong.
import { useEffect, useState } from 'react';
import type { ChatSummary } from '@/lib/chats/queries';
import { createClient } from '@/lib/supabase/client';
import { saveWarmChatList, saveWarmChatPage, type WarmMessage } from './browser-store';

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
