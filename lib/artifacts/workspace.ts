// The artifacts workspace, with the user's session (RLS: only the owner's) or a share token: the panel in one read
// (public.get_artifact_panel), versions for a compare, timeline pages (keyset on the version number, older or
// newer: a tab catching up after a reconnect asks for what came after the last number it saw), and the writes:
// a restore and the maker's own edits, both refused with PT409 when someone saved first.
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import type { Json } from '@/lib/supabase/database.types';
import { createClient } from '@/lib/supabase/server';
import { applyArtifactEdit, EditRefused, type ArtifactEdit } from './edits';
import type { ArtifactHead, ArtifactPanelData, TimelineEntry, VersionContent } from './panel-types';

export const timelinePageSize = 30;

const notFound = 'This artifact does not exist or you do not have access to it.';

export async function getArtifactPanel({
  chatId,
  artifactId,
  version,
  before,
  shareToken,
}: {
  chatId: string;
  artifactId: string | null;
  version?: number;
  before?: number;
  shareToken?: string;
}): Promise<ArtifactPanelData> {
  const supabase = await createClient();
  const args = {
    p_artifact_id: artifactId ?? undefined,
    p_version: version,
    p_before: before,
    p_limit: timelinePageSize,
  };
  const { data, error } = shareToken
    ? await supabase.rpc('get_shared_artifact_panel', { p_token: shareToken, ...args })
    : await supabase.rpc('get_artifact_panel', { p_chat_id: chatId, ...args });
  if (error)
    throw fromPostgrestError(error, 'artifact', {
      not_found: error.message ? sentence(error.message) : notFound,
      bad_request: sentence(error.message),
    });
  return data as unknown as ArtifactPanelData;
}

/** The database's refusal as a sentence: "v4 is already the current version…" → "V4 is…" reads badly, so only letters. */
function sentence(message: string) {
  const first = /^[a-z]{2}/.test(message) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** Two versions' contents, for a compare (or a conflict: the base and theirs). */
export async function getArtifactVersions({
  artifactId,
  numbers,
}: {
  artifactId: string;
  numbers: number[];
}): Promise<Map<number, VersionContent>> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('artifact_versions')
    .select('version_number, content, content_json, change_summary, author, created_at')
    .eq('artifact_id', artifactId)
    .in('version_number', numbers);
  if (error) throw fromPostgrestError(error, 'artifact');
  return new Map(
    data.map((v) => [
      v.version_number,
      { number: v.version_number, content: v.content, contentJson: v.content_json, changeSummary: v.change_summary },
    ]),
  );
}

/** A page of the timeline: older than `before`, or (catch-up) newer than `after`, newest first. */
export async function listArtifactTimeline({
  artifactId,
  before,
  after,
}: {
  artifactId: string;
  before?: number;
  after?: number;
}): Promise<TimelineEntry[]> {
  const supabase = await createClient();
  let query = supabase
    .from('artifact_versions')
    .select(
      'version_number, change_summary, author, created_at, created_by_message_id, messages(agent_name, agent_model, sequence_number)',
    )
    .eq('artifact_id', artifactId)
    .order('version_number', { ascending: false })
    .limit(timelinePageSize);
  if (before !== undefined) query = query.lt('version_number', before);
  if (after !== undefined) query = query.gt('version_number', after);
  const { data, error } = await query;
  if (error) throw fromPostgrestError(error, 'artifact');
  return data.map((v) => ({
    version_number: v.version_number,
    change_summary: v.change_summary,
    author: v.author as TimelineEntry['author'],
    created_at: v.created_at,
    created_by_message_id: v.created_by_message_id,
    agent_name: v.messages?.agent_name ?? null,
    agent_model: v.messages?.agent_model ?? null,
    message_sequence: v.messages?.sequence_number ?? null,
  }));
}

export async function listChatArtifactHeads({ chatId }: { chatId: string }): Promise<ArtifactHead[]> {
  return (await getArtifactPanel({ chatId, artifactId: null })).artifacts;
}

export async function restoreArtifactVersion({
  artifactId,
  version,
  expectedVersion,
}: {
  artifactId: string;
  version: number;
  expectedVersion: number;
}): Promise<{ version: number }> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('restore_artifact_version', {
    p_artifact_id: artifactId,
    p_version_number: version,
    p_expected_version: expectedVersion,
  });
  if (error) throw writeError(error);
  return { version: data.version_number };
}

function writeError(error: { code?: string; message: string; details?: string | null }) {
  return fromPostgrestError(error, 'artifact', {
    conflict: 'Someone saved a newer version first. Your edit is kept: compare and choose.',
    not_found: sentence(error.message),
    bad_request: sentence(error.message),
    too_large: sentence(error.message),
  });
}

/** Saves the maker's edit as a version after `expectedVersion`, authored by the user. */
export async function saveArtifactEdit({
  artifactId,
  expectedVersion,
  summary,
  edit,
}: {
  artifactId: string;
  expectedVersion: number;
  summary: string;
  edit: ArtifactEdit;
}): Promise<{ version: number }> {
  const supabase = await createClient();
  const { data: artifact, error } = await supabase
    .from('artifacts')
    .select('type, title, is_visible, current_version')
    .eq('id', artifactId)
    .maybeSingle();
  if (error) throw fromPostgrestError(error, 'artifact');
  if (!artifact) throw new OhmError('not_found:artifact', notFound);
  if (!artifact.is_visible)
    throw new OhmError('not_found:artifact', `${artifact.title} was deleted: it can no longer be edited.`);
  if (artifact.current_version !== expectedVersion)
    throw new OhmError(
      'conflict:artifact',
      'Someone saved a newer version first. Your edit is kept: compare and choose.',
    );
  const base = (await getArtifactVersions({ artifactId, numbers: [expectedVersion] })).get(expectedVersion);
  if (!base) throw new OhmError('not_found:artifact', `${artifact.title} has no version ${expectedVersion}.`);
  let edited;
  try {
    edited = applyArtifactEdit(artifact, base, edit);
  } catch (refused) {
    if (refused instanceof EditRefused) throw new OhmError('bad_request:artifact', refused.message);
    throw refused;
  }
  const { data, error: saveError } = await supabase.rpc('save_artifact_version', {
    p_artifact_id: artifactId,
    p_expected_version: expectedVersion,
    p_content: edited.content as string, // null for a version held in JSON only
    p_content_json: edited.contentJson as Json,
    p_change_summary: summary,
    p_rows: edited.rows as Json,
  });
  if (saveError) throw writeError(saveError);
  return { version: data.version_number };
}
