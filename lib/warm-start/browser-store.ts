// The browser's warm start (seed document, "Browser: cache recent messages in IndexedDB"): the chat list's first
// page and the newest page of the last chats opened, kept in IndexedDB through `idb`, so a chat paints at once
// while the server renders the truth, which then replaces it and is saved again. Rules, each at its trap below:
// per user (the store remembers whose it is and empties itself for anyone else), bounded (the last
// `warmChatLimit` chats, `warmPageSize` messages each), emptied on sign-out, and never a share link or token.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ChatSummary } from '@/lib/chats/queries';
import type { ChatMessage, PaintedMessage } from '@/lib/messages/types';

export const warmChatLimit = 20;
export const warmPageSize = 50;

/** What is kept of a message: what MessageItem paints, nothing else. */
export type WarmMessage = PaintedMessage & Pick<ChatMessage, 'id'>;
type WarmPage = { chatId: string; savedAt: number; lastSequence: number; messages: WarmMessage[] };

interface WarmSchema extends DBSchema {
  owner: { key: 'owner'; value: string };
  chatList: { key: 'first-page'; value: ChatSummary[] };
  chatPages: { key: string; value: WarmPage; indexes: { savedAt: number } };
}

const stores = ['owner', 'chatList', 'chatPages'] as const;
let opened: Promise<IDBPDatabase<WarmSchema>> | null = null;

function database() {
  opened ??= openDB<WarmSchema>('ohm-warm-start', 1, {
    upgrade(db) {
      db.createObjectStore('owner');
      db.createObjectStore('chatList');
      db.createObjectStore('chatPages', { keyPath: 'chatId' }).createIndex('savedAt', 'savedAt');
    },
  });
  return opened;
}

/**
 * The store, emptied first when it was filled for another user: one browser, two people (a shared laptop, a
 * sign-in without a sign-out) must never see each other's chats. Null where IndexedDB is unavailable.
 */
async function storeFor(userId: string) {
  if (typeof indexedDB === 'undefined') return null;
  const db = await database();
  const tx = db.transaction(stores, 'readwrite');
  if ((await tx.objectStore('owner').get('owner')) !== userId) {
    await Promise.all([tx.objectStore('chatList').clear(), tx.objectStore('chatPages').clear()]);
    await tx.objectStore('owner').put(userId, 'owner');
  }
  await tx.done;
  return db;
}

export async function readWarmChatList(userId: string): Promise<ChatSummary[] | null> {
  return (await (await storeFor(userId))?.get('chatList', 'first-page')) ?? null;
}

export async function saveWarmChatList(userId: string, chats: ChatSummary[]): Promise<void> {
  // Only what the list shows: a summary never carries a share token, and this keeps it so.
  const kept = chats.map(({ id, title, last_message_at }) => ({ id, title, last_message_at }));
  await (await storeFor(userId))?.put('chatList', kept, 'first-page');
}

export async function readWarmChatPage(userId: string, chatId: string): Promise<WarmMessage[] | null> {
  return (await (await storeFor(userId))?.get('chatPages', chatId))?.messages ?? null;
}

/** Only what the warm page paints: a row from the server carries more (parents, times, sibling counts). */
export function toWarmMessage(m: WarmMessage): WarmMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    sequence_number: m.sequence_number,
    status: m.status,
    agent_name: m.agent_name,
    agent_model: m.agent_model,
    intent: m.intent,
    input_tokens: m.input_tokens,
    output_tokens: m.output_tokens,
  };
}

/** Saves the chat's newest page as the server last answered it (replacing any older one), and forgets the chats
 * opened longest ago beyond the limit. */
export async function saveWarmChatPage(userId: string, chatId: string, messages: WarmMessage[]): Promise<void> {
  const db = await storeFor(userId);
  if (!db) return;
  const newest = messages.slice(-warmPageSize).map(toWarmMessage);
  const tx = db.transaction('chatPages', 'readwrite');
  await tx.store.put({
    chatId,
    savedAt: Date.now(),
    lastSequence: newest.at(-1)?.sequence_number ?? 0,
    messages: newest,
  });
  const excess = (await tx.store.count()) - warmChatLimit;
  if (excess > 0) {
    let cursor = await tx.store.index('savedAt').openCursor();
    for (let i = 0; i < excess && cursor; i++) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

/** Forgets one chat's page: the chat is gone, or has nothing left to show. */
export async function forgetWarmChatPage(userId: string, chatId: string): Promise<void> {
  await (await storeFor(userId))?.delete('chatPages', chatId);
}

/** Signing out empties it: nothing of the account stays in the browser. */
export async function clearWarmStart(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await database();
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
