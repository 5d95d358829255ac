// The warm start (lib/warm-start): a chat this browser has seen paints from IndexedDB while the server renders,
// the server's page then replaces it, and another user of the same browser finds none of it.
import type { Page } from '@playwright/test';
import { withSql } from './db';
import { expect, startGuestSession, supabaseAs, test } from './fixtures';

/** What IndexedDB holds, read without the app's code; null before the app has made its store. */
function warmStore(page: Page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'ohm-warm-start')) return null;
    return new Promise<{ owner: string; chatIds: string[]; titles: string[] }>((resolve, reject) => {
      const request = indexedDB.open('ohm-warm-start');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(['owner', 'chatList', 'chatPages']);
        const out = { owner: '', chatIds: [] as string[], titles: [] as string[] };
        tx.objectStore('owner').get('owner').onsuccess = (e) => (out.owner = (e.target as IDBRequest).result);
        tx.objectStore('chatPages').getAllKeys().onsuccess = (e) =>
          (out.chatIds = (e.target as IDBRequest).result as string[]);
        tx.objectStore('chatList').get('first-page').onsuccess = (e) =>
          (out.titles = (((e.target as IDBRequest).result ?? []) as Array<{ title: string }>).map((c) => c.title));
        tx.oncomplete = () => {
          db.close();
          resolve(out);
        };
      };
    });
  });
}

test('a chat seen before paints from IndexedDB while the server renders; another user of the browser sees none of it', async ({
  page,
  context,
  chat,
  shell,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('Warm start greenhouse');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  const chatId = new URL(page.url()).pathname.split('/').pop()!;
  const { userId: first } = await supabaseAs(context);
  await expect.poll(() => warmStore(page)).toMatchObject({ owner: first, chatIds: [chatId] });

  // Hold the chat page's server render (its archive lookup waits on a lock; the layout above it does not), so
  // only the warm page can paint until the lock goes.
  await page.goto('/');
  const warm = page.getByTestId('warm-chat');
  await withSql((sql) =>
    sql.begin(async (tx) => {
      await tx`lock table public.chat_archives in access exclusive mode`;
      await shell.chatLink('Warm start greenhouse').click();
      await expect(warm.getByTestId('warm-message')).toHaveCount(2);
      await expect(warm.getByTestId('warm-message').first()).toHaveText('Warm start greenhouse');
      await expect(chat.messages).toHaveCount(0);
    }),
  );
  await expect(chat.userMessages).toHaveText('Warm start greenhouse');
  await expect(chat.replies).toHaveCount(1);
  await expect(warm).toHaveCount(0);

  // Someone else signs in on this browser (cookies replaced, IndexedDB left as it was).
  await context.clearCookies();
  await startGuestSession(context);
  const { userId: second } = await supabaseAs(context);
  await page.goto('/');
  await expect.poll(() => warmStore(page)).toEqual({ owner: second, chatIds: [], titles: [] });
  await expect(page.getByText('Warm start greenhouse')).toHaveCount(0);
  await expect(page.getByTestId('warm-chat-list')).toHaveCount(0);
});
