// GET /share/<token>/attachments/<id>?variant=thumb|file: a file the share's snapshot shows. The token is checked on
// every request (by the database and by Storage's policy), so a revoked link stops serving at once; the signed URL
// it redirects to lives 30 seconds.
import type { NextRequest } from 'next/server';
import { signSharedAttachmentUrl } from '@/lib/attachments/data';
import { redirectToSignedUrl } from '@/lib/attachments/file-route';

export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string; id: string }> }) {
  const { token, id } = await params;
  return redirectToSignedUrl({ id, variant: request.nextUrl.searchParams.get('variant') }, (input) =>
    signSharedAttachmentUrl({ token, ...input }),
  );
}
