import { expect, keepScreenshot, supabaseAs, test } from './fixtures';

test('a share link shows the snapshot to a stranger from the cache, who continues it as their own chat; a revoked link is gone at once', async ({
  page,
  browser,
  chat,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('Solar powered ESP32 logger');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', {
    timeout: 20_000,
  });
  const ownerChat = page.url();

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/\/share\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByTestId('share-links').getByRole('listitem')).toHaveCount(1);
  await keepScreenshot(page, 'share-dialog');

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const response = await guest.goto(link);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(guest.getByRole('heading', { name: 'Solar powered ESP32 logger' })).toBeVisible();
  await expect(chat.in(guest).messages).toHaveCount(2);
  expect(await guest.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
  await keepScreenshot(guest, 'share-page');

  // Cached for everyone alike (lib/shares/cache.ts): public, bounded, no cookie, and the owner gets the same bytes.
  const [asStranger, asOwner] = await Promise.all([visitor.request.get(link), page.request.get(link)]);
  for (const r of [response!, asStranger, asOwner]) {
    expect(r.headers()['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60');
    expect(r.headers()['set-cookie']).toBeUndefined();
  }
  expect(await asOwner.text()).toBe(await asStranger.text());
  // The whole page, not only its data: rendered at the first visit, answered from Next.js's cache since.
  expect(asStranger.headers()['x-nextjs-cache']).toBe('HIT');
  expect(asOwner.headers()['x-nextjs-cache']).toBe('HIT');
  // Served from the cache: a rename that bypasses the app does not reach the shared page until it is purged.
  const { supabase } = await supabaseAs(page.context());
  const chatId = new URL(ownerChat).pathname.split('/').pop()!;
  const renamed = await supabase.from('chats').update({ title: 'Renamed behind the cache' }).eq('id', chatId);
  expect(renamed.error).toBeNull();
  await guest.reload();
  await expect(guest.getByRole('heading', { name: 'Solar powered ESP32 logger' })).toBeVisible();
  await guest.getByRole('button', { name: 'Continue this conversation' }).click();
  await guest.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  expect(guest.url()).not.toBe(ownerChat);
  await expect(chat.in(guest).messages).toHaveCount(2);
  await expect(chat.in(guest).userMessages).toHaveText('Solar powered ESP32 logger');

  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-links').getByRole('listitem')).toHaveCount(0);
  const revoked = await guest.goto(link);
  expect(revoked?.status()).toBe(404);
  const unknown = await guest.goto('/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(unknown?.status()).toBe(404);
  await visitor.close();

  await page.reload();
  await expect(chat.messages).toHaveCount(2);
});
