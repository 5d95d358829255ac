// Theme and phone layout: dark mode follows the system until the user picks one, the choice survives a reload
// without a flash of the other theme, and on a phone the sidebar is a drawer.
import { expect, keepScreenshot, seedChats, test } from './fixtures';

const bodyBackground = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark mode follows the system, and a chosen theme is kept across reloads without a flash', async ({
  page,
  shell,
}) => {
  // Records <html>'s classes when <body> first appears: what the first paint would use.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { firstPaintClass: string }).firstPaintClass = document.documentElement.className;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const dark = await bodyBackground(page);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await bodyBackground(page);
  expect(dark).not.toBe(light);

  await shell.openAccount();
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await theme.getByRole('radio', { name: 'Dark' }).check({ force: true });
  expect(await bodyBackground(page)).toBe(dark);
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);

  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { firstPaintClass: string }).firstPaintClass)).toContain(
    'dark',
  );
  expect(await bodyBackground(page)).toBe(dark);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await keepScreenshot(page, 'dark-home');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shell.openAccount();
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check({ force: true });
  expect(await bodyBackground(page)).toBe(light);
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { firstPaintClass: string }).firstPaintClass)).toContain(
    'light',
  );
  expect(await bodyBackground(page)).toBe(light);

  await shell.openAccount();
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check({ force: true });
  expect(await bodyBackground(page)).toBe(dark);
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { firstPaintClass: string }).firstPaintClass)).not.toMatch(
    /light|dark/,
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the sidebar is a drawer behind a toggle: it takes focus, closes with Escape and after choosing a chat', async ({
    page,
    context,
    shell,
  }) => {
    await page.goto('/');
    const [id] = await seedChats(context, [
      { title: 'Bike light', hoursAgo: 1 },
      { title: 'Plant waterer', hoursAgo: 30 },
    ]);
    await page.reload();
    await expect(shell.chats()).toBeHidden();
    const toggle = page.getByRole('button', { name: 'Open sidebar' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(shell.chats()).toBeVisible();
    await expect(page.getByRole('link', { name: 'New chat' })).toBeFocused();
    await keepScreenshot(page, 'phone-drawer');
    await expect(page.locator('main')).toHaveJSProperty('inert', true);
    await page.keyboard.press('Escape');
    await expect(shell.chats()).toBeHidden();
    await expect(toggle).toBeFocused();
    await expect(page.locator('main')).toHaveJSProperty('inert', false);

    await toggle.click();
    // Escape inside the drawer first closes what is open in it.
    await shell.chatMenu('Plant waterer', 'Rename');
    await shell.chats().getByRole('textbox', { name: 'Chat name' }).press('Escape');
    await expect(shell.chatLink('Plant waterer')).toBeVisible();
    await shell.chats().getByRole('button', { name: 'Options for Plant waterer' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(shell.chats()).toBeVisible();
    await shell.chatLink('Bike light').click();
    await page.waitForURL(`**/chat/${id}`);
    await expect(shell.chats()).toBeHidden();
    await expect(page.getByTestId('chat-title')).toBeInViewport();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect(composer).toBeInViewport();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await keepScreenshot(page, 'phone-chat');
  });
});

/** Cumulative layout shift since navigation, as Chrome reports it (shifts right after input do not count). */
function layoutShift(page: import('@playwright/test').Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
            if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
      }),
  );
}

test('the shell does not shift while the home page and a chat load and hydrate', async ({ page, context, chat }) => {
  await page.goto('/');
  await seedChats(
    context,
    Array.from({ length: 40 }, (_, i) => ({ title: `Layout chat ${i}`, hoursAgo: i * 20 })),
  );
  await page.getByRole('textbox', { name: 'Message' }).fill('Stable layout please');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', {
    timeout: 20_000,
  });

  for (const url of ['/', page.url()]) {
    await page.goto(url, { waitUntil: 'networkidle' });
    await expect(page.getByRole('navigation', { name: 'Chats' }).getByRole('link').first()).toBeVisible();
    expect(await layoutShift(page)).toBeLessThan(0.01);
  }
});
