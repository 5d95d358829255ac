// The team-wide /insights view, enforced by RLS on usage_daily: an insights admin (granted only on the service
// path, private.insights_admins) who asks for it (header x-ohm-insights-scope: team, through the gateway as the
// app sends it) reads every user's rollup; a normal user asking the same reads only their own, and nobody can make
// themselves an admin. Other members' chat titles stay unreadable to the admin (RLS on chats).
import { afterAll, describe, expect, it } from 'vitest';
import { apiUrl } from '../support/stack.ts';
import { clientAs } from '../support/users.ts';
import { admin, api, as, createUser, newChat, sqlstateOf, type TestUser } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

// A day of its own for this run, far from every other test's usage, so the totals below are exactly these rows.
const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 3650) * 86_400_000).toISOString().slice(0, 10);

async function userWithUsage(messages: number, title: string) {
  const user = await createUser();
  const chatId = await newChat(user);
  await admin`update public.chats set title = ${title} where id = ${chatId}`;
  await admin`insert into public.usage_daily (chat_id, day, agent_name, agent_model, user_id, messages, output_tokens, cost)
    values (${chatId}, ${day}, 'bomGenerator', 'openai/gpt-4o-mini', ${user.id}, ${messages}, ${messages * 100}, ${messages / 100})`;
  return { user, chatId };
}

async function totals(user: TestUser, team: boolean) {
  let query = clientAs(apiUrl, user.token).rpc('insights_totals', { p_from: day, p_to: day });
  if (team) query = query.setHeader('x-ohm-insights-scope', 'team');
  const { data, error } = await query;
  if (error) throw new Error(error.message);
  return Number((data as { messages: number }[])[0].messages);
}

describe('team-wide insights', () => {
  it('are read by an insights admin who asks, never by a normal user, and grant nobody chat titles', async () => {
    const maker = await userWithUsage(3, 'Maker chat');
    const other = await userWithUsage(5, 'Other chat');
    const lead = await userWithUsage(7, 'Lead chat');
    await admin`insert into private.insights_admins (user_id, note) values (${lead.user.id}, 'test')`;

    expect(await totals(maker.user, false)).toBe(3);
    expect(await totals(maker.user, true)).toBe(3);
    expect(await totals(lead.user, false)).toBe(7);
    expect(await totals(lead.user, true)).toBe(15);

    const top = await clientAs(apiUrl, lead.user.token)
      .rpc('insights_top_chats', { p_from: day, p_to: day })
      .setHeader('x-ohm-insights-scope', 'team');
    const titles = Object.fromEntries(
      (top.data as { chat_id: string; title: string | null }[]).map((c) => [c.chat_id, c.title]),
    );
    expect(titles).toEqual({ [lead.chatId]: 'Lead chat', [other.chatId]: null, [maker.chatId]: null });
  });

  it('say who is an admin only to that user, and no user can grant it', async () => {
    const { user } = await userWithUsage(1, 'Hopeful chat');
    const isAdmin = async (who: TestUser) => (await clientAs(apiUrl, who.token).rpc('is_insights_admin')).data;
    expect(await isAdmin(user)).toBe(false);
    const grant = () =>
      as(user, (sql) => sql`insert into private.insights_admins (user_id) values (${user.id})`, { commit: true });
    expect(await sqlstateOf(grant)).toBe('42501');
    expect(await sqlstateOf(() => as(user, (sql) => sql`select * from private.insights_admins`))).toBe('42501');
    await admin`insert into private.insights_admins (user_id) values (${user.id})`;
    expect(await isAdmin(user)).toBe(true);
  });
});
