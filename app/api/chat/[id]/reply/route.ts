// Streams an agent's reply, saving it as it goes (see lib/agents/reply-writer). With no body it answers the latest
// message of the active branch; with `{ replyTo, key }` it regenerates: a new reply to that user message, a sibling
// of the replies it already has. The saved reply's id and number come back as headers before the first token, so
// the asking tab shows it in its place; every other tab follows the saved message. Closing the request does not
// stop the reply (a reload keeps following it): Stop is public.stop_reply.
import { z } from 'zod';
import { chooseModel } from '@/lib/agents/model';
import { routeMessage } from '@/lib/agents/orchestrator';
import { ReplyConflict, beginAgentReply } from '@/lib/agents/reply-writer';
import { getChatPage, getMessage } from '@/lib/chats/data';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { mutatingHandler } from '@/lib/http/same-origin';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';

const paramsSchema = z.object({ id: z.string().uuid() });
const bodySchema = z
  .object({ replyTo: z.string().uuid(), key: z.string().min(8).max(80) })
  .partial()
  .refine((b) => !b.replyTo === !b.key, 'replyTo and key go together');
const historyLength = 20;

const errorResponse = (error: OhmError) => error.toResponse();
// `{ replyTo, key }` is under 200 bytes: anything near this cap is not a real request.
const bodyLimit = 4 * 1024;

type Question = Pick<ChatMessage, 'id' | 'role' | 'content'>;

async function findQuestion(
  chatId: string,
  replyTo: string | undefined,
): Promise<{ question: Question; history: Question[] } | OhmError> {
  if (!replyTo) {
    const page = await getChatPage({ chatId, limit: historyLength }).catch(() => null);
    if (!page) return new OhmError('not_found:chat');
    const last = page.at(-1);
    if (!last || last.role !== 'user')
      return new OhmError('conflict:message', 'The latest message already has a reply.');
    return { question: last, history: page };
  }
  const question = await getMessage({ chatId, messageId: replyTo }).catch(() => null);
  if (!question) return new OhmError('not_found:message', 'That message is not in this chat.');
  if (question.role !== 'user')
    return new OhmError('bad_request:message', 'Only a message you wrote can be answered again.');
  const earlier = await getChatPage({
    chatId,
    beforeSequence: question.sequence_number,
    limit: historyLength - 1,
  }).catch(() => []);
  return { question, history: [...earlier, question] };
}

export const POST = mutatingHandler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const parsedParams = paramsSchema.safeParse(await params);
  if (!parsedParams.success) return errorResponse(new OhmError('not_found:chat'));
  const chatId = parsedParams.data.id;
  const json = await readJsonBody(request, 'message', bodyLimit);
  if (json instanceof OhmError) return errorResponse(json);
  const body = bodySchema.safeParse(json);
  if (!body.success) return errorResponse(new OhmError('bad_request:message', body.error.issues[0].message));
  const supabase = await createClient();
  const { data: auth } = await supabase.auth.getClaims();
  if (!auth?.claims) return errorResponse(new OhmError('unauthorized:auth'));

  // The user's own client proves access to the chat and the message before the agents' path writes anything.
  const found = await findQuestion(chatId, body.data.replyTo);
  if (found instanceof OhmError) return errorResponse(found);

  // Every reply (a send's, a Regenerate, a Retry) takes one from the user's budget, in the database, as the user.
  const allowance = await supabase.rpc('take_reply_allowance', { p_chat_id: chatId });
  if (allowance.error) {
    const refused = fromPostgrestError(allowance.error, 'message');
    return errorResponse(
      allowance.error.code === 'PT404'
        ? new OhmError('not_found:chat')
        : refused.status === 429
          ? new OhmError('rate_limit:message', 'You are asking for replies too fast. Wait a moment and try again.', {
              retryAfter: refused.retryAfter,
            })
          : refused,
    );
  }

  const { model, label } = chooseModel();
  let reply;
  try {
    reply = await beginAgentReply({
      chatId,
      replyTo: found.question.id,
      route: routeMessage(found.question.content),
      modelLabel: label,
      key: body.data.key ? `regenerate:${body.data.key}` : undefined,
      history: found.history.map((m) => ({ role: m.role, content: m.content })),
    });
  } catch (error) {
    if (error instanceof ReplyConflict)
      return errorResponse(new OhmError('conflict:message', 'This message already has a reply.'));
    if (error instanceof OhmError) return errorResponse(error);
    throw error;
  }

  const encoder = new TextEncoder();
  let reading = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await reply.run({
          model,
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
    },
  });
});
