// Streams an agent's turn on one user message (lib/agents/turn/answer, the entry MCP's send_message shares: routing,
// then a job of the built-in agent service whose writes go through the agent API's job functions), saving the
// prose as it goes (see lib/agents/reply-writer). The body says
// which message to answer: `{ replyTo }` for its first reply, `{ replyTo, key }` to regenerate (a new reply beside
// the ones it has; `key` makes a retry of that request the same reply). The saved reply's id and number come back
// as headers before the first token, so the asking tab shows it in its place; every other tab follows the saved
// message. An intent handed to an external agent service (OHM_AGENT_SERVICES) answers 202 with its job instead:
// that service writes the reply through /api/agents/v1. Closing the request does not stop the reply (a reload keeps following it): Stop is public.stop_reply.
import { z } from 'zod';
import { answerMessage } from '@/lib/agents/turn/answer';
import type { beginAgentTurn } from '@/lib/agents/turn/runner';
import { OhmError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { mutatingHandler } from '@/lib/http/same-origin';
import { getChatPage, getMessage, takeReplyAllowance } from '@/lib/messages/data';
import { replyRequestSchema } from '@/lib/messages/schemas';
import { createClient } from '@/lib/supabase/server';

const paramsSchema = z.object({ id: z.string().uuid() });
const historyLength = 20;
// `{ replyTo, key }` is under 200 bytes: anything near this cap is not a real request.
const bodyLimit = 4 * 1024;

/** The message to answer and the branch above it, read as the user: RLS proves access before anything is written. */
async function findQuestion(chatId: string, replyTo: string) {
  const question = await getMessage({ chatId, messageId: replyTo });
  if (!question) throw new OhmError('not_found:message', 'That message is not in this chat.');
  if (question.role !== 'user')
    throw new OhmError('bad_request:message', 'Only a message you wrote can be answered again.');
  const earlier = await getChatPage({ chatId, beforeSequence: question.sequence_number, limit: historyLength - 1 });
  return { question, history: [...earlier, question] };
}

async function parseRequest(request: Request, params: Promise<{ id: string }>) {
  const parsedParams = paramsSchema.safeParse(await params);
  if (!parsedParams.success) throw new OhmError('not_found:chat');
  // Read with a cap: a 10 MB body is a 413 before it is buffered, not a 400 after.
  const json = await readJsonBody(request, 'message', bodyLimit);
  if (json instanceof OhmError) throw json;
  const body = replyRequestSchema.safeParse(json);
  if (!body.success) throw new OhmError('bad_request:message', body.error.issues[0].message);
  return { chatId: parsedParams.data.id, ...body.data };
}

export const POST = mutatingHandler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  let reply: Awaited<ReturnType<typeof beginAgentTurn>>;
  try {
    const { chatId, replyTo, key } = await parseRequest(request, params);
    const supabase = await createClient();
    const { data: auth } = await supabase.auth.getClaims();
    if (!auth?.claims) throw new OhmError('unauthorized:auth');
    const { question, history } = await findQuestion(chatId, replyTo);
    // Every reply (a send's, a Regenerate, a Retry) takes one from the user's budget, in the database, as the user.
    await takeReplyAllowance({ chatId });
    // Access is proven above with the user's session; the turn reads and writes this one chat on the agents' path.
    const answering = await answerMessage({
      chatId,
      question: { id: question.id, content: question.content },
      recent: history
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      key: key ? `regenerate:${key}` : undefined,
    });
    // An intent configured for an external agent service becomes a job it claims (the agent API); its reply
    // reaches this tab through realtime like any other tab's, so the answer here is only that it was handed off.
    if (answering.handedOff) {
      const { jobId, service, agent } = answering.handedOff;
      return Response.json({ jobId, service, agent }, { status: 202 });
    }
    reply = answering.reply;
  } catch (error) {
    if (error instanceof OhmError) return error.toResponse();
    throw error;
  }
  return streamReply(reply);
});

function streamReply(reply: Awaited<ReturnType<typeof beginAgentTurn>>): Response {
  const encoder = new TextEncoder();
  let reading = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await reply.run({
          onDelta: (delta) => {
            if (!reading) return;
            try {
              controller.enqueue(encoder.encode(delta));
            } catch {
              reading = false;
            }
          },
        });
        if (reading) controller.close();
      } catch (error) {
        if (reading) controller.error(error);
      }
    },
    cancel() {
      // The tab went away (a reload, a closed tab): the reply goes on being written and saved.
      reading = false;
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Reply-Id': reply.id,
      'X-Reply-Sequence': String(reply.sequenceNumber),
      'X-Reply-Agent': reply.route.agent,
    },
  });
}
