import { expect, type Page } from '@playwright/test';

/** The app shell: the sidebar with its chat list, the account menu and the phone drawer. */
export class ShellPage {
  constructor(private readonly page: Page) {}

  chats() {
    return this.page.getByRole('navigation', { name: 'Chats' });
  }

  chatLink(title: string | RegExp) {
    return this.chats().getByRole('link', { name: title, exact: typeof title === 'string' });
  }

  async chatMenu(title: string, item: 'Rename' | 'Archive' | 'Delete') {
    await this.chats()
      .getByRole('button', { name: `Options for ${title}` })
      .click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  toast(text: string | RegExp) {
    return this.page.getByTestId('toast').filter({ hasText: text });
  }

  async openAccount() {
    await this.page.getByTestId('account-button').click();
    await expect(this.page.getByTestId('account-panel')).toBeVisible();
  }

  groupTitles() {
    return this.chats().getByRole('heading', { level: 2 }).allInnerTexts();
  }
}
