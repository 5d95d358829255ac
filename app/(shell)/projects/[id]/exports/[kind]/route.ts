// GET /projects/<id>/exports/<kind>: the signed-in user's export of their project's current artifact versions. Made
// and stored in the exports bucket the first time a set of versions is asked for, then answered with a redirect to a
// short-lived signed URL. A project that lacks what the export is made from answers 400 saying what to ask OHM for.
import { NextResponse } from 'next/server';
import { OhmError } from '@/lib/errors';
import { signProjectExport } from '@/lib/exports/data';
import { exportKindSchema, projectIdSchema } from '@/lib/projects/schemas';
import { createClient } from '@/lib/supabase/server';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  const projectId = projectIdSchema.safeParse(id);
  const exportKind = exportKindSchema.safeParse(kind);
  try {
    if (!projectId.success) throw new OhmError('not_found:project');
    if (!exportKind.success) {
      throw new OhmError('not_found:export', `There is no export called “${kind.slice(0, 40)}”.`);
    }
    const supabase = await createClient();
    const { data } = await supabase.auth.getClaims();
    if (!data?.claims?.sub) throw new OhmError('unauthorized:auth');
    const { url } = await signProjectExport({ projectId: projectId.data, kind: exportKind.data, client: supabase });
    return NextResponse.redirect(url, { status: 303, headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    const ohm = error instanceof OhmError ? error : new OhmError('unavailable:database', undefined, { cause: error });
    if (!(error instanceof OhmError)) console.error('export failed', error);
    return ohm.toResponse();
  }
}
