// POST /api/attachments/<id>/analyse: analyses one uploaded file of the signed-in user (a datasheet PDF → its
// datasheet_analysis artifact; a Wokwi diagram.json, KiCad netlist or circuit photo → a circuit verification) and
// summarises it in the chat. The composer calls it after sending a message with attachments. Idempotent: a done
// attachment answers with what was saved; a failed one is analysed again. Answers 200 with
// `{ attachmentId, status: 'done', processing_status: 'done', analysis }` or `{ …, status: 'failed', error }` (stored),
// 404 for an attachment the user cannot see, 409 while another call is analysing it.
import { z } from 'zod';
import { analyseAttachment } from '@/lib/analysis/run';
import { OhmError } from '@/lib/errors';
import { mutatingHandler } from '@/lib/http/same-origin';
import { createClient } from '@/lib/supabase/server';

const paramsSchema = z.object({ id: z.string().uuid() });

export const POST = mutatingHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  try {
    const parsed = paramsSchema.safeParse(await params);
    if (!parsed.success)
      throw new OhmError('not_found:upload', 'This attachment does not exist or you do not have access to it.');
    const supabase = await createClient();
    const { data: auth } = await supabase.auth.getClaims();
    if (!auth?.claims) throw new OhmError('unauthorized:auth');
    const outcome = await analyseAttachment({ client: supabase, attachmentId: parsed.data.id });
    return Response.json(outcome, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof OhmError) return error.toResponse();
    throw error;
  }
});
