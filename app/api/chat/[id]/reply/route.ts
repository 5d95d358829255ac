// Streams an agent's reply to the latest user message of a chat, saving it as it goes (see lib/agents/reply-writer).
// The asking tab reads the text stream; every other tab follows the saved message.
import { z } from 'zod';
import { chooseModel } from '@/lib/agents/model';
import { routeMessage } from '@/lib/agents/orchestrator';
import { ReplyConflict, writeAgentReply } from '@/lib/agents/reply-writer';
import { getChatPage } from '@/lib/chats/data';
import { OhmError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';

const paramsSchema = z.object({ id: z.string().uuid() });

function errorResponse(error: OhmError) {
  return Response.json({ code: error.code, message: error.message }, { status: error.status });
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return errorResponse(new OhmError('not_found:chat'));
  const supabase = await createClient();
  const { data: auth } = await supabase.auth.getClaims();
  if (!auth?.claims) return errorResponse(new OhmError('unauthorized:auth'));

  let page;
  try {
    page = await getChatPage({ chatId: parsed.data.id, limit: 20 });
  } catch {
    return errorResponse(new OhmError('not_found:chat'));
  }
  const last = page.at(-1);
  if (!last || last.role !== 'user') return errorResponse(new OhmError('conflict:message', 'The latest message already has a reply.'));

  const { model, label } = chooseModel();
  const encoder = new TextEncoder();
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort());
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await writeAgentReply({
          chatId: parsed.data.id, replyTo: last.id, route: routeMessage(last.content), model, modelLabel: label, signal: abort.signal,
          history: page.map((m) => ({ role: m.role, content: m.content })),
          onDelta: (delta) => {
            try {
              controller.enqueue(encoder.encode(delta));
            } catch {
              // the reader went away; the reply is still saved
            }
          },
        });
        controller.close();
      } catch (error) {
        if (error instanceof ReplyConflict) controller.close();
        else controller.error(error);
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
}
