import type { Page } from '@playwright/test';
import { makePdf, makePhoto } from '../support/files';
import { withSql } from './db';
import { dropFiles } from './drop-files';
import { expect, keepScreenshot, seedChats, supabaseAs, test } from './fixtures';

/** Pastes a file into the message box, as a copied screenshot is pasted. */
async function pasteFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByTestId('composer').evaluate(
    (box, f) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] },
  );
}

/** The user's objects in the attachments bucket that no attachment row points at (files never sent). */
const unsentObjects = (userId: string) =>
  withSql(
    (sql) => sql`select o.name from storage.objects o where o.name like ${userId + '/%'}
      and o.bucket_id in ('attachments', 'attachment-datasheets', 'attachment-circuits')
      and not exists (select 1 from public.attachments a where o.name in (a.storage_path, a.thumbnail_path))`,
  ).then((rows) => rows.map((r) => r.name as string));

test('a maker attaches a photo by drag and drop and a datasheet with the button, takes one file back, sends, and opens the photo; a share shows them until revoked; the first message on / attaches the same way and leaves nothing behind', async ({
  page,
  context,
  browser,
  chat,
}) => {
  const [chatId] = await seedChats(context, [{ title: 'Bench photos', hoursAgo: 0 }]);
  await page.goto(`/chat/${chatId}`);
  const photo = await makePhoto({ width: 1200, height: 900 });
  const pdf = await makePdf({ pages: 2 });

  await dropFiles(page, [
    { name: 'breadboard.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'wrong-one.jpg', mimeType: 'image/jpeg', buffer: await makePhoto({ width: 300, height: 200 }) },
  ]);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (
    await chooser
  ).setFiles([
    { name: 'bme280-datasheet.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'diagram.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
  ]);
  const pending = page.getByTestId('pending-upload');
  await expect(pending).toHaveCount(4);
  await expect(pending.filter({ hasText: 'bme280-datasheet.pdf' })).toContainText('2 pages');
  await expect(pending.filter({ hasText: 'diagram.png' }).getByTestId('upload-error')).toContainText(
    'This is HTML, SVG or XML, whatever its name says',
  );
  await expect(page.locator('[data-testid="pending-upload"][data-state="ready"]')).toHaveCount(3);
  await keepScreenshot(page, 'composer-uploads');

  await page.getByRole('button', { name: 'Remove wrong-one.jpg' }).click();
  await page.getByRole('button', { name: 'Remove diagram.png' }).click();
  await expect(pending).toHaveCount(2);
  await chat.composer.fill('Here is my breadboard and the sensor datasheet');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(pending).toHaveCount(0);

  const sent = chat.userMessages.last();
  await expect(sent.getByTestId('message-attachment')).toHaveCount(2);
  // In the order they were attached: the dropped photo first.
  await expect(sent.getByTestId('message-attachment').first().getByTestId('attachment-thumbnail')).toBeVisible();
  const thumbnail = sent.getByRole('img', { name: 'breadboard.jpg' });
  await expect(thumbnail).toHaveJSProperty('complete', true);
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  const card = sent.getByTestId('attachment-pdf');
  await expect(card.getByTestId('attachment-facts')).toContainText('PDF · 2 pages');
  await expect(card.getByTestId('pdf-preview')).toContainText('BME280 Combined humidity and pressure sensor');
  // Page 1 drawn on the server, stored like a photo's thumbnail.
  const pageImage = card.getByRole('img', { name: 'Page 1 of bme280-datasheet.pdf' });
  await pageImage.scrollIntoViewIfNeeded();
  await expect.poll(() => pageImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(sent.getByTestId('attachment-status').first()).toHaveAttribute(
    'data-status',
    /pending|processing|done|failed/,
  );
  await sent.scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'message-attachments');

  await thumbnail.click();
  const viewer = page.getByTestId('attachment-viewer');
  await expect(viewer).toBeVisible();
  const full = viewer.getByRole('img', { name: 'breadboard.jpg' });
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await keepScreenshot(page, 'attachment-viewer');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // After a reload the page renders the attachments itself.
  await page.reload();
  await expect(chat.userMessages.last().getByTestId('message-attachment')).toHaveCount(2);

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(link);
  const shared = guest.getByRole('img', { name: 'breadboard.jpg' });
  await expect.poll(() => shared.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(guest.getByTestId('attachment-pdf')).toContainText('2 pages');
  const sharedPage = guest.getByRole('img', { name: 'Page 1 of bme280-datasheet.pdf' });
  await sharedPage.scrollIntoViewIfNeeded();
  await expect.poll(() => sharedPage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(guest.getByTestId('message-attachment').first().getByTestId('attachment-thumbnail')).toBeVisible();
  const fileRoute = await shared.getAttribute('src');
  expect(fileRoute).toMatch(/^\/share\/[A-Za-z0-9_-]+\/attachments\/[0-9a-f-]{36}\?variant=thumb$/);
  await keepScreenshot(guest, 'share-attachments');

  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-links').getByRole('listitem')).toHaveCount(0);
  const afterRevoke = await guest.request.get(fileRoute!, { maxRedirects: 0 });
  expect(afterRevoke.status()).toBe(404);
  await visitor.close();

  // The very first message, on `/`, by a visitor with no account yet: files attach before the chat exists (the
  // first file makes them a guest), and sending lands on the new chat with the message and its files.
  const newcomer = await browser.newContext();
  const home = await newcomer.newPage();
  await home.goto('/');
  await dropFiles(home, [{ name: 'first-board.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await pasteFile(home, { name: 'screenshot.png', mimeType: 'image/png', buffer: await makePhoto({ format: 'png' }) });
  const homeChooser = home.waitForEvent('filechooser');
  await home.getByRole('button', { name: 'Attach files' }).click();
  await (await homeChooser).setFiles([{ name: 'bme280-datasheet.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  const homePending = home.getByTestId('pending-upload');
  await expect(home.locator('[data-testid="pending-upload"][data-state="ready"]')).toHaveCount(3);
  await expect(homePending.filter({ hasText: 'bme280-datasheet.pdf' })).toContainText('2 pages');
  await keepScreenshot(home, 'home-uploads');
  await home.getByRole('button', { name: 'Remove screenshot.png' }).click();
  await expect(homePending).toHaveCount(2);
  await home.getByRole('textbox', { name: 'Message' }).fill('Starting with my breadboard');
  await home.getByRole('button', { name: 'Send' }).click();
  await home.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  const first = chat.in(home).userMessages.first();
  await expect(first).toContainText('Starting with my breadboard');
  await expect(first.getByTestId('message-attachment')).toHaveCount(2);
  const firstThumb = first.getByRole('img', { name: 'first-board.jpg' });
  await expect.poll(() => firstThumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(first.getByTestId('attachment-pdf')).toContainText('2 pages');
  await keepScreenshot(home, 'first-message-attachments');
  // Its datasheet is analysed once the first reply has ended, as a file sent inside a chat is.
  const firstPdf = first.getByTestId('message-attachment').filter({ has: home.getByTestId('attachment-pdf') });
  await expect(firstPdf.getByTestId('attachment-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  // Nothing is left behind: the file taken back is gone, and so is one attached on `/` and then abandoned.
  const { userId: newcomerId } = await supabaseAs(newcomer);
  await expect.poll(() => unsentObjects(newcomerId)).toEqual([]);
  await home.goto('/');
  await dropFiles(home, [{ name: 'abandoned.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await expect(home.locator('[data-testid="pending-upload"][data-state="ready"]')).toHaveCount(1);
  expect(await unsentObjects(newcomerId)).toHaveLength(2); // the photo and its thumbnail
  await home.goto('/search');
  await expect.poll(() => unsentObjects(newcomerId)).toEqual([]);
  const chats = await withSql((sql) => sql`select count(*)::int as n from public.chats where user_id = ${newcomerId}`);
  expect(chats[0].n).toBe(1);
  await newcomer.close();
});
