// The warm start (lib/warm-start): a chat this browser has seen paints from IndexedDB while the server renders,
// reconciled by sequence number with what was written elsewhere meanwhile (only the messages after the cached
// page; the whole page when an edit moved the branch), the server's page then replaces it, and another user of the
// same browser finds none of it.
import type { Locator, Page } from '@playwright/test';
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

/**
 * Clicks `link` while the chat page's server render is held (its archive lookup waits on a lock; the layout above
 * it does not), so only the warm page can paint until `whileHeld` has checked it and the lock goes.
 */
function openWhileServerHeld(link: Locator, whileHeld: () => Promise<void>) {
  return withSql((sql) =>
    sql.begin(async (tx) => {
      await tx`lock table public.chat_archives in access exclusive mode`;
      await link.click();
      await whileHeld();
    }),
  );
}

test('a chat seen before paints from IndexedDB while the server renders, reconciled with what was written elsewhere; another user of the browser sees none of it', async ({
  page,
  context,
  browser,
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

  await page.goto('/');
  const warm = page.getByTestId('warm-chat');
  const warmMessages = warm.getByTestId('warm-message');
  await openWhileServerHeld(shell.chatLink('Warm start greenhouse'), async () => {
    await expect(warmMessages).toHaveCount(2);
    await expect(warmMessages.first()).toHaveText('Warm start greenhouse');
    await expect(chat.messages).toHaveCount(0);
  });
  await expect(chat.userMessages).toHaveText('Warm start greenhouse');
  await expect(chat.replies).toHaveCount(1);
  await expect(warm).toHaveCount(0);

  // The same account on another device (its own IndexedDB) goes on with the chat while this tab is elsewhere.
  await page.goto('/');
  const device = await browser.newContext();
  await device.addCookies(await context.cookies());
  const elsewhere = chat.in(await device.newPage());
  await elsewhere.page.goto(`/chat/${chatId}`);
  await elsewhere.send('Add a rain sensor');
  // Its own reply, not the first one (already complete), must be done before this tab looks.
  await expect(elsewhere.lastReply()).toHaveAttribute('data-sequence', '4');
  await elsewhere.waitForReply();
  // Back here, the cached page paints, and only what came after its last message (number 2) is asked for.
  const asked: unknown[] = [];
  page.on('request', (r) => r.url().includes('/rpc/get_messages_after') && asked.push(r.postDataJSON()));
  await openWhileServerHeld(shell.chatLink('Warm start greenhouse'), async () => {
    await expect(warmMessages).toHaveCount(4);
    await expect(warmMessages.nth(2)).toHaveText('Add a rain sensor');
    await expect(chat.messages).toHaveCount(0);
    expect(asked[0]).toMatchObject({ p_chat_id: chatId, p_after_sequence: 2 });
    await page.screenshot({ path: 'test-results/screens/warm-start-reconciled.png' });
  });
  await expect(chat.userMessages).toHaveText(['Warm start greenhouse', 'Add a rain sensor']);

  // An edit on the other device moves the branch: the cached page (4 messages) is replaced by the new branch.
  await page.goto('/');
  await elsewhere.edit(elsewhere.message(1), 'Warm start orchid house');
  await expect(elsewhere.messages).toHaveCount(2);
  await expect(elsewhere.lastReply()).toHaveAttribute('data-sequence', '6');
  await elsewhere.waitForReply();
  await openWhileServerHeld(shell.chatLink('Warm start greenhouse'), async () => {
    await expect(warmMessages).toHaveCount(2);
    await expect(warmMessages.first()).toHaveText('Warm start orchid house');
    await expect(warm.getByText('Add a rain sensor')).toHaveCount(0);
    await expect(chat.messages).toHaveCount(0);
  });
  await expect(chat.userMessages).toContainText('Warm start orchid house');
  await device.close();

  // Someone else signs in on this browser (cookies replaced, IndexedDB left as it was).
  await context.clearCookies();
  await startGuestSession(context);
  const { userId: second } = await supabaseAs(context);
  await page.goto('/');
  await expect.poll(() => warmStore(page)).toEqual({ owner: second, chatIds: [], titles: [] });
  await expect(page.getByText('Warm start greenhouse')).toHaveCount(0);
  await expect(page.getByTestId('warm-chat-list')).toHaveCount(0);
});
