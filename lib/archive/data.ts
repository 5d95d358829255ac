// Server-only access to archived chats (the cold_chat_archive migration): whether a chat's messages are in the
// archive bucket, and bringing them back when its owner opens it. Always as the signed-in user: RLS lets only the
// owner read the archive row and the object, and the database accepts back only the bytes that left.
import 'server-only';
import { gunzipSync } from 'node:zlib';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';

/** The archive of the chat when its messages are in cold storage now (null: they are in the hot table). */
export async function getChatArchive({ chatId }: { chatId: string }): Promise<{ messageCount: number } | null> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('chat_archives')
    .select('message_count')
    .eq('chat_id', chatId)
    .not('stored_at', 'is', null)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'chat');
  return data ? { messageCount: data.message_count } : null;
}

/** Moves the chat's messages back into the hot table; a chat already restored (another tab did it) is fine. */
export async function restoreArchivedChat({ chatId }: { chatId: string }): Promise<void> {
  const supabase = await createClient();
  const { data: archive, error } = await supabase
    .from('chat_archives')
    .select('object_path')
    .eq('chat_id', chatId)
    .not('stored_at', 'is', null)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'chat');
  if (!archive) return;
  const { data: object, error: downloadError } = await supabase.storage.from('archive').download(archive.object_path);
  if (downloadError || !object) throw new OhmError('unavailable:chat', undefined, { cause: downloadError });
  const jsonl = gunzipSync(Buffer.from(await object.arrayBuffer())).toString('utf8');
  const { error: restoreError } = await supabase.rpc('restore_archived_chat', { p_chat_id: chatId, p_jsonl: jsonl });
  // PT404: restored meanwhile by another tab.
  if (restoreError && restoreError.code !== 'PT404') throw fromPostgrestError(restoreError, 'chat');
}
