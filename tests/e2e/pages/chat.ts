// The chat page as a person uses it: the composer, the messages (data-testid `user-message` / `assistant-message`,
// each with its number as `data-sequence` and its state as `data-status`), and each message's actions. The share
// page renders its messages the same way. A fixture (tests/e2e/fixtures.ts) gives every test one for its page.
import { expect, type Locator, type Page } from '@playwright/test';

const anyMessage = /^(user|assistant|system)-message$/;

export class ChatPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** The same view of another tab or another browser's page. */
  in(page: Page) {
    return new ChatPage(page);
  }

  get composer() {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get list() {
    return this.page.getByTestId('message-list');
  }

  get messages() {
    return this.page.getByTestId(anyMessage);
  }

  get userMessages() {
    return this.page.getByTestId('user-message');
  }

  get replies() {
    return this.page.getByTestId('assistant-message');
  }

  /** Message number `sequence` (its anchor, as #m-<n> links reach it). */
  message(sequence: number) {
    return this.messages.and(this.page.locator(`#m-${sequence}`));
  }

  lastReply() {
    return this.replies.last();
  }

  lastUserMessage() {
    return this.userMessages.last();
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
