import { appendHistory } from './db';
import { expect, keepScreenshot, test } from './fixtures';
import type { ChatPage } from './pages/chat';

const topOf = (chat: ChatPage, sequence: number) =>
  chat.message(sequence).evaluate((el) => el.getBoundingClientRect().top);

test('older pages load as the reader scrolls up, without the view jumping, until the first message', async ({
  page,
  chat,
}) => {
  await chat.startChat('Long chat about a greenhouse controller');
  await appendHistory(chat.chatId(), 120);
  await page.reload();
  // 122 messages: the newest 50 are server-rendered and the view starts at the end.
  await expect(chat.messages).toHaveCount(50);
  await expect(chat.message(73)).toBeAttached();
  await expect(chat.message(72)).toHaveCount(0);
  await expect(chat.message(122)).toBeInViewport();

  // Scrolls to the top and, in the same frame, notes where the oldest loaded message is on screen.
  const before = await chat.list.evaluate((el) => {
    el.scrollTop = 0;
    return el.querySelector('#m-73')!.getBoundingClientRect().top;
  });
  await expect(chat.message(72)).toBeAttached();
  await expect(chat.messages).toHaveCount(100);
  expect(Math.abs((await topOf(chat, 73)) - before)).toBeLessThanOrEqual(1);
  await keepScreenshot(page, 'older-page');

  await chat.list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(chat.message(1)).toBeAttached();
  await expect(chat.messages).toHaveCount(122);
  await expect(page.getByTestId('history-start')).toHaveText('Start of the chat');
  const sequences = await chat.messages.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sequence'))));
  expect(sequences).toEqual(Array.from({ length: 122 }, (_, i) => i + 1));
});

test('a search hit on an older page opens the chat scrolled to that message', async ({ page, chat }) => {
  await chat.startChat('Irrigation timer with a relay board');
  const word = `quokkanite${Date.now()}`;
  await appendHistory(chat.chatId(), 140, (i) =>
    i === 3 ? `The pump needs a ${word} flyback diode` : `History message ${i}`,
  );
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Search' }).fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.getByTestId('search-results').getByRole('listitem');
  await expect(hit).toHaveCount(1);
  await hit.getByRole('link').click();
  await page.waitForURL(/#m-5$/);
  await expect(chat.message(5)).toContainText(word);
  await expect(chat.message(5)).toBeInViewport();
  await expect(chat.message(142)).toBeAttached();
});
