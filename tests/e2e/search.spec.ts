import { expect, keepScreenshot, test } from './fixtures';

test('search finds a message, highlights it safely and opens its chat', async ({ page, chat }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('Capacitive soil moisture sensor <b>probe</b>');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  const chatUrl = page.url();
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', {
    timeout: 20_000,
  });
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Search' }).fill('moisture');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('search-results').getByRole('listitem');
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator('mark').first()).toHaveText(/moisture/i);
  await expect(results.first()).toContainText('<b>probe</b>');
  expect(await results.first().locator('b').count()).toBe(0);
  await keepScreenshot(page, 'search');
  await results.first().getByRole('link').click();
  await page.waitForURL((url) => url.href.startsWith(chatUrl));
  await expect(chat.userMessages.first()).toContainText('soil moisture');
});
