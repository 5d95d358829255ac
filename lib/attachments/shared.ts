// Attachments seen through a share link, as its token (a storage policy reads the token header; see
// 20261201120750_shared_chats_show_their_attachments): what the snapshot shows, fresh signed URLs for its files,
// and the copies a fork makes of them. Server only; data.ts re-exports these for the pages and routes.
import 'server-only';
import { z } from 'zod';
import { fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import type { AttachmentVariant, AttachmentView } from './types';

/** Signed URLs live this long: the routes issue a fresh one per request, so a revoked share ends within it. */
export const signedUrlSeconds = 30;

const sharedAttachmentSchema = z.object({
  // Rows from before each kind had its bucket are all in `attachments`.
  storage_bucket: z.string().default('attachments'),
  storage_path: z.string(),
  thumbnail_path: z.string().nullable(),
});
const validToken = (token: string) => /^[A-Za-z0-9_-]{20,200}$/.test(token);

/** The attachments a share's snapshot shows (none for a token that opens nothing). */
export async function getSharedAttachments({ token }: { token: string }): Promise<AttachmentView[]> {
  if (!validToken(token)) return [];
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('get_shared_attachments', { p_token: token });
  if (error) throw fromPostgrestError(error, 'share');
  return data as unknown as AttachmentView[];
}

/**
 * A fresh signed URL for a file a share shows, asked for with the token (the storage policy checks it on this
 * very request, so a revoked share gets nothing); null for anything the token does not show.
 */
export async function signSharedAttachmentUrl({
  token,
  attachmentId,
  variant,
}: {
  token: string;
  attachmentId: string;
  variant: AttachmentVariant;
}): Promise<string | null> {
  if (!validToken(token)) return null;
  const supabase = await createClient({ headers: { 'x-ohm-share-token': token } });
  const { data, error } = await supabase.rpc('get_shared_attachment', {
    p_token: token,
    p_attachment_id: attachmentId,
  });
  if (error) throw fromPostgrestError(error, 'share');
  const shown = sharedAttachmentSchema.safeParse(data);
  if (!shown.success) return null;
  const path = variant === 'thumb' ? shown.data.thumbnail_path : shown.data.storage_path;
  if (!path) return null;
  const { data: signed } = await supabase.storage
    .from(shown.data.storage_bucket)
    .createSignedUrl(path, signedUrlSeconds);
  return signed?.signedUrl ?? null;
}

/**
 * Copies the bytes of a fork's attachments (fork_chat copied their rows, each naming its source in
 * metadata.copied_from) with the forker's session and the share token, which lets Storage read the snapshot's
 * files. A copy that fails leaves the row without bytes: the card shows the file as unavailable.
 */
export async function copyForkedAttachments({ chatId, token }: { chatId: string; token: string }): Promise<void> {
  const supabase = await createClient({ headers: { 'x-ohm-share-token': token } });
  const { data } = await supabase
    .from('attachments')
    .select('storage_bucket, storage_path, thumbnail_path, metadata')
    .eq('chat_id', chatId);
  for (const row of data ?? []) {
    // The copy stays in the source's bucket (fork_chat_attachments copied the row's storage_bucket).
    const files = supabase.storage.from(row.storage_bucket);
    const meta = row.metadata as { copied_from?: string; thumbnail_copied_from?: string | null };
    if (meta.copied_from) await files.copy(meta.copied_from, row.storage_path);
    if (meta.thumbnail_copied_from && row.thumbnail_path)
      await files.copy(meta.thumbnail_copied_from, row.thumbnail_path);
  }
}
