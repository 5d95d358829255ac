// The archive job's steps (supabase/migrations/*_cold_chat_archive.sql): seal the cold chats, write each one's
// messages as gzipped JSONL to the private `archive` bucket, then drop them from the hot table in one checked step;
// and remove the objects of chats that were restored since. Safe to stop anywhere and run again: a sealed chat
// whose object was written but whose rows were not dropped is simply written again on the next run.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type postgres from 'postgres';

/** Where the job writes and removes objects: Supabase Storage with the secret key (supabase-js `storage`). */
export type ArchiveStorage = {
  upload(path: string, body: Buffer): Promise<void>;
  remove(paths: string[]): Promise<void>;
};

export type ArchiveRun = { sealed: number; stored: number; keptHot: number; removedObjects: number; bytes: number };

export async function archiveColdChats({
  sql,
  storage,
  idleDays = 365,
  limit = 100,
  userId = null,
}: {
  sql: postgres.Sql;
  storage: ArchiveStorage;
  idleDays?: number;
  limit?: number;
  /** One user's chats only. */
  userId?: string | null;
}): Promise<ArchiveRun> {
  const run: ArchiveRun = { sealed: 0, stored: 0, keptHot: 0, removedObjects: 0, bytes: 0 };
  await sql`select 1 from private.seal_cold_chats(make_interval(days => ${idleDays}), ${limit}, ${userId})`;
  // Everything sealed, not only what this run sealed: an earlier run may have stopped half way.
  const sealed = await sql<{ chat_id: string; object_path: string }[]>`
    select chat_id, object_path from public.chat_archives
     where stored_at is null and restored_at is null and (${userId}::uuid is null or user_id = ${userId})`;
  run.sealed = sealed.length;
  for (const { chat_id, object_path } of sealed) {
    const [{ jsonl }] = await sql<{ jsonl: string }[]>`select private.archived_chat_jsonl(${chat_id}) as jsonl`;
    const digest = createHash('sha256').update(jsonl, 'utf8').digest('hex');
    const body = gzipSync(Buffer.from(jsonl, 'utf8'));
    await storage.upload(object_path, body);
    const [{ dropped }] = await sql<{ dropped: boolean }[]>`
      select private.drop_archived_messages(${chat_id}, ${digest}) as dropped`;
    if (dropped) {
      run.stored++;
      run.bytes += body.length;
    } else {
      // Written to after it was sealed: it stays hot, and the object is not needed.
      run.keptHot++;
      await storage.remove([object_path]);
    }
  }
  const restored = await sql<{ chat_id: string; object_path: string }[]>`
    select chat_id, object_path from public.chat_archives
     where restored_at is not null and (${userId}::uuid is null or user_id = ${userId})`;
  if (restored.length > 0) {
    await storage.remove(restored.map((r) => r.object_path));
    await sql`delete from public.chat_archives where chat_id in ${sql(restored.map((r) => r.chat_id))}
                and restored_at is not null`;
    run.removedObjects = restored.length;
  }
  return run;
}
