// Asking for an attachment's analysis (datasheets, circuit photos and circuit files): POST
// /api/attachments/<id>/analyse, which writes the result and the status. Until that route exists (or while it
// answers 404), the attachment stays "pending", quietly.
import type { AttachmentView } from '@/lib/attachments/types';

export const analysable = (attachment: Pick<AttachmentView, 'category'>) =>
  attachment.category === 'datasheet' ||
  attachment.category === 'circuit_image' ||
  attachment.category === 'circuit_file';

export type AnalysisPatch = Pick<AttachmentView, 'processing_status' | 'analysis' | 'processing_error'>;

/**
 * What to show after asking: the route's outcome (done with its summary, failed with why), `processing` while
 * another call is analysing it (409), pending when there is no route to ask.
 */
export async function requestAnalysis(
  attachmentId: string,
  asked: AttachmentView['processing_status'],
): Promise<AnalysisPatch> {
  const response = await fetch(`/api/attachments/${attachmentId}/analyse`, { method: 'POST' }).catch(() => null);
  if (!response || response.status === 404) return { processing_status: 'pending' };
  if (response.status === 409) return { processing_status: 'processing' };
  const body = (await response.json().catch(() => null)) as {
    processing_status?: AttachmentView['processing_status'];
    analysis?: AttachmentView['analysis'];
    error?: string;
    message?: string;
  } | null;
  if (!response.ok) return { processing_status: 'failed', processing_error: body?.message ?? null };
  return {
    processing_status: body?.processing_status ?? asked,
    analysis: body?.analysis ?? null,
    processing_error: body?.error ?? null,
  };
}
