// Server-only data access for attachments, always as the signed-in user (RLS on public.attachments and on
// storage.objects; each kind in its own bucket, rules.ts), a share's reads in shared.ts. The bytes never pass
// through the app on their way in: the browser uploads them, this module reads them back once to check their
// content, and removes what it refuses.
import 'server-only';
import { createChat } from '@/lib/chats/data';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { toChatMessage } from '@/lib/messages/rows';
import type { ChatMessage } from '@/lib/messages/types';
import type { Json } from '@/lib/supabase/database.types';
import { createClient } from '@/lib/supabase/server';
import { inspectBytes } from './inspect';
import {
  attachmentLimits,
  bucketFor,
  claimedTypeFor,
  displayName,
  escapedOriginalName,
  parseAttachmentKey,
  sizeRefusal,
  thumbnailKey,
  type AttachmentBucket,
  type AttachmentType,
} from './rules';
import { signedUrlSeconds } from './shared';
import type { AttachmentVariant, AttachmentView, CheckedUpload } from './types';

export { copyForkedAttachments, getSharedAttachments, signedUrlSeconds, signSharedAttachmentUrl } from './shared';

/** The bucket of an upload's key, by the type its name claims (the browser uploaded it there by the same rule). */
function bucketOfKey(storagePath: string): AttachmentBucket | null {
  const type = claimedTypeFor(parseAttachmentKey(storagePath)?.name ?? '');
  return type ? bucketFor(type) : null;
}

export type AttachmentDraft = {
  storage_bucket: AttachmentBucket;
  storage_path: string;
  thumbnail_path: string | null;
  filename: string;
  file_type: AttachmentType;
  file_size: number;
  category: string;
  metadata: { [key: string]: Json | undefined };
};

// At most two files are read back and checked at a time in this process, so memory holds two files (each within its
// type's limit) however many arrive together; the others wait their turn.
let checking = 0;
const waiting: Array<() => void> = [];
async function oneOfTwo<T>(work: () => Promise<T>): Promise<T> {
  if (checking >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  checking++;
  try {
    return await work();
  } finally {
    checking--;
    waiting.shift()?.();
  }
}

async function removeObjects(bucket: AttachmentBucket, paths: string[]) {
  const supabase = await createClient();
  await supabase.storage.from(bucket).remove(paths);
}

/**
 * Reads an uploaded object back and checks it by content (inspect.ts); makes the thumbnail of an image. A refused
 * file is removed from Storage before the refusal is thrown. `storagePath` must be in the caller's folder for
 * this chat (the key attachmentKey made).
 */
export async function inspectAttachment({
  userId,
  chatId,
  storagePath,
  name,
}: {
  userId: string;
  chatId: string;
  storagePath: string;
  name: string;
}): Promise<{ draft: AttachmentDraft; upload: CheckedUpload }> {
  const key = parseAttachmentKey(storagePath);
  const claimed = claimedTypeFor(key?.name ?? '');
  if (!key || !claimed || key.userId !== userId || key.chatId !== chatId)
    throw new OhmError('bad_request:upload', 'That upload is not in this chat. Attach the file again.');
  const bucket = bucketFor(claimed);
  const supabase = await createClient();
  const files = supabase.storage.from(bucket);
  const { data: info } = await files.info(storagePath);
  if (!info) throw new OhmError('not_found:upload', 'That upload is gone. Attach the file again.');
  // The bucket already refused anything over its kind's limit; this reads nothing back that could not pass.
  const size = Number(info.size ?? 0);
  if (size > attachmentLimits[claimed].bytes) {
    await removeObjects(bucket, [storagePath]);
    throw new OhmError('too_large:upload', sizeRefusal(claimed, size));
  }
  const inspection = await oneOfTwo(async () => {
    const { data: blob, error } = await files.download(storagePath);
    if (error || !blob) throw new OhmError('unavailable:database', 'Could not read the upload back. Try again.');
    try {
      return await inspectBytes(Buffer.from(await blob.arrayBuffer()), info.contentType ?? blob.type ?? null);
    } catch (refusal) {
      await removeObjects(bucket, [storagePath]);
      throw refusal;
    }
  });
  let thumbnailPath: string | null = null;
  if (inspection.thumbnail) {
    thumbnailPath = thumbnailKey(storagePath);
    const { error: thumbError } = await files.upload(thumbnailPath, inspection.thumbnail, {
      contentType: 'image/webp',
      upsert: true,
    });
    if (thumbError) thumbnailPath = null; // the card falls back to an icon; the file itself is fine
  }
  const filename = displayName(name);
  return {
    draft: {
      storage_bucket: bucket,
      storage_path: storagePath,
      thumbnail_path: thumbnailPath,
      filename,
      file_type: inspection.fileType,
      file_size: inspection.size,
      category: inspection.category,
      metadata: { original_name: escapedOriginalName(name), ...inspection.facts },
    },
    upload: {
      storagePath,
      name: filename,
      fileType: inspection.fileType,
      size: inspection.size,
      facts: inspection.facts,
    },
  };
}

/** Removes an upload the user took back before sending (and its thumbnail). */
export async function removeUpload({ userId, storagePath }: { userId: string; storagePath: string }) {
  const key = parseAttachmentKey(storagePath);
  const bucket = bucketOfKey(storagePath);
  if (!key || !bucket || key.userId !== userId) throw new OhmError('bad_request:upload', 'That upload is not yours.');
  await removeObjects(bucket, [storagePath, thumbnailKey(storagePath)]);
}

/** Saves the message and its attachment rows in one transaction; a retry with the same key returns the same row. */
export async function appendMessageWithAttachments({
  chatId,
  content,
  idempotencyKey,
  parentId,
  attachments,
}: {
  chatId: string;
  content: string;
  idempotencyKey: string;
  parentId?: string;
  attachments: AttachmentDraft[];
}): Promise<ChatMessage> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('append_message_with_attachments', {
    p_chat_id: chatId,
    p_content: content,
    p_idempotency_key: idempotencyKey,
    p_parent_id: parentId,
    p_attachments: attachments,
  });
  if (error)
    throw fromPostgrestError(error, 'message', {
      not_found: new OhmError('not_found:chat'),
      rate_limit: 'You are uploading files too fast. Wait a while and try again.',
    });
  return toChatMessage(data);
}

const columns =
  'id, message_id, filename, file_type, file_size, category, processing_status, analysis, processing_error, thumbnail_path, metadata';

type AttachmentRow = Omit<AttachmentView, 'has_thumbnail'> & { thumbnail_path: string | null };
const toView = ({ thumbnail_path, ...row }: AttachmentRow): AttachmentView => ({
  ...row,
  has_thumbnail: thumbnail_path !== null,
});

/** The attachments of these messages, by message id (messages without any are absent). */
export async function listMessageAttachments({
  messageIds,
}: {
  messageIds: string[];
}): Promise<Record<string, AttachmentView[]>> {
  if (messageIds.length === 0) return {};
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('attachments')
    .select(columns)
    .in('message_id', messageIds)
    .order('created_at');
  if (error) throw fromPostgrestError(error, 'upload');
  const byMessage: Record<string, AttachmentView[]> = {};
  for (const row of data as AttachmentRow[]) (byMessage[row.message_id!] ??= []).push(toView(row));
  // One message's files share its created_at: metadata.position is the order they were attached in.
  const position = (a: AttachmentView) => Number((a.metadata as { position?: number }).position ?? 0);
  for (const list of Object.values(byMessage)) list.sort((a, b) => position(a) - position(b));
  return byMessage;
}

/** A fresh signed URL for one of the caller's attachments (null when it is not theirs or has no such variant). */
export async function signAttachmentUrl({
  attachmentId,
  variant,
}: {
  attachmentId: string;
  variant: AttachmentVariant;
}): Promise<string | null> {
  const supabase = await createClient();
  const { data } = await supabase
    .from('attachments')
    .select('storage_bucket, storage_path, thumbnail_path')
    .eq('id', attachmentId)
    .maybeSingle();
  const path = variant === 'thumb' ? data?.thumbnail_path : data?.storage_path;
  if (!data || !path) return null;
  const { data: signed } = await supabase.storage.from(data.storage_bucket).createSignedUrl(path, signedUrlSeconds);
  return signed?.signedUrl ?? null;
}

/**
 * Sends a message with files the browser uploaded: each is checked by content again here (the check the composer
 * showed was advisory; this one decides), one at a time so memory holds one file, then the message and the rows
 * are saved together. Answers the message and its attachments (whose analysis the browser then asks for).
 */
export async function sendMessageWithAttachments({
  userId,
  chatId,
  newChat = false,
  content,
  idempotencyKey,
  parentId,
  uploads,
}: {
  userId: string;
  chatId: string;
  /** The chat does not exist yet: its uploads were keyed under the id it is now created with. */
  newChat?: boolean;
  content: string;
  idempotencyKey: string;
  parentId?: string;
  uploads: { storagePath: string; name: string }[];
}): Promise<{ message: ChatMessage; attachments: AttachmentView[] }> {
  const drafts: AttachmentDraft[] = [];
  for (const upload of uploads) drafts.push((await inspectAttachment({ userId, chatId, ...upload })).draft);
  // The first message of a chat (sent from `/`): the chat is made only now that its files passed, so a refusal
  // leaves no empty chat behind.
  if (newChat) await createChat({ id: chatId });
  const message = await appendMessageWithAttachments({
    chatId,
    content,
    idempotencyKey,
    parentId,
    attachments: drafts,
  });
  const saved = await listMessageAttachments({ messageIds: [message.id] });
  return { message, attachments: saved[message.id] ?? [] };
}
