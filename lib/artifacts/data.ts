// Artifacts as the maker reads them, with the user's session (RLS: only the owner's): the cards each reply shows
// (the versions it created) and one version of one artifact, whichever version a card or a URL names.
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import type { ArtifactCard } from './schemas';

export async function listMessageArtifacts({
  messageIds,
}: {
  messageIds: string[];
}): Promise<Record<string, ArtifactCard[]>> {
  if (messageIds.length === 0) return {};
  const supabase = await createClient();
  const { data: versions, error } = await supabase
    .from('artifact_versions')
    .select('artifact_id, version_number, change_summary, created_by_message_id')
    .in('created_by_message_id', messageIds.slice(0, 200))
    .order('created_at');
  if (error) throw fromPostgrestError(error, 'chat');
  const artifactIds = [...new Set(versions.map((v) => v.artifact_id))];
  if (artifactIds.length === 0) return {};
  const { data: artifacts, error: artifactError } = await supabase
    .from('artifacts')
    .select('id, type, title')
    .in('id', artifactIds);
  if (artifactError) throw fromPostgrestError(artifactError, 'chat');
  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const cards: Record<string, ArtifactCard[]> = {};
  for (const v of versions) {
    const artifact = byId.get(v.artifact_id);
    if (!artifact || !v.created_by_message_id) continue;
    (cards[v.created_by_message_id] ??= []).push({
      artifactId: v.artifact_id,
      type: artifact.type,
      title: artifact.title,
      version: v.version_number,
      changeSummary: v.change_summary,
    });
  }
  return cards;
}

export type ArtifactVersionView = {
  artifact: { id: string; chatId: string; type: string; title: string; currentVersion: number; totalVersions: number };
  version: {
    number: number;
    content: string | null;
    contentJson: unknown;
    changeSummary: string | null;
    createdAt: string;
    createdByMessageId: string | null;
  };
  stale: { reason: string } | null;
  /** For a wiring version: the circuit diagram drawn in the same turn (its SVG), when there is one. */
  diagram: { svg: string; version: number } | null;
};

export async function getArtifactVersion({
  chatId,
  artifactId,
  version,
}: {
  chatId: string;
  artifactId: string;
  version?: number;
}): Promise<ArtifactVersionView> {
  const supabase = await createClient();
  const { data: artifact, error } = await supabase
    .from('artifacts')
    .select('id, chat_id, type, title, current_version, total_versions, metadata')
    .eq('id', artifactId)
    .eq('chat_id', chatId)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'chat');
  if (!artifact) throw new OhmError('not_found:chat', 'This artifact does not exist or you do not have access to it.');
  const number = version ?? artifact.current_version;
  const { data: row, error: versionError } = await supabase
    .from('artifact_versions')
    .select('version_number, content, content_json, change_summary, created_at, created_by_message_id')
    .eq('artifact_id', artifactId)
    .eq('version_number', number)
    .maybeSingle();
  if (versionError) throw fromPostgrestError(versionError, 'chat');
  if (!row) throw new OhmError('not_found:chat', `${artifact.title} has no version ${number}.`);

  let diagram: ArtifactVersionView['diagram'] = null;
  if (artifact.type === 'wiring' && row.created_by_message_id) {
    const { data: drawn } = await supabase
      .from('artifact_versions')
      .select('version_number, content, artifacts!inner(type, chat_id)')
      .eq('created_by_message_id', row.created_by_message_id)
      .eq('artifacts.type', 'circuit_diagram')
      .eq('artifacts.chat_id', chatId)
      .limit(1)
      .maybeSingle();
    if (drawn?.content) diagram = { svg: drawn.content, version: drawn.version_number };
  }
  const stale = (artifact.metadata as { stale?: { reason?: unknown } } | null)?.stale;
  return {
    artifact: {
      id: artifact.id,
      chatId: artifact.chat_id,
      type: artifact.type,
      title: artifact.title,
      currentVersion: artifact.current_version,
      totalVersions: artifact.total_versions,
    },
    version: {
      number: row.version_number,
      content: row.content,
      contentJson: row.content_json,
      changeSummary: row.change_summary,
      createdAt: row.created_at,
      createdByMessageId: row.created_by_message_id,
    },
    stale: typeof stale?.reason === 'string' ? { reason: stale.reason } : null,
    diagram,
  };
}
