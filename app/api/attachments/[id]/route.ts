// GET /api/attachments/<id>?variant=thumb|file: one of the signed-in user's attachments, through a fresh signed URL.
import type { NextRequest } from 'next/server';
import { signAttachmentUrl } from '@/lib/attachments/data';
import { redirectToSignedUrl } from '@/lib/attachments/file-route';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return redirectToSignedUrl({ id, variant: request.nextUrl.searchParams.get('variant') }, signAttachmentUrl);
}
