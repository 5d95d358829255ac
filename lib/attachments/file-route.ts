// The answer of the attachment file routes: a redirect to a signed URL minted for this request (so no page ever
// holds a URL that expires, and a share's page stays cacheable), or the same 404 for everything else.
import 'server-only';
import { z } from 'zod';
import { OhmError } from '@/lib/errors';
import type { AttachmentVariant } from './types';

const paramsSchema = z.object({ id: z.string().uuid(), variant: z.enum(['thumb', 'file']).default('file') });

export async function redirectToSignedUrl(
  params: { id: string; variant: string | null },
  sign: (input: { attachmentId: string; variant: AttachmentVariant }) => Promise<string | null>,
): Promise<Response> {
  const parsed = paramsSchema.safeParse({ id: params.id, variant: params.variant ?? undefined });
  const missing = new OhmError('not_found:upload', 'This file does not exist or you do not have access to it.');
  if (!parsed.success) return missing.toResponse();
  try {
    const url = await sign({ attachmentId: parsed.data.id, variant: parsed.data.variant });
    if (!url) return missing.toResponse();
    return new Response(null, {
      status: 302,
      headers: { location: url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
    });
  } catch (error) {
    return (error instanceof OhmError ? error : new OhmError('unavailable:database')).toResponse();
  }
}
