// The agents' reply writer against the real stack: a reply is saved while it streams, ends at its writer's next
// save once its owner pressed Stop (public.stop_reply), and a regeneration is a sibling of the first reply.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOfflineModel } from '@/lib/agents/offline-model';
import { admin, api, as, createUser } from './fixtures.ts';

import { pointAppAtStack } from '../support/app.ts';

vi.mock('server-only', () => ({}));
const { beginAgentReply } = await import('@/lib/agents/reply-writer');

beforeAll(() => pointAppAtStack());
afterAll(async () => {
  await api.end();
  await admin.end();
});

async function askedChat() {
  const user = await createUser();
  const [chat] = await as(user, (sql) => sql`insert into public.chats (title) values ('New chat') returning id`, {
    commit: true,
  });
  const [question] = await as(
    user,
    (sql) => sql`select * from public.append_message(${chat.id}, 'ESP32 weather station with a BME280')`,
    { commit: true },
  );
  return { user, chatId: chat.id as string, question };
}

const target = (chatId: string, replyTo: string) => ({
  chatId,
  replyTo,
  modelLabel: 'ohm/offline-1',
  route: { intent: 'CHAT' as const, agent: 'conversational' as const },
  history: [{ role: 'user' as const, content: 'ESP32 weather station with a BME280' }],
});

describe('the reply writer', () => {
  it('finishes a reply as complete with token counts', async () => {
    const { chatId, question } = await askedChat();
    const reply = await beginAgentReply(target(chatId, question.id));
    const [early] = await admin`select status, content from public.messages where id = ${reply.id}`;
    expect(early).toEqual({ status: 'streaming', content: '' });
    const result = await reply.run({ model: createOfflineModel({ delayMs: 0 }) });
    const [saved] = await admin`select status, content, output_tokens from public.messages where id = ${reply.id}`;
    expect(result.status).toBe('complete');
    expect(saved.status).toBe('complete');
    expect(saved.content).toBe(result.text);
    expect(saved.output_tokens).toBeGreaterThan(0);
    await expect(beginAgentReply(target(chatId, question.id))).rejects.toMatchObject({
      code: 'conflict:message',
      status: 409,
      message: 'This message already has a reply.',
    });
  });

  it('stops at its next save once the owner pressed Stop, keeping what was saved', async () => {
    const { user, chatId, question } = await askedChat();
    const reply = await beginAgentReply(target(chatId, question.id));
    let deltas = 0;
    let stopped: Promise<unknown> | null = null;
    const result = await reply.run({
      model: createOfflineModel({ delayMs: 15 }),
      onDelta: () => {
        deltas++;
        if (deltas === 20)
          stopped = as(user, (sql) => sql`select public.stop_reply(${chatId}, ${reply.id})`, { commit: true });
      },
    });
    await stopped;
    const [saved] = await admin`select status, content from public.messages where id = ${reply.id}`;
    expect(result.status).toBe('interrupted');
    expect(saved.status).toBe('interrupted');
    expect(result.text.startsWith(saved.content)).toBe(true);
    const full = await beginAgentReply({ ...target(chatId, question.id), key: 'regenerate:one' }).then((r) =>
      r.run({ model: createOfflineModel({ delayMs: 0 }) }),
    );
    expect(result.text.length).toBeLessThan(full.text.length);
    const siblings = await admin`select count(*)::int as n from public.messages where parent_id = ${question.id}`;
    expect(siblings[0].n).toBe(2);
  });
});
