// What the MCP tools read and write, always through the caller's own client (lib/mcp/auth: a JWT for the token's
// user), so RLS decides every row: another user's chat or artifact is "not found", never filtered here.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { z } from 'zod';
import { contentSchemaByType } from '@/lib/agents/design/contract';
import { selectChatListPage } from '@/lib/chats/queries';
import { chatCursorSchema, type ChatCursor } from '@/lib/chats/schemas';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { exportBomCsv, type BomCsvProfile } from '@/lib/exports/bom-csv';
import { toBranchPage } from '@/lib/messages/rows';
import type { Database } from '@/lib/supabase/database.types';
import type { Bom } from '@/lib/agents/design/contract';

type Client = SupabaseClient<Database>;
type ArtifactType = Database['public']['Enums']['artifact_type'];

const chatMissing = () => new OhmError('not_found:chat');
const artifactMissing = () =>
  new OhmError('not_found:artifact', 'This artifact does not exist or you do not have access to it.');

export const encodeCursor = (cursor: ChatCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
export function decodeCursor(text: string): ChatCursor {
  try {
    return chatCursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new OhmError('bad_request:chat', 'That cursor is not one list_chats returned.');
  }
}

export async function listChatsAs({
  client,
  cursor,
  limit,
  archived,
}: {
  client: Client;
  cursor?: string;
  limit: number;
  archived: boolean;
}) {
  const { data, error } = await selectChatListPage(client, {
    cursor: cursor ? decodeCursor(cursor) : null,
    limit,
    archived,
  });
  if (error) throw fromPostgrestError(error, 'chat');
  return { chats: data.chats, next_cursor: data.next ? encodeCursor(data.next) : null };
}

async function requireChat(client: Client, chatId: string) {
  const { data, error } = await client
    .from('chats')
    .select('id, title, project_id, message_count, last_message_at')
    .eq('id', chatId)
    .is('deleted_at', null)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'chat');
  if (!data) throw chatMissing();
  return data;
}

/** A page of the chat's active branch, oldest first; `next_before` reads the page before it. */
export async function readChatPageAs({
  client,
  chatId,
  beforeSequence,
  limit,
}: {
  client: Client;
  chatId: string;
  beforeSequence?: number;
  limit: number;
}) {
  const chat = await requireChat(client, chatId);
  const { data, error } = await client.rpc('get_chat_page', {
    p_chat_id: chatId,
    p_before_sequence: beforeSequence,
    p_limit: limit,
  });
  if (error) throw fromPostgrestError(error, 'chat', { not_found: chatMissing() });
  const messages = toBranchPage(data).map((m) => ({
    id: m.id,
    sequence_number: m.sequence_number,
    role: m.role,
    content: m.content,
    agent_name: m.agent_name,
    intent: m.intent,
    status: m.status,
    created_at: m.created_at,
  }));
  const first = messages[0];
  return { chat, messages, next_before: messages.length === limit && first ? first.sequence_number : null };
}

export async function searchMessagesAs({
  client,
  query,
  limit,
  cursor,
}: {
  client: Client;
  query: string;
  limit: number;
  cursor?: string;
}) {
  const { data, error } = await client.rpc('search_messages', { p_query: query, p_limit: limit, p_cursor: cursor });
  if (error) throw fromPostgrestError(error, 'search');
  const hits = data.map((h) => ({
    message_id: h.message_id,
    chat_id: h.chat_id,
    chat_title: h.chat_title,
    sequence_number: h.sequence_number,
    role: h.role,
    agent_name: h.agent_name,
    created_at: h.created_at,
    snippet: h.snippet,
  }));
  return { hits, next_cursor: data.length === limit ? (data.at(-1)?.cursor ?? null) : null };
}

const artifactColumns = 'id, chat_id, project_id, type, title, current_version, total_versions, updated_at';

export async function listArtifactsAs({ client, chatId }: { client: Client; chatId: string }) {
  await requireChat(client, chatId);
  const { data, error } = await client
    .from('artifacts')
    .select(artifactColumns)
    .eq('chat_id', chatId)
    .order('updated_at', { ascending: false })
    .limit(100);
  if (error) throw fromPostgrestError(error, 'artifact');
  return { artifacts: data };
}

async function requireArtifact(client: Client, artifactId: string) {
  const { data, error } = await client.from('artifacts').select(artifactColumns).eq('id', artifactId).maybeSingle();
  if (error) throw fromPostgrestError(error, 'artifact');
  if (!data) throw artifactMissing();
  return data;
}

export async function listArtifactVersionsAs({ client, artifactId }: { client: Client; artifactId: string }) {
  const artifact = await requireArtifact(client, artifactId);
  const { data, error } = await client
    .from('artifact_versions')
    .select('version_number, change_summary, created_at, created_by_message_id')
    .eq('artifact_id', artifactId)
    .order('version_number', { ascending: false })
    .limit(200);
  if (error) throw fromPostgrestError(error, 'artifact');
  return { artifact, versions: data };
}

/** One version (the current one unless `version` is given) with its text and JSON content. */
export async function readArtifactVersionAs({
  client,
  artifactId,
  version,
}: {
  client: Client;
  artifactId: string;
  version?: number;
}) {
  const artifact = await requireArtifact(client, artifactId);
  const number = version ?? artifact.current_version;
  const { data, error } = await client
    .from('artifact_versions')
    .select('version_number, content, content_json, change_summary, created_at, created_by_message_id')
    .eq('artifact_id', artifactId)
    .eq('version_number', number)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'artifact');
  if (!data) throw new OhmError('not_found:artifact', `${artifact.title} has no version ${number}.`);
  return { artifact, version: data };
}

export async function createChatAs({
  client,
  title,
  projectId,
}: {
  client: Client;
  title?: string;
  projectId?: string;
}) {
  const { data, error } = await client
    .from('chats')
    .insert({ title, project_id: projectId })
    .select('id, title, project_id, created_at')
    .single();
  // A project id that is not the caller's is refused by RLS on chats (its check reads the project as the caller).
  if (error) throw fromPostgrestError(error, 'chat', { forbidden: 'That project does not exist or is not yours.' });
  return { chat: data };
}

/** Checks JSON content against the artifact type's contract, as the agents' own writes are checked. */
function checkContent(type: ArtifactType, contentJson: unknown) {
  if (contentJson === undefined) return undefined;
  const schema = (contentSchemaByType as Partial<Record<ArtifactType, z.ZodType>>)[type];
  if (!schema) return contentJson;
  const parsed = schema.safeParse(contentJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OhmError(
      'bad_request:artifact',
      `content_json does not match the ${type} shape at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

export async function addArtifactVersionAs({
  client,
  artifactId,
  expectedVersion,
  content,
  contentJson,
  changeSummary,
}: {
  client: Client;
  artifactId: string;
  expectedVersion: number;
  content?: string;
  contentJson?: unknown;
  changeSummary: string;
}) {
  const artifact = await requireArtifact(client, artifactId);
  const { data, error } = await client.rpc('add_artifact_version', {
    p_artifact_id: artifactId,
    p_expected_version: expectedVersion,
    p_content: content ?? (null as never),
    p_content_json: (checkContent(artifact.type, contentJson) ?? null) as never,
    p_change_summary: changeSummary,
  });
  if (error)
    throw fromPostgrestError(error, 'artifact', {
      not_found: artifactMissing(),
      conflict: `${artifact.title} is no longer at version ${expectedVersion}: read it again and retry with its current version.`,
    });
  return { artifact_id: artifactId, version_number: data.version_number, created_at: data.created_at };
}

/** The CSV of a chat's BOM (its current version unless `version` is given), in one of the export profiles. */
export async function exportBomAs({
  client,
  chatId,
  version,
  profile,
}: {
  client: Client;
  chatId: string;
  version?: number;
  profile: BomCsvProfile;
}) {
  await requireChat(client, chatId);
  const { data: bom, error } = await client
    .from('artifacts')
    .select('id')
    .eq('chat_id', chatId)
    .eq('type', 'bom')
    .order('updated_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'export');
  const read = bom ? await readArtifactVersionAs({ client, artifactId: bom.id, version }) : null;
  const file = exportBomCsv({
    bom: read ? { version: read.version.version_number, json: read.version.content_json as Bom } : null,
    profile,
  });
  return { filename: file.filename, content_type: file.contentType, csv: new TextDecoder().decode(file.bytes) };
}
