// Data access for attachment analysis. Reads go through the user's client (RLS: another user's attachment, its
// bytes and its chat's wiring are invisible, so they are a 404); the outcome is written on the agents' path (the
// service client) through public.claim_attachment_analysis / finish_attachment_analysis, for the one attachment the
// user's read proved they own — as the reply route does for replies.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import type { Database, Json, Tables } from '@/lib/supabase/database.types';
import { createServiceClient } from '@/lib/supabase/service';
import type { CircuitDesign, DesignLine, DesignStep } from './circuit/design';

type Client = SupabaseClient<Database>;
export type AttachmentRow = Tables<'attachments'>;

export const verificationBucket = 'circuit_verifications';

export async function getAttachment({ client, attachmentId }: { client: Client; attachmentId: string }) {
  const { data, error } = await client.from('attachments').select('*').eq('id', attachmentId).maybeSingle();
  if (error) throw fromPostgrestError(error, 'upload');
  if (!data) throw new OhmError('not_found:upload', 'This attachment does not exist or you do not have access to it.');
  return data;
}

/** The bytes, read as the user (storage RLS: their own folder only). */
export async function downloadAttachment({ client, attachment }: { client: Client; attachment: AttachmentRow }) {
  const { data, error } = await client.storage.from(attachment.storage_bucket).download(attachment.storage_path);
  if (error || !data)
    throw new OhmError('not_found:upload', `The file ${attachment.filename} is not in storage: upload it again.`, {
      cause: error,
    });
  return new Uint8Array(await data.arrayBuffer());
}

/** True when this call may analyse the attachment now (pending, failed, or a stale claim). */
export async function claimAnalysis({ attachmentId }: { attachmentId: string }): Promise<boolean> {
  const { data, error } = await createServiceClient().rpc('claim_attachment_analysis', {
    p_attachment_id: attachmentId,
  });
  if (error) throw fromPostgrestError(error, 'analysis');
  return data === true;
}

export type AnalysisMessage = {
  content: string;
  agentName: string;
  agentIcon: string;
  agentModel: string;
  intent: string;
};
export type AnalysisArtifact = {
  type: 'datasheet_analysis';
  title: string;
  description: string;
  content: string;
  contentJson: unknown;
};

export async function finishAnalysis(input: {
  attachmentId: string;
  analysis: Record<string, unknown>;
  message: AnalysisMessage | null;
  artifact: AnalysisArtifact | null;
}): Promise<Record<string, unknown>> {
  const { data, error } = await createServiceClient().rpc('finish_attachment_analysis', {
    p_attachment_id: input.attachmentId,
    p_analysis: input.analysis as Json,
    p_message: input.message as Json,
    p_artifact: input.artifact as Json,
  });
  if (error) throw fromPostgrestError(error, 'analysis');
  return data as Record<string, unknown>;
}

/** Marks the run failed with why, unless another run has finished it meanwhile. Never throws. */
export async function failAnalysis({ attachmentId, reason }: { attachmentId: string; reason: string }) {
  await createServiceClient()
    .from('attachments')
    .update({ processing_status: 'failed', is_processed: false, processing_error: reason.slice(0, 2000) })
    .eq('id', attachmentId)
    .eq('processing_status', 'processing')
    .then(
      () => {},
      () => {},
    );
}

/** Saves a verification as circuit_verifications/<chat_id>/verified_<timestamp>.json; returns its path. */
export async function saveVerification({
  chatId,
  checkedAt,
  json,
}: {
  chatId: string;
  checkedAt: string;
  json: unknown;
}) {
  const path = `${chatId}/verified_${checkedAt.replace(/[:.]/g, '-')}.json`;
  const { error } = await createServiceClient()
    .storage.from(verificationBucket)
    .upload(path, new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }), {
      contentType: 'application/json',
      upsert: true,
    });
  if (error)
    throw new OhmError('unavailable:database', 'The verification could not be saved. Try again.', { cause: error });
  return path;
}

/**
 * The chat's current wiring as the user reads it: the wiring version, its rows in public.connections (ends by the
 * parts' BOM refs), its steps, and the BOM lines of the version it was built from (for names and order). Null when
 * the chat has no wiring.
 */
export async function readCircuitDesign({
  client,
  chatId,
}: {
  client: Client;
  chatId: string;
}): Promise<CircuitDesign | null> {
  const current = async (type: 'wiring' | 'bom', version?: number) => {
    const { data: artifact, error } = await client
      .from('artifacts')
      .select('id, current_version')
      .eq('chat_id', chatId)
      .eq('type', type)
      .eq('is_visible', true)
      .maybeSingle();
    if (error) throw fromPostgrestError(error, 'artifact');
    if (!artifact || artifact.current_version < 1) return null;
    const { data, error: versionError } = await client
      .from('artifact_versions')
      .select('id, version_number, content_json')
      .eq('artifact_id', artifact.id)
      .eq('version_number', version ?? artifact.current_version)
      .maybeSingle();
    if (versionError) throw fromPostgrestError(versionError, 'artifact');
    return data;
  };
  const wiring = await current('wiring');
  if (!wiring) return null;
  const wiringJson = (wiring.content_json ?? {}) as { bomVersion?: number; steps?: DesignStep[] };
  const bom = wiringJson.bomVersion ? await current('bom', wiringJson.bomVersion) : null;
  const { data: rows, error } = await client
    .from('connections')
    .select('sequence_number, from_part_id, from_pin, to_part_id, to_pin')
    .eq('artifact_version_id', wiring.id)
    .order('sequence_number');
  if (error) throw fromPostgrestError(error, 'artifact');
  const partIds = [...new Set(rows.flatMap((r) => [r.from_part_id, r.to_part_id]).filter((id): id is string => !!id))];
  const { data: parts, error: partsError } = partIds.length
    ? await client.from('parts').select('id, name, part_number, quantity, specs').in('id', partIds)
    : { data: [], error: null };
  if (partsError) throw fromPostgrestError(partsError, 'artifact');
  const refOf = new Map(parts.map((p) => [p.id, ((p.specs ?? {}) as { ref?: string }).ref ?? p.id]));
  const bomLines = ((bom?.content_json ?? {}) as { lines?: DesignLine[] }).lines;
  const lines: DesignLine[] =
    bomLines ??
    parts.map((p) => {
      const specs = (p.specs ?? {}) as { ref?: string; catalogueKey?: string | null; role?: DesignLine['role'] };
      return {
        ref: specs.ref ?? p.id,
        name: p.name,
        catalogueKey: specs.catalogueKey ?? null,
        role: specs.role ?? 'other',
        mpn: p.part_number,
        quantity: p.quantity,
      };
    });
  return {
    wiringVersion: wiring.version_number,
    lines,
    wires: rows.flatMap((r) =>
      r.from_part_id && r.to_part_id
        ? [
            {
              sequence: r.sequence_number,
              from: { ref: refOf.get(r.from_part_id)!, pin: r.from_pin },
              to: { ref: refOf.get(r.to_part_id)!, pin: r.to_pin },
            },
          ]
        : [],
    ),
    steps: (wiringJson.steps ?? []).map(({ number, title, connections }) => ({ number, title, connections })),
  };
}
