// The database's limits reach people as words they can act on: a Regenerate past the reply limit, and a send past
// the message limit, are refused with a message saying to wait, and nothing is written.
import { withSql } from './db';
import { expect, test } from './fixtures';
import { ChatPage } from './pages/chat';

/** Uses up the guest's budget for `action` in the current window, as a burst of requests would. */
const exhaust = (chatId: string, action: 'reply' | 'message') =>
  withSql(
    (sql) => sql`
      insert into private.rate_limit_counters (user_id, action, window_started_at, used)
      select c.user_id, ${action}, now(), 1000 from public.chats c where c.id = ${chatId}
      on conflict (user_id, action) do update set window_started_at = now(), used = 1000`,
  );

test('Regenerate and a send past the limits are refused with a reason, and write nothing', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.startChat('A soil moisture sensor for my balcony');
  await exhaust(chat.chatId(), 'reply');
  await chat.message(2).getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByTestId('chat-error')).toContainText('You are asking for replies too fast');
  await exhaust(chat.chatId(), 'message');
  await chat.send('And a pump?');
  await expect(page.getByTestId('chat-error')).toContainText('sending messages too fast');
  const [{ n }] = await withSql(
    (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chat.chatId()}`,
  );
  expect(n).toBe(2);
});
