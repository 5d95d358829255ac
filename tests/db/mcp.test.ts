// The MCP server (app/api/mcp) driven by the official SDK's own client, its requests answered by the route handler
// in this process against the real local stack: every tool as a read-write token's user (a real agent turn
// included), the 401 flow and its RFC 9728 metadata, and isolation proven by the database: another user's token
// reaches none of it, and a read token is not shown the write tools and is told it is read-only when it calls one. Nothing is filtered in app code.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { admin, api, as, createUser, type TestUser } from './fixtures.ts';
import { pointAppAtStack } from '../support/app.ts';

vi.mock('server-only', () => ({}));
process.env.OHM_OFFLINE_PACE_MS = '0';
const route = await import('@/app/api/mcp/route');
const metadata = await import('@/app/.well-known/oauth-protected-resource/api/mcp/route');

const endpoint = 'http://127.0.0.1:3999/api/mcp';
const inProcess = (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  return new URL(request.url).pathname.startsWith('/.well-known/') ? metadata.GET(request) : route.POST(request);
};

async function tokenFor(user: TestUser, scope: 'read' | 'read_write') {
  const [row] = await as(user, (sql) => sql`select * from public.create_personal_access_token('test', ${scope}, 7)`, {
    commit: true,
  });
  return row as { token: string; id: string };
}

async function connect(secret?: string) {
  const client = new Client({ name: 'ohm-test', version: '1.0.0' });
  const headers: Record<string, string> = secret ? { Authorization: `Bearer ${secret}` } : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers }, fetch: inProcess }),
  );
  return client;
}

type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text?: string }[] };
async function call(client: Client, name: string, args: Record<string, unknown>) {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}
async function ok<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown>) {
  const result = await call(client, name, args);
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return result.structuredContent as T;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  route.POST(
    new Request(endpoint, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }),
  );

let owner: TestUser;
let ownerClient: Client;
let chatId: string;
let bomId: string;

beforeAll(async () => {
  pointAppAtStack();
  owner = await createUser();
  ownerClient = await connect((await tokenFor(owner, 'read_write')).token);
  const { chat } = await ok<{ chat: { id: string } }>(ownerClient, 'create_chat', { title: 'MCP weather station' });
  chatId = chat.id;
});
afterAll(async () => {
  await ownerClient?.close();
  await api.end();
  await admin.end();
});

describe('the MCP server, as a read-write token’s user', () => {
  it('sends a message that OHM’s agents answer with a BOM, then reads it back with every read tool', async () => {
    type Sent = {
      reply: { id: string; status: string; agent: string; content: string };
      artifact_versions: { type: string }[];
    };
    const ask = {
      chat_id: chatId,
      content: 'Create a BOM for an ESP32 weather station with a BME280',
      idempotency_key: 'mcp-test-ask-1',
    };
    const sent = await ok<Sent>(ownerClient, 'send_message', ask);
    expect(sent.reply).toMatchObject({ status: 'complete', agent: 'bomGenerator' });
    expect(sent.reply.content.length).toBeGreaterThan(20);
    expect(sent.artifact_versions.map((v) => v.type)).toContain('bom');
    // A retry of the same send (a dropped connection, say) is the same message and the same reply, not a second turn.
    const retried = await ok<Sent>(ownerClient, 'send_message', ask);
    expect(retried.reply).toMatchObject({ id: sent.reply.id, status: 'complete' });
    expect(retried.artifact_versions).toEqual(sent.artifact_versions);

    const list = await ok<{ chats: { id: string }[]; next_cursor: string | null }>(ownerClient, 'list_chats', {
      limit: 5,
    });
    expect(list.chats.map((c) => c.id)).toContain(chatId);
    const page = await ok<{ chat: { title: string }; messages: { role: string; content: string }[] }>(
      ownerClient,
      'read_chat',
      { chat_id: chatId },
    );
    expect(page.chat.title).toBe('MCP weather station');
    expect(page.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const found = await ok<{ hits: { chat_id: string }[] }>(ownerClient, 'search_messages', { query: 'BME280' });
    expect(found.hits.map((h) => h.chat_id)).toContain(chatId);

    const { artifacts } = await ok<{ artifacts: { id: string; type: string; current_version: number }[] }>(
      ownerClient,
      'list_artifacts',
      { chat_id: chatId },
    );
    bomId = artifacts.find((a) => a.type === 'bom')!.id;
    const versions = await ok<{ versions: { version_number: number }[] }>(ownerClient, 'list_artifact_versions', {
      artifact_id: bomId,
    });
    expect(versions.versions.map((v) => v.version_number)).toEqual([1]);
    const read = await ok<{ version: { content_json: { lines: unknown[] } } }>(ownerClient, 'read_artifact', {
      artifact_id: bomId,
    });
    expect(read.version.content_json.lines.length).toBeGreaterThan(1);
    const csv = await ok<{ filename: string; csv: string }>(ownerClient, 'export_bom', {
      chat_id: chatId,
      profile: 'jlcpcb',
    });
    expect(csv.filename).toBe('bom-v1-jlcpcb.csv');
    expect(csv.csv.split('\r\n')[0]).toBe('Comment,Designator,Footprint,LCSC Part #');
  });

  it('adds an artifact version at the expected version, and refuses a stale one without writing', async () => {
    const { version } = await ok<{ version: { content_json: unknown } }>(ownerClient, 'read_artifact', {
      artifact_id: bomId,
    });
    const added = await ok<{ version_number: number }>(ownerClient, 'add_artifact_version', {
      artifact_id: bomId,
      expected_version: 1,
      change_summary: 'Same parts, edited in my IDE',
      content_json: version.content_json,
    });
    expect(added.version_number).toBe(2);
    const stale = await call(ownerClient, 'add_artifact_version', {
      artifact_id: bomId,
      expected_version: 1,
      change_summary: 'Written from an old copy',
      content_json: version.content_json,
    });
    expect(stale.isError).toBe(true);
    expect(stale.content[0].text).toMatch(/^conflict:artifact: .*no longer at version 1/);
    const misshapen = await call(ownerClient, 'add_artifact_version', {
      artifact_id: bomId,
      expected_version: 2,
      change_summary: 'Not a BOM',
      content_json: { lines: 'many' },
    });
    expect(misshapen.content[0].text).toMatch(/^bad_request:artifact: content_json does not match the bom shape/);
    const [row] = await admin`select total_versions from public.artifacts where id = ${bomId}`;
    expect(row.total_versions).toBe(2);
  });
});

describe('authorisation', () => {
  it('answers a request without a token 401, pointing at RFC 9728 metadata that names the resource', async () => {
    await expect(connect()).rejects.toThrow(/401|unauthorized/i);
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate')!;
    expect(challenge).toBe(
      'Bearer resource_metadata="http://127.0.0.1:3999/.well-known/oauth-protected-resource/api/mcp"',
    );
    const described = await (await inProcess(challenge.match(/"(.+)"/)![1])).json();
    expect(described).toMatchObject({ resource: endpoint, bearer_methods_supported: ['header'] });
  });

  it('answers revoked, expired and unknown tokens 401 invalid_token, each saying why', async () => {
    const user = await createUser();
    const revoked = await tokenFor(user, 'read_write');
    await as(user, (sql) => sql`select public.revoke_personal_access_token(${revoked.id})`, { commit: true });
    const expired = await tokenFor(user, 'read_write');
    await admin`update public.personal_access_tokens set created_at = now() - interval '8 days',
      expires_at = now() - interval '1 day' where id = ${expired.id}`;
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    for (const [secret, why] of [
      [revoked.token, /revoked/],
      [expired.token, /expired/],
      ['ohm_pat_not-a-token', /not valid/],
    ] as const) {
      const response = await post(body, { authorization: `Bearer ${secret}` });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect((await response.json()).message).toMatch(why);
    }
    await expect(connect(revoked.token)).rejects.toThrow();
  });

  it('gives another user’s token none of the owner’s chats, artifacts or writes: RLS says not found', async () => {
    const stranger = await createUser();
    const client = await connect((await tokenFor(stranger, 'read_write')).token);
    const notFound = async (name: string, args: Record<string, unknown>) => {
      const result = await call(client, name, args);
      expect(result.isError, name).toBe(true);
      expect(result.content[0].text, name).toMatch(/^not_found:(chat|artifact)/);
    };
    await notFound('read_chat', { chat_id: chatId });
    await notFound('list_artifacts', { chat_id: chatId });
    await notFound('list_artifact_versions', { artifact_id: bomId });
    await notFound('read_artifact', { artifact_id: bomId });
    await notFound('export_bom', { chat_id: chatId });
    await notFound('add_artifact_version', {
      artifact_id: bomId,
      expected_version: 2,
      change_summary: 'Not mine',
      content: 'x',
    });
    await notFound('send_message', { chat_id: chatId, content: 'Replace the BME280' });
    expect((await ok<{ chats: unknown[] }>(client, 'list_chats', {})).chats).toEqual([]);
    expect((await ok<{ hits: unknown[] }>(client, 'search_messages', { query: 'BME280' })).hits).toEqual([]);
    const [chat] = await admin`select message_count from public.chats where id = ${chatId}`;
    const [bom] = await admin`select total_versions from public.artifacts where id = ${bomId}`;
    expect([Number(chat.message_count), bom.total_versions]).toEqual([2, 2]);
    await client.close();
  });

  it('lists and runs only the read tools for a read token: a write tool is refused and writes nothing', async () => {
    const reader = await connect((await tokenFor(owner, 'read')).token);
    const { tools } = await reader.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'export_bom',
      'list_artifact_versions',
      'list_artifacts',
      'list_chats',
      'read_artifact',
      'read_chat',
      'search_messages',
    ]);
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    expect((await ok<{ chats: { id: string }[] }>(reader, 'list_chats', {})).chats.map((c) => c.id)).toContain(chatId);
    const before = await admin`select count(*)::int as n from public.chats where user_id = ${owner.id}`;
    for (const [name, args] of [
      ['create_chat', { title: 'Sneaky' }],
      ['send_message', { chat_id: chatId, content: 'hi' }],
      ['add_artifact_version', { artifact_id: bomId, expected_version: 2, change_summary: 'x', content: 'x' }],
    ] as const) {
      const refused = await call(reader, name, args);
      expect(refused.isError, name).toBe(true);
      // Told why and what to do, as the tool error the SDK gives any failing tool, not "Tool … not found".
      expect(refused.content[0].text).toBe(
        `forbidden:token: This token is read-only, so it cannot call ${name}. Create a token with the "read and write" scope at http://127.0.0.1:3999/settings/tokens and use that one.`,
      );
    }
    const after = await admin`select count(*)::int as n from public.chats where user_id = ${owner.id}`;
    const [bom] = await admin`select total_versions from public.artifacts where id = ${bomId}`;
    expect([after[0].n, bom.total_versions]).toEqual([before[0].n, 2]);
    await reader.close();
  });
});

describe('the HTTP edge', () => {
  it('answers what is not JSON-RPC with the errors the spec names, too large a body 413, foreign hosts 403', async () => {
    const auth = { authorization: `Bearer ${(await tokenFor(owner, 'read')).token}` };
    const notJson = await post('{"jsonrpc": "2.0", ', auth);
    expect([notJson.status, (await notJson.json()).error.code]).toEqual([400, -32700]);
    const notRpc = await post(JSON.stringify({ hello: 'world' }), auth);
    expect([notRpc.status, (await notRpc.json()).error.code]).toEqual([400, -32600]);
    const huge = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x', params: { pad: 'x'.repeat(1_100_000) } }),
      auth,
    );
    expect([huge.status, (await huge.json()).error.code]).toEqual([413, -32600]);
    const rebound = await post('{}', { ...auth, host: 'evil.example' });
    expect(rebound.status).toBe(403);
    const crossSite = await post('{}', { ...auth, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });
});
