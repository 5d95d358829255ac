import { makePdf, makePhoto } from '../support/files';
import { dropFiles } from './drop-files';
import { expect, keepScreenshot, seedChats, test } from './fixtures';

test('a maker attaches a photo by drag and drop and a datasheet with the button, takes one file back, sends, and opens the photo; a share shows them until revoked', async ({
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
  await expect(guest.getByTestId('message-attachment').first().getByTestId('attachment-thumbnail')).toBeVisible();
  const fileRoute = await shared.getAttribute('src');
  expect(fileRoute).toMatch(/^\/share\/[A-Za-z0-9_-]+\/attachments\/[0-9a-f-]{36}\?variant=thumb$/);
  await keepScreenshot(guest, 'share-attachments');

  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-links').getByRole('listitem')).toHaveCount(0);
  const afterRevoke = await guest.request.get(fileRoute!, { maxRedirects: 0 });
  expect(afterRevoke.status()).toBe(404);
  await visitor.close();
});
