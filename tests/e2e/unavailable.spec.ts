// With Postgres down, a chat and a share page answer OHM's own "unavailable, try again" page with 503 and
// Retry-After (not a 500, not a 404); once the database is back, Try again opens the page that failed.
import { stackCli } from './db';
import { expect, test } from './fixtures';
import { ChatPage } from './pages/chat';

test('a chat and a share link answer 503 with a way back while the database is down', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.startChat('A doorbell that texts me');
  const url = page.url();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');

  await stackCli('stop-db');
  try {
    for (const target of [url, link]) {
      const response = await page.goto(target);
      expect(response?.status()).toBe(503);
      expect(Number(response?.headers()['retry-after'])).toBeGreaterThan(0);
      await expect(page.getByRole('heading', { name: 'OHM is unavailable right now' })).toBeVisible();
    }
  } finally {
    await stackCli('start');
  }
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(chat.messages).toHaveCount(2);
  expect(new URL(page.url()).pathname).toBe(new URL(link).pathname);
});
