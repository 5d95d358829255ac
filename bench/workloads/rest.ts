// /rest/v1 workloads on OHM's own tables as a signed-in user (RLS on), each beside the same SQL run directly
// with postgres.js in this process, in a transaction with the same role and claims.
import postgres from 'postgres';
import { createUser } from '../../tests/support/users.ts';
import type { BenchContext, Workload } from '../types.ts';
import { expectOk } from '../http-client.ts';

type State = {
  token: string;
  claims: string;
  chatId: string;
  api: postgres.Sql;
  admin: postgres.Sql;
  headers: Record<string, string>;
};

let shared: Promise<State> | null = null;

function setup(ctx: BenchContext): Promise<State> {
  shared ??= (async () => {
    const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
    const api = postgres(ctx.adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 8, onnotice: () => {} });
    const user = await createUser(admin, { anonymous: true, expiresInSeconds: 7200 });
    const userId = user.id;
    const [chat] = await admin`insert into public.chats (user_id, title) values (${userId}, 'bench') returning id`;
    await admin.begin(async (sql) => {
      for (let i = 0; i < 60; i++)
        await sql`insert into public.messages (chat_id, role, content) values (${chat.id}, ${i % 2 ? 'assistant' : 'user'}, ${`bench message ${i}`})`;
    });
    const token = user.token;
    return {
      token,
      claims: JSON.stringify(user.claims),
      chatId: chat.id,
      api,
      admin,
      headers: {
        apikey: ctx.publishableKey,
        authorization: `Bearer ${token}`,
        'accept-profile': 'public',
        'content-profile': 'public',
        'content-type': 'application/json',
      },
    };
  })();
  return shared;
}

function direct(state: State, query: (sql: postgres.TransactionSql) => Promise<unknown>) {
  return state.api.begin(async (sql) => {
    await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${state.claims}, true)`;
    return query(sql);
  });
}

export const workloads: Workload<State>[] = [
  {
    name: 'rest-pk-select',
    concurrency: 8,
    iterations: 5000,
    setup,
    run: (ctx, s) => expectOk(`${ctx.apiUrl}/rest/v1/chats?select=id,title&id=eq.${s.chatId}`, { headers: s.headers }),
    baseline: {
      name: 'same SQL direct',
      run: (_ctx, s) =>
        direct(
          s,
          (sql) =>
            sql`select coalesce(json_agg(r), '[]')::text from (select id, title from public.chats where id = ${s.chatId}) r`,
        ),
    },
  },
  {
    name: 'rest-page-embed',
    concurrency: 8,
    iterations: 2000,
    setup,
    run: (ctx, s) =>
      expectOk(
        `${ctx.apiUrl}/rest/v1/messages?select=id,sequence_number,content,chats(title)&chat_id=eq.${s.chatId}&order=sequence_number.desc&limit=50`,
        { headers: s.headers },
      ),
    baseline: {
      name: 'same SQL direct',
      run: (_ctx, s) =>
        direct(
          s,
          (sql) => sql`
        select coalesce(json_agg(r), '[]')::text from (
          select m.id, m.sequence_number, m.content, (select row_to_json(c) from (select title from public.chats c where c.id = m.chat_id) c) as chats
            from public.messages m where m.chat_id = ${s.chatId} order by m.sequence_number desc limit 50) r`,
        ),
    },
  },
  {
    // Users write messages only through append_message (rate-limited); inserts through /rest/v1 are the agents'.
    name: 'rest-insert',
    concurrency: 8,
    iterations: 1000,
    setup,
    run: (ctx, s) =>
      expectOk(`${ctx.apiUrl}/rest/v1/messages`, {
        method: 'POST',
        headers: { ...s.headers, apikey: ctx.secretKey, authorization: `Bearer ${ctx.secretKey}` },
        body: JSON.stringify({ chat_id: s.chatId, role: 'assistant', content: 'insert bench' }),
      }),
    baseline: {
      name: 'same SQL direct',
      run: (_ctx, s) =>
        s.api.begin(async (sql) => {
          await sql`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`;
          await sql`insert into public.messages (chat_id, role, content) values (${s.chatId}, 'assistant', 'insert bench')`;
        }),
    },
  },
  {
    name: 'rest-rpc',
    concurrency: 8,
    iterations: 2000,
    setup,
    run: (ctx, s) =>
      expectOk(`${ctx.apiUrl}/rest/v1/rpc/get_chat_page`, {
        method: 'POST',
        headers: s.headers,
        body: JSON.stringify({ p_chat_id: s.chatId, p_limit: 50 }),
      }),
    baseline: {
      name: 'same SQL direct',
      run: (_ctx, s) =>
        direct(
          s,
          (sql) => sql`select coalesce(json_agg(r), '[]')::text from public.get_chat_page(${s.chatId}, null, 50) r`,
        ),
    },
    teardown: async (_ctx, s) => {
      await s.api.end();
      await s.admin.end();
      shared = null;
    },
  },
];
