// A cold chat (scripts/archive): archived by the job, still in the sidebar, and back when opened, with a
// "Restoring…" state while its messages return.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { archiveColdChats } from '../../scripts/archive/cold-chats.ts';
import { apiUrl, dbUrl, secretKey } from '../../supabase/local/config.ts';
import { withSql } from './db';
import { expect, keepScreenshot, supabaseAs, test } from './fixtures';

test('an archived chat stays listed and restores when opened', async ({ page, context, chat, shell }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('Cold frame thermostat');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/chat\//);
  await expect(chat.replies).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  const chatId = new URL(page.url()).pathname.split('/').pop()!;
  const { userId } = await supabaseAs(context);

  // A year and more without a message, then the job (as npm run db:archive runs it, for this user only).
  await withSql(
    (sql) => sql`update public.chats set last_message_at = now() - interval '400 days' where id = ${chatId}`,
  );
  const job = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const bucket = createClient(apiUrl, secretKey, { auth: { persistSession: false } }).storage.from('archive');
  try {
    const run = await archiveColdChats({
      sql: job,
      userId,
      storage: {
        upload: async (path, body) => void (await bucket.upload(path, body, { contentType: 'application/gzip' })),
        remove: async (paths) => void (await bucket.remove(paths)),
      },
    });
    expect(run.stored).toBe(1);
  } finally {
    await job.end();
  }

  await page.goto('/');
  await expect(shell.chatLink('Cold frame thermostat')).toBeVisible();
  // Hold the restore's writes (reads go on), so its state can be seen; then let it finish.
  await withSql((sql) =>
    sql.begin(async (tx) => {
      await tx`lock table public.messages in share mode`;
      await shell.chatLink('Cold frame thermostat').click();
      await expect(page.getByTestId('chat-restoring')).toHaveText('Restoring these 2 messages from the archive…');
      await keepScreenshot(page, 'chat-restoring');
    }),
  );
  await expect(chat.userMessages).toHaveText('Cold frame thermostat');
  await expect(chat.replies).toHaveAttribute('data-status', 'complete');
  await expect(page.getByTestId('chat-restoring')).toHaveCount(0);
});
