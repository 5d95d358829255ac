import { expect, type Page } from '@playwright/test';

export class HomePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByTestId('session-card')).toBeVisible();
  }

  userId() {
    return this.page.getByTestId('session-user-id').innerText();
  }

  kind() {
    return this.page.getByTestId('session-kind');
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL('**/login');
  }
}
