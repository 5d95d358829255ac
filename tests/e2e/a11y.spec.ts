// No accessibility violations (axe, WCAG 2.x A and AA) on the key screens, in the light and the dark theme.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './fixtures';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`home, a chat, its share page and search have no axe violations (${scheme})`, async ({
    page,
    browser,
    chat,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Message' }).fill('Weather station: ESP32 with a BME280, solar powered');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/chat\//);
    await expect(chat.replies).toHaveAttribute('data-status', 'complete', {
      timeout: 20_000,
    });
    expect(await violations(page)).toEqual([]);
    if (scheme === 'dark') await keepScreenshot(page, 'dark-chat');

    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    const visitor = await browser.newContext({ colorScheme: scheme });
    const guest = await visitor.newPage();
    await guest.goto(link);
    await expect(chat.in(guest).messages).toHaveCount(2);
    expect(await violations(guest)).toEqual([]);
    await visitor.close();

    await page.goto('/search?q=weather');
    await expect(page.getByTestId('search-results').getByRole('listitem').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}
