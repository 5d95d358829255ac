// OHM's MCP tools on the official SDK's McpServer, one server per request (the route is stateless). Every tool runs
// with the caller's own client, so RLS decides what it reaches; a read-scoped token gets a server with the read
// tools only, so the write tools are not listed (a call of one is answered by lib/mcp/scope: the token is read-only). Inputs are zod schemas (the SDK checks them and
// publishes them as JSON Schema); a failure is a tool error with OhmError's message, never a stack trace.
import 'server-only';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { chatTitleSchema } from '@/lib/chats/schemas';
import { OhmError } from '@/lib/errors';
import { bomCsvProfiles } from '@/lib/exports/bom-csv';
import { maxMessageLength } from '@/lib/messages/schemas';
import type { McpCaller } from './auth';
import * as data from './data';
import { sendMessageAs } from './reply';
import type { writeToolNames } from './scope';

const uuid = (what: string) => z.string().uuid(`${what} must be a UUID`);
const readOnly = { readOnlyHint: true, destructiveHint: false, openWorldHint: false } as const;
const writes = { readOnlyHint: false, destructiveHint: false, openWorldHint: false } as const;

async function answer(work: () => Promise<object>): Promise<CallToolResult> {
  try {
    const result = (await work()) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
  } catch (error) {
    const failure =
      error instanceof OhmError ? error : new OhmError('unavailable:database', undefined, { cause: error });
    if (!(error instanceof OhmError)) console.error('MCP tool failed', error);
    return { isError: true, content: [{ type: 'text', text: `${failure.code}: ${failure.message}` }] };
  }
}

export function createOhmMcpServer(caller: McpCaller): McpServer {
  const { client } = caller;
  const server = new McpServer({ name: 'ohm', version: '1.0.0' }, { capabilities: { tools: {} } });

  server.registerTool(
    'list_chats',
    {
      title: 'List chats',
      description: 'Your chats, most recent activity first, a page at a time (pass next_cursor for the next page).',
      inputSchema: {
        cursor: z.string().max(500).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        archived: z.boolean().default(false),
      },
      annotations: readOnly,
    },
    (input) => answer(() => data.listChatsAs({ client, ...input })),
  );
  server.registerTool(
    'read_chat',
    {
      title: 'Read a chat',
      description:
        'A page of a chat’s active branch, oldest first: the newest messages, or those before before_sequence (pass next_before for the page before).',
      inputSchema: {
        chat_id: uuid('chat_id'),
        before_sequence: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(100).default(50),
      },
      annotations: readOnly,
    },
    ({ chat_id, before_sequence, limit }) =>
      answer(() => data.readChatPageAs({ client, chatId: chat_id, beforeSequence: before_sequence, limit })),
  );
  server.registerTool(
    'search_messages',
    {
      title: 'Search messages',
      description: 'Full-text search over every message of yours, best matches first, with highlighted snippets.',
      inputSchema: {
        query: z.string().trim().min(1).max(1000),
        limit: z.number().int().min(1).max(50).default(20),
        cursor: z.string().max(200).optional(),
      },
      annotations: readOnly,
    },
    (input) => answer(() => data.searchMessagesAs({ client, ...input })),
  );
  server.registerTool(
    'list_artifacts',
    {
      title: 'List artifacts',
      description: 'The artifacts of a chat (context, BOM, wiring, code, …) with their current version.',
      inputSchema: { chat_id: uuid('chat_id') },
      annotations: readOnly,
    },
    ({ chat_id }) => answer(() => data.listArtifactsAs({ client, chatId: chat_id })),
  );
  server.registerTool(
    'list_artifact_versions',
    {
      title: 'List artifact versions',
      description: 'Every version of an artifact, newest first, with its change summary.',
      inputSchema: { artifact_id: uuid('artifact_id') },
      annotations: readOnly,
    },
    ({ artifact_id }) => answer(() => data.listArtifactVersionsAs({ client, artifactId: artifact_id })),
  );
  server.registerTool(
    'read_artifact',
    {
      title: 'Read an artifact version',
      description: 'One version of an artifact (the current one unless version is given): its text and JSON content.',
      inputSchema: { artifact_id: uuid('artifact_id'), version: z.number().int().positive().optional() },
      annotations: readOnly,
    },
    ({ artifact_id, version }) =>
      answer(() => data.readArtifactVersionAs({ client, artifactId: artifact_id, version })),
  );
  server.registerTool(
    'export_bom',
    {
      title: 'Export a BOM as CSV',
      description:
        'The chat’s bill of materials as CSV: universal (spreadsheets), kicad or jlcpcb (assembly) profile; the current version unless version is given.',
      inputSchema: {
        chat_id: uuid('chat_id'),
        profile: z.enum(bomCsvProfiles).default('universal'),
        version: z.number().int().positive().optional(),
      },
      annotations: readOnly,
    },
    ({ chat_id, profile, version }) => answer(() => data.exportBomAs({ client, chatId: chat_id, profile, version })),
  );
  if (caller.scope === 'read_write') registerWriteTools(server, caller);
  return server;
}

function registerWriteTools(server: McpServer, { client }: McpCaller) {
  const name = (tool: (typeof writeToolNames)[number]) => tool;
  server.registerTool(
    name('create_chat'),
    {
      title: 'Create a chat',
      description: 'A new, empty chat (optionally titled, optionally in one of your projects). Then send_message.',
      inputSchema: { title: chatTitleSchema.optional(), project_id: uuid('project_id').optional() },
      annotations: writes,
    },
    ({ title, project_id }) => answer(() => data.createChatAs({ client, title, projectId: project_id })),
  );
  server.registerTool(
    name('send_message'),
    {
      title: 'Send a message',
      description:
        'Sends your message to a chat and waits for OHM’s agents to answer it, routed as in the app (they may write artifact versions: a BOM, wiring, code; a request handed to an external agent service answers with handed_off, its job, and the reply appears in read_chat). idempotency_key makes a retry the same message.',
      inputSchema: {
        chat_id: uuid('chat_id'),
        content: z.string().trim().min(1).max(maxMessageLength),
        idempotency_key: z.string().min(8).max(100).optional(),
      },
      annotations: { ...writes, openWorldHint: true },
    },
    ({ chat_id, content, idempotency_key }) =>
      answer(() =>
        sendMessageAs({ client, chatId: chat_id, content, idempotencyKey: idempotency_key ?? `mcp:${randomUUID()}` }),
      ),
  );
  server.registerTool(
    name('add_artifact_version'),
    {
      title: 'Add an artifact version',
      description:
        'Adds a version to an artifact. expected_version must be its current version (read_artifact): if someone wrote a newer one first, nothing is saved and the error says so. content_json is checked against the artifact type’s shape.',
      inputSchema: {
        artifact_id: uuid('artifact_id'),
        expected_version: z.number().int().positive(),
        change_summary: z.string().trim().min(1).max(500),
        content: z.string().max(200_000).optional(),
        content_json: z.unknown().optional(),
      },
      annotations: writes,
    },
    ({ artifact_id, expected_version, change_summary, content, content_json }) =>
      answer(async () => {
        if (content === undefined && content_json === undefined)
          throw new OhmError('bad_request:artifact', 'A version needs content, content_json or both.');
        return data.addArtifactVersionAs({
          client,
          artifactId: artifact_id,
          expectedVersion: expected_version,
          content,
          contentJson: content_json,
          changeSummary: change_summary,
        });
      }),
  );
}
