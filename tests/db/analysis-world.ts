// The attachment-analysis route tests' world: guests with supabase-js sessions, chats with a question, attachments
// uploaded with storage-js and recorded as the user, the weather station's wiring saved on the agents' path, and the
// route called with the user's session (the tests replace lib/supabase/server's cookie plumbing by `setUser`).
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { rowsForWrite } from '@/lib/agents/design/rows';
import { attachmentLimits, bucketFor, type AttachmentType } from '@/lib/attachments/rules';
import type { Database, Json } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import { weatherStationBom, weatherStationBomV1 } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationWiring } from '../unit/fixtures/weather-station-wiring.ts';

export type Client = SupabaseClient<Database>;
type Post = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

export async function callRoute(post: Post, setUser: (client: Client) => void, client: Client, id: string) {
  setUser(client);
  const response = await post(
    new Request(`http://localhost/api/attachments/${id}/analyse`, {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}
export async function userId(client: Client) {
  return (await client.auth.getUser()).data.user!.id;
}

export async function chatWithQuestion(client: Client) {
  const { data: chat } = await client.from('chats').insert({ title: 'New chat' }).select('id').single();
  const { data: question, error } = await client
    .rpc('append_message', { p_chat_id: chat!.id, p_content: 'Here is my file' })
    .single();
  if (error) throw error;
  return { chatId: chat!.id, messageId: (question as { id: string }).id };
}

export async function attach(
  client: Client,
  chat: { chatId: string; messageId: string },
  file: {
    name: string;
    type: string;
    bytes: Uint8Array | null;
    category?: Database['public']['Enums']['attachment_category'];
  },
) {
  const path = `${await userId(client)}/${chat.chatId}/${randomUUID()}-${file.name}`;
  // Each kind in its own bucket, as the composer uploads it.
  const bucket = file.type in attachmentLimits ? bucketFor(file.type as AttachmentType) : 'attachments';
  if (file.bytes) {
    const { error } = await client.storage.from(bucket).upload(path, file.bytes, { contentType: file.type });
    if (error) throw error;
  }
  const { data, error } = await client
    .from('attachments')
    .insert({
      chat_id: chat.chatId,
      message_id: chat.messageId,
      user_id: await userId(client),
      filename: file.name,
      file_type: file.type,
      file_size: file.bytes?.length ?? 1000,
      storage_bucket: bucket,
      storage_path: path,
      category: file.category ?? 'datasheet',
    })
    .select('id, storage_path')
    .single();
  if (error) throw error;
  return data;
}

/** The weather station's BOM v1, v2 and wiring v1 (built from BOM v2), saved on the agents' path. */
export async function giveWiring(chatId: string) {
  const service = createServiceClient();
  const write = async (
    type: 'bom' | 'wiring',
    contentJson: unknown,
    base: { artifactId: string; expectedVersion: number } | null,
  ) => {
    const { data: reply } = await service
      .from('messages')
      .insert({ chat_id: chatId, role: 'assistant', content: '', status: 'streaming', agent_name: 'bomGenerator' })
      .select('id')
      .single();
    const turn = {
      content: `Here is the ${type}.`,
      agent: { name: 'bomGenerator', model: 'ohm/offline-1', icon: '🧾' },
      intent: type === 'bom' ? 'BOM' : 'WIRING',
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      project: { name: 'Weather station', goal: 'weather', budget: null },
      writes: [
        {
          type,
          title: type,
          base,
          content: type,
          contentJson,
          changeSummary: 'v',
          ...rowsForWrite({ type, contentJson }),
        },
      ],
      stale: [],
    };
    const { data, error } = await service.rpc('complete_agent_turn', {
      p_chat_id: chatId,
      p_message_id: reply!.id,
      p_turn: turn as unknown as Json,
    });
    if (error) throw error;
    return (data as { versions: Array<{ artifactId: string }> }).versions[0].artifactId;
  };
  const bom = await write('bom', weatherStationBomV1, null);
  await write('bom', weatherStationBom, { artifactId: bom, expectedVersion: 1 });
  await write('wiring', weatherStationWiring, null);
}

export const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
