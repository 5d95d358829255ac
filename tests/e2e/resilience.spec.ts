import type { WebSocketRoute } from '@playwright/test';
import { withSql } from './db';
import { expect, test } from './fixtures';

test('a reload mid-reply shows what was saved and keeps following the reply to its end', async ({ page, chat }) => {
  await chat.startChat('Which MCU for a data logger?');
  await chat.send('Create a BOM for an ESP32 weather station with BME280, SSD1306, 18650 battery, solar panel, TP4056');
  const reply = chat.message(4);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(reply).not.toHaveText('');
  const statusNow = async () =>
    (
      await withSql(
        (sql) => sql`select status from public.messages where chat_id = ${chat.chatId()} and sequence_number = 4`,
      )
    )[0]?.status;
  expect(await statusNow()).toBe('streaming');
  // Reloading closes the asking tab's stream; that must not stop the reply.
  await page.reload();
  await expect(reply).toHaveAttribute('data-role', 'assistant');
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  const [saved] = await withSql(
    (sql) => sql`select status, content from public.messages where chat_id = ${chat.chatId()} and sequence_number = 4`,
  );
  expect(saved.status).toBe('complete');
  // The reply is Markdown: its first line as the page shows it, without emphasis marks.
  await expect(reply).toContainText(saved.content.split('\n')[0].replace(/[*_`]/g, ''));
  await expect(chat.messages).toHaveCount(4);
});

test('a reply whose writer died is shown as interrupted, and Retry writes a new one', async ({ page, chat }) => {
  await chat.startChat('Relay module for a 12 V pump');
  const chatId = chat.chatId();
  // A question whose writer saved half a reply a minute ago and then died (the update trigger would stamp now()).
  await withSql(async (sql) => {
    await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'And the flyback diode?')`;
    const [dead] = await sql`insert into public.messages (chat_id, role, content, status, agent_name)
                             values (${chatId}, 'assistant', 'Use a 1N4007 across the', 'streaming', 'conversational') returning id`;
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update public.messages set updated_at = now() - interval '1 minute' where id = ${dead.id}`;
    });
  });
  await page.reload();
  const dead = chat.message(4);
  await expect(dead).toHaveAttribute('data-status', 'interrupted');
  await expect(dead).toContainText('Use a 1N4007 across the');
  const [row] = await withSql(
    (sql) => sql`select status from public.messages where chat_id = ${chatId} and sequence_number = 4`,
  );
  expect(row.status).toBe('interrupted');
  await dead.getByRole('button', { name: 'Retry' }).click();
  const retried = chat.message(5);
  await expect(retried).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(retried).not.toContainText('Use a 1N4007 across the');
  await expect(chat.branchPosition(retried)).toHaveText('2 / 2');
  await expect(chat.messages).toHaveCount(4);
});

test('an open tab notices a streaming reply that went silent and has the database settle it', async ({
  page,
  chat,
}) => {
  await page.clock.install();
  await chat.startChat('Anemometer with a hall sensor');
  const chatId = chat.chatId();
  await withSql(async (sql) => {
    await sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'And the wind vane?')`;
    const [dead] = await sql`insert into public.messages (chat_id, role, content, status, agent_name)
                             values (${chatId}, 'assistant', 'A wind vane needs', 'streaming', 'conversational') returning id`;
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update public.messages set updated_at = now() - interval '1 minute' where id = ${dead.id}`;
    });
  });
  const silent = chat.message(4);
  await expect(silent).toHaveAttribute('data-status', 'streaming');
  await page.clock.fastForward('00:45');
  await expect(silent).toHaveAttribute('data-status', 'interrupted');
  await expect(silent.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a send whose connection drops after it reached the server is retried without a duplicate', async ({
  page,
  chat,
}) => {
  await chat.startChat('Weatherproof enclosure for a sensor node');
  let dropped = 0;
  await page.route('**/chat/*', async (route) => {
    const request = route.request();
    if (dropped === 0 && request.method() === 'POST' && request.headers()['next-action']) {
      dropped++;
      await route.fetch(); // the server saves the message…
      await route.abort('connectionreset'); // …and the answer never arrives
      return;
    }
    await route.continue();
  });
  const text = `Does it need a vent? ${Date.now()}`;
  await chat.send(text);
  await expect(chat.message(4)).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  expect(dropped).toBe(1);
  await expect(chat.userMessages.filter({ hasText: text })).toHaveCount(1);
  await expect(page.getByTestId('chat-error')).toHaveCount(0);
  const [{ n }] = await withSql(
    (sql) => sql`select count(*)::int as n from public.messages where chat_id = ${chat.chatId()} and content = ${text}`,
  );
  expect(n).toBe(1);
  await page.reload();
  await expect(chat.messages).toHaveCount(4);
});

test('a realtime socket closed and reopened misses nothing said meanwhile', async ({ page, chat }) => {
  let blocked = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
    sockets.push(ws);
    // While blocked, new sockets are answered by nobody: realtime-js cannot join until they are closed.
    if (!blocked) ws.connectToServer();
  });
  await chat.startChat('Rain gauge with a reed switch');
  const chatId = chat.chatId();
  await expect.poll(() => sockets.length).toBeGreaterThan(0);

  blocked = true;
  const connected = sockets.length;
  await sockets.at(-1)!.close({ code: 1001, reason: 'gateway restarted' });
  await expect.poll(() => sockets.length).toBeGreaterThan(connected);
  await withSql(
    (sql) =>
      sql`insert into public.messages (chat_id, role, content, agent_name) values (${chatId}, 'assistant', 'Said while you were offline', 'conversational')`,
  );
  await expect(chat.message(3)).toHaveCount(0);

  blocked = false;
  const held = sockets.length;
  await sockets.at(-1)!.close({ code: 1001, reason: 'back' });
  await expect.poll(() => sockets.length).toBeGreaterThan(held);
  await expect(chat.message(3)).toContainText('Said while you were offline', { timeout: 20_000 });
  await expect(chat.messages).toHaveCount(3);
});

test('Stop ends a streaming reply as interrupted with what was said so far, and Retry answers again', async ({
  page,
  chat,
}) => {
  await chat.startChat('Solar charger for a remote sensor');
  await chat.send(
    'Create a BOM for a solar ESP32 weather station with BME280, SSD1306, 18650 battery, solar panel, TP4056',
  );
  const reply = chat.message(4);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await withSql(
            (sql) => sql`select status from public.messages where chat_id = ${chat.chatId()} and sequence_number = 4`,
          )
        )[0].status,
    )
    .toBe('interrupted');
  await page.reload();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  await reply.getByRole('button', { name: 'Retry' }).click();
  await expect(chat.message(5)).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(chat.branchPosition(chat.message(5))).toHaveText('2 / 2');
});
