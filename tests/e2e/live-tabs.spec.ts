import postgres from 'postgres';
import { adminDbUrl } from '../../supabase/local/config.ts';
import { expect, keepScreenshot, test } from './fixtures';

test('a second tab follows a new message and its streamed reply live, and sees a message inserted by SQL', async ({
  page,
  context,
  chat,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('First question about relays');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', {
    timeout: 20_000,
  });

  const second = await context.newPage();
  await second.goto(page.url());
  await expect(chat.in(second).messages).toHaveCount(2);

  await page.getByRole('textbox', { name: 'Message' }).fill('And how do I wire a BME280?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(chat.in(second).userMessages.nth(1)).toHaveText('And how do I wire a BME280?', {
    timeout: 5_000,
  });
  const reply = chat.in(second).message(4);
  await expect(reply).toHaveAttribute('data-role', 'assistant', { timeout: 5_000 });
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(reply).toContainText('BME280');
  await keepScreenshot(second, 'second-tab');

  const chatId = page.url().split('/').at(-1)!;
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into public.messages (chat_id, role, content, agent_name) values (${chatId}, 'assistant', 'Inserted by SQL', 'conversational')`;
  } finally {
    await sql.end();
  }
  await expect(chat.in(second).message(5)).toContainText('Inserted by SQL', { timeout: 1_000 });
  await expect(chat.message(5)).toContainText('Inserted by SQL', { timeout: 1_000 });
  await expect(chat.messages).toHaveCount(5);
});
