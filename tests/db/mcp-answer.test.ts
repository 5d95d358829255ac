// MCP's send_message answers through the reply route's own entry (lib/agents/turn/answer): the orchestrator routes the
// message, an intent configured for an external agent service (OHM_AGENT_SERVICES) is handed to it as a job, any
// other is answered in process as a job of the built-in service; the stored messages and jobs show the routing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { admin, api, as, createUser, type TestUser } from './fixtures.ts';
import { pointAppAtStack } from '../support/app.ts';

vi.mock('server-only', () => ({}));
process.env.OHM_OFFLINE_PACE_MS = '0';
const route = await import('@/app/api/mcp/route');

const endpoint = 'http://127.0.0.1:3999/api/mcp';

async function connect(user: TestUser, scope: 'read' | 'read_write') {
  const [row] = await as(user, (sql) => sql`select * from public.create_personal_access_token('test', ${scope}, 7)`, {
    commit: true,
  });
  const client = new Client({ name: 'ohm-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers: { Authorization: `Bearer ${row.token}` } },
      fetch: (input, init) => route.POST(new Request(input, init)),
    }),
  );
  return client;
}

type ToolResult = { isError?: boolean; structuredContent?: Record<string, any>; content: { text?: string }[] };
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;

let owner: TestUser;
let writer: Client;
let chatId: string;
const externalService = `mcp-test-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  pointAppAtStack();
  owner = await createUser();
  writer = await connect(owner, 'read_write');
  chatId = (await call(writer, 'create_chat', { title: 'Routed from MCP' })).structuredContent!.chat.id;
  await as('service_role', (sql) => sql`select public.register_agent_service(${externalService})`, { commit: true });
});
afterAll(async () => {
  delete process.env.OHM_AGENT_SERVICES;
  await writer?.close();
  await api.end();
  await admin.end();
});

describe('send_message through the shared answer entry', () => {
  it('routes like the app: an external intent is handed to its service, any other answered by a job of ohm', async () => {
    process.env.OHM_AGENT_SERVICES = `BOM=${externalService}`;
    const handed = await call(writer, 'send_message', {
      chat_id: chatId,
      content: 'Generate the BOM for an ESP32 weather station with a BME280',
    });
    expect(handed.isError, handed.content[0]?.text).toBeFalsy();
    const sent = handed.structuredContent!;
    expect(sent.reply).toBeNull();
    expect(sent.handed_off).toMatchObject({ service: externalService, intent: 'BOM', agent: 'bomGenerator' });
    const [pending] = await admin`select j.status, j.message_id, j.intent, j.agent_name from private.agent_jobs j
      where j.id = ${sent.handed_off.job_id}`;
    expect(pending).toMatchObject({ status: 'pending', message_id: sent.message.id, intent: 'BOM' });

    const answered = await call(writer, 'send_message', { chat_id: chatId, content: 'How does I2C work?' });
    expect(answered.isError, answered.content[0]?.text).toBeFalsy();
    const { reply, message } = answered.structuredContent!;
    expect(reply).toMatchObject({ status: 'complete', agent: 'conversational' });
    const [stored] = await admin`select m.agent_name, m.intent, m.parent_id, m.metadata -> 'route' as route,
      j.status as job_status, s.name as service
      from public.messages m join private.agent_jobs j on j.reply_message_id = m.id
      join private.agent_services s on s.id = j.service_id where m.id = ${reply.id}`;
    expect(stored).toMatchObject({
      agent_name: 'conversational',
      intent: 'CHAT',
      parent_id: message.id,
      job_status: 'complete',
      service: 'ohm',
    });
    expect(stored.route).toMatchObject({ intent: 'CHAT', agent: 'conversational' });
  });
});
