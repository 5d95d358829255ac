// Playwright fixtures: page objects, and screenshots of key screens kept under test-results/screenshots/.
import { test as base, type Page } from '@playwright/test';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';

export async function keepScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const test = base.extend<{ home: HomePage; login: LoginPage }>({
  home: async ({ page }, provide) => provide(new HomePage(page)),
  login: async ({ page }, provide) => provide(new LoginPage(page)),
});

export { expect } from '@playwright/test';

export const freshEmail = () => `maker-${crypto.randomUUID().slice(0, 8)}@example.com`;
