// The chat page as a person uses it: the composer, messages as articles, and each message's actions.
import { expect, type Locator, type Page } from '@playwright/test';

export class ChatPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get composer() {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get list() {
    return this.page.getByTestId('message-list');
  }

  get articles() {
    return this.page.locator('article');
  }

  message(sequence: number) {
    return this.page.locator(`article[data-sequence="${sequence}"]`);
  }

  lastReply() {
    return this.page.locator('article[data-role="assistant"]').last();
  }

  lastUserMessage() {
    return this.page.locator('article[data-role="user"]').last();
  }

  chatId() {
    return this.page.url().split('/').at(-1)!.split('#')[0];
  }

  /** Starts a new chat from `/` and waits for its first reply to be saved. */
  async startChat(text: string) {
    await this.page.goto('/');
    await this.composer.fill(text);
    await this.composer.press('Enter');
    await this.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await this.waitForReply();
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.page.getByRole('button', { name: 'Send' }).click();
  }

  async waitForReply() {
    await expect(this.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
    await expect(this.page.getByRole('button', { name: 'Send' })).toBeVisible();
  }

  async edit(message: Locator, text: string) {
    await message.getByRole('button', { name: 'Edit' }).click();
    await message.getByRole('textbox', { name: 'Edit message' }).fill(text);
    await message.getByRole('button', { name: 'Save' }).click();
  }

  branchPosition(message: Locator) {
    return message.getByTestId('branch-position');
  }

  previousBranch(message: Locator) {
    return message.getByRole('button', { name: 'Previous branch' }).click();
  }

  nextBranch(message: Locator) {
    return message.getByRole('button', { name: 'Next branch' }).click();
  }
}
