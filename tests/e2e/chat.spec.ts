import { expect, keepScreenshot, test } from './fixtures';

test('a first question becomes a chat with its own URL and a streamed reply that is saved', async ({ page, chat }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('ESP32 weather station with a BME280');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  const user = chat.userMessages;
  await expect(user).toHaveText('ESP32 weather station with a BME280');
  await expect(user).toHaveAttribute('data-sequence', '1');
  const reply = chat.replies;
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(reply).toContainText('BME280');
  await expect(
    page.getByRole('navigation', { name: 'Chats' }).getByRole('link', { name: 'ESP32 weather station with a BME280' }),
  ).toBeVisible();
  await keepScreenshot(page, 'chat-reply');
  await page.reload();
  await expect(chat.replies).toHaveAttribute('data-status', 'complete');
  await expect(chat.replies).toHaveAttribute('data-sequence', '2');
  await expect(chat.messages).toHaveCount(2);
  // Token counts, and the cost from the model's price in a tooltip (the offline model is free).
  await expect(chat.replies.getByTestId('message-usage')).toHaveAttribute(
    'title',
    /^[\d,]+ input and [\d,]+ output tokens · \$0\.00$/,
  );
});

test('a message that is too long is refused with a clear message and nothing is sent', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('x'.repeat(8001));
  await expect(page.getByText(/Too long: 8,001/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
});

test("another user's chat and a missing chat give the same 404 page", async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('private plans');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  const url = page.url();
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto('/');
  const response = await other.goto(url);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole('heading', { name: 'Not found' })).toBeVisible();
  const missing = await other.goto('/chat/00000000-0000-4000-8000-000000000000');
  expect(missing?.status()).toBe(404);
  await stranger.close();
});
