import { expect, keepScreenshot, test } from './fixtures';

test('a first-time visitor gets a guest session that survives a reload', async ({ home, page }) => {
  await home.open();
  await expect(home.kind()).toHaveText('You are using OHM as a guest.');
  const id = await home.userId();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.startsWith('sb-127-auth-token'))).toBe(true);
  await keepScreenshot(page, 'first-visit');
  await page.reload();
  await expect(page.getByTestId('session-user-id')).toHaveText(id);
});
