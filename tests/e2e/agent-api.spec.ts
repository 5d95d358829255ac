// An external agent service answers a chat through the app's agent API (/api/agents/v1) while the maker has the
// chat open: the orchestrator's hand-off is a job (created here on the service path, as the reply route does for
// an intent in OHM_AGENT_SERVICES), the fake agent claims it with its key and streams the reply and a code version
// with its job token, and the open tab shows every step live, through realtime alone.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../lib/supabase/database.types.ts';
import { apiUrl, secretKey } from '../../supabase/local/config.ts';
import { expect, keepScreenshot, startGuestSession, supabaseAs, test } from './fixtures';

test('a reply written by an external agent appears live in the open tab, with its artifact', async ({
  page,
  context,
  chat,
  baseURL,
}) => {
  await startGuestSession(context);
  const { supabase } = await supabaseAs(context);
  const { data: created } = await supabase.from('chats').insert({ title: 'New chat' }).select('id').single();
  const chatId = created!.id;
  const { data: question, error } = await supabase
    .rpc('append_message', { p_chat_id: chatId, p_content: 'Write firmware that blinks the ESP32 LED' })
    .single();
  if (error) throw new Error(error.message);
  const service = createClient<Database>(apiUrl, secretKey, { auth: { persistSession: false } });
  const name = `e2e-${crypto.randomUUID().slice(0, 8)}`;
  const { data: registered } = await service.rpc('register_agent_service', { p_name: name });
  const key = (registered as { key: string }).key;
  await service.rpc('create_agent_job', {
    p_service_name: name,
    p_chat_id: chatId,
    p_message_id: (question as { id: string }).id,
    p_intent: 'CODE',
    p_agent_name: 'codeGenerator',
  });

  // The fake agent: plain HTTP to the app, as a service in another language would speak it.
  const agentApi = `${baseURL}/api/agents/v1`;
  const call = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${agentApi}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(body ?? {}),
    });
    expect(res.status, `${path} answered ${res.status}`).toBe(200);
    return (await res.json()) as Record<string, any>;
  };
  const claimed = await call('/jobs/claim', key);
  const job = `/jobs/${claimed.job.id}`;
  await call(`${job}/reply`, claimed.token);
  // Opened now, the tab finds the question answered by a streaming reply (so it asks no agent of its own); from
  // here on everything it shows arrives through realtime.
  await page.goto(`/chat/${chatId}`);
  await expect(chat.userMessages).toHaveText(['Write firmware that blinks the ESP32 LED']);
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await call(`${job}/reply/deltas`, claimed.token, { text: 'Here is a blink sketch for the **ESP32** ' });

  await expect(reply).toContainText('Here is a blink sketch for the ESP32');
  await keepScreenshot(page, 'agent-api-streaming');

  await call(`${job}/reply/deltas`, claimed.token, { text: 'on GPIO 2, written by an external agent.' });
  await expect(reply).toContainText('on GPIO 2, written by an external agent.');
  const code = await call(`${job}/artifacts`, claimed.token, {
    type: 'code',
    title: 'Blink firmware',
    expected_version: 0,
    content: 'void loop() { digitalWrite(2, !digitalRead(2)); delay(500); }',
  });
  await call(`${job}/versions/${code.version_id}/code-files`, claimed.token, {
    rows: [{ filename: 'main.cpp', content: 'void setup() { pinMode(2, OUTPUT); }', unit_number: 1 }],
  });
  await call(`${job}/reply/finish`, claimed.token, { usage: { input: 40, output: 20 } });

  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply.getByText('Code · v1')).toBeVisible();
  await expect(reply).toContainText('e2e-'); // the service is the reply's model label
  await expect(chat.replies).toHaveCount(1);
  await keepScreenshot(page, 'agent-api-reply');
});
