// Asking for an attachment's analysis (datasheets, circuit photos and circuit files): POST
// /api/attachments/<id>/analyse, which writes the result and the status. Until that route exists (or while it
// answers 404), the attachment stays "pending", quietly.
import type { AttachmentView } from '@/lib/attachments/types';

export const analysable = (attachment: Pick<AttachmentView, 'category'>) =>
  attachment.category === 'datasheet' ||
  attachment.category === 'circuit_image' ||
  attachment.category === 'circuit_file';

/** The status to show after asking: `asked` when the route took the request, pending when there is none yet. */
export async function requestAnalysis(
  attachmentId: string,
  asked: AttachmentView['processing_status'],
): Promise<AttachmentView['processing_status']> {
  const response = await fetch(`/api/attachments/${attachmentId}/analyse`, { method: 'POST' }).catch(() => null);
  if (!response || response.status === 404) return 'pending';
  if (!response.ok) return 'failed';
  const body = (await response.json().catch(() => null)) as {
    processing_status?: AttachmentView['processing_status'];
  } | null;
  return body?.processing_status ?? asked;
}
