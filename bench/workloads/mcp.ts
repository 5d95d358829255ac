// The MCP server (/api/mcp) of the production build, called by the official SDK client over HTTP with a personal
// access token, as an AI client calls it: each read tool's round trip (token lookup, a user JWT signed, a fresh
// stateless server, the tool's queries under RLS) beside the same data read directly through /rest/v1 with the
// user's own JWT, as a ratio: what the MCP layer costs on top of the database work.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import postgres from 'postgres';
import type { Database } from '../../lib/supabase/database.types.ts';
import { clientAs, createUser } from '../../tests/support/users.ts';
import { appUrl, startApp } from '../app-server.ts';
import type { MeasuredRow, Workload } from '../types.ts';
import { percentile } from './chat.ts';

const rounds = 200;
const warmup = 10;

async function time(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds + warmup; i++) {
    const t0 = performance.now();
    await run();
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return times;
}

export const workloads: Workload[] = [
  {
    name: 'mcp',
    onlyWhenNamed: true,
    async measure(ctx) {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      const user = await createUser(admin, { expiresInSeconds: 7200 });
      const supabase = clientAs<Database>(ctx.apiUrl, user.token);
      const [chat] =
        await admin`insert into public.chats (user_id, title) values (${user.id}, 'bench mcp') returning id`;
      for (let i = 0; i < 60; i++)
        await admin`insert into public.messages (chat_id, role, content)
          values (${chat.id}, ${i % 2 ? 'assistant' : 'user'}, ${`Message ${i} about the ESP32 weather station`})`;
      for (let i = 0; i < 30; i++)
        await admin`insert into public.chats (user_id, title) values (${user.id}, ${`chat ${i}`})`;
      const { data: token, error } = await supabase.rpc('create_personal_access_token', {
        p_name: 'bench',
        p_scope: 'read',
        p_expires_in_days: 1,
      });
      if (error) throw new Error(error.message);

      const stopApp = await startApp(ctx);
      const client = new Client({ name: 'bench', version: '1.0.0' });
      try {
        await client.connect(
          new StreamableHTTPClientTransport(new URL('/api/mcp', appUrl), {
            requestInit: { headers: { Authorization: `Bearer ${token[0].token}` } },
          }),
        );
        const cases: { tool: string; args: Record<string, unknown>; direct: () => PromiseLike<unknown> }[] = [
          {
            tool: 'list_chats',
            args: { limit: 20 },
            direct: () =>
              supabase
                .from('chats')
                .select('id, title, last_message_at')
                .is('deleted_at', null)
                .is('archived_at', null)
                .order('last_message_at', { ascending: false })
                .limit(21),
          },
          {
            tool: 'read_chat',
            args: { chat_id: chat.id, limit: 50 },
            direct: () => supabase.rpc('get_chat_page', { p_chat_id: chat.id, p_limit: 50 }),
          },
          {
            tool: 'search_messages',
            args: { query: 'weather station', limit: 20 },
            direct: () => supabase.rpc('search_messages', { p_query: 'weather station', p_limit: 20 }),
          },
        ];
        const rows: MeasuredRow[] = [];
        for (const { tool, args, direct } of cases) {
          const viaMcp = await time(async () => {
            const result = await client.callTool({ name: tool, arguments: args });
            if (result.isError) throw new Error(`${tool}: ${JSON.stringify(result.content)}`);
          });
          const viaRest = await time(async () => {
            const { error: failed } = (await direct()) as { error: { message: string } | null };
            if (failed) throw new Error(failed.message);
          });
          const p50 = percentile(viaMcp, 50);
          const base = percentile(viaRest, 50);
          rows.push({
            name: `tools/call ${tool}`,
            p50,
            p95: percentile(viaMcp, 95),
            p99: percentile(viaMcp, 99),
            note: `×${(p50 / base).toFixed(2)} of the same read through /rest/v1 (p50 ${base.toFixed(1)} ms, p95 ${percentile(viaRest, 95).toFixed(1)} ms); n=${rounds}`,
          });
        }
        const listed = await time(() => client.listTools());
        rows.push({
          name: 'tools/list (auth and a fresh server, no database read)',
          p50: percentile(listed, 50),
          p95: percentile(listed, 95),
          p99: percentile(listed, 99),
          note: `n=${rounds}`,
        });
        return { rows };
      } finally {
        await client.close();
        await stopApp();
        await admin`delete from public.chats where user_id = ${user.id}`;
        await admin`delete from auth.users where id = ${user.id}`;
        await admin.end();
      }
    },
  },
];
