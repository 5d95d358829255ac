// Streams an agent's turn (lib/agents/turn/runner: routing, plan, prose, then message and artifact versions saved
// together), saving the prose as it goes (see lib/agents/reply-writer). With no body it answers the latest
// message of the active branch; with `{ replyTo, key }` it regenerates: a new reply to that user message, a sibling
// of the replies it already has. The saved reply's id and number come back as headers before the first token, so
// the asking tab shows it in its place; every other tab follows the saved message. Closing the request does not
// stop the reply (a reload keeps following it): Stop is public.stop_reply.
import { z } from 'zod';
import { ReplyConflict } from '@/lib/agents/reply-writer';
import { chooseTurnAgent, classifyTurn } from '@/lib/agents/turn/choose';
import { beginAgentTurn } from '@/lib/agents/turn/runner';
import { getChatPage, getMessage } from '@/lib/chats/data';
import { OhmError } from '@/lib/errors';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/server';
import { createServiceClient } from '@/lib/supabase/service';

const paramsSchema = z.object({ id: z.string().uuid() });
const bodySchema = z
  .object({ replyTo: z.string().uuid(), key: z.string().min(8).max(80) })
  .partial()
  .refine((b) => !b.replyTo === !b.key, 'replyTo and key go together');
const historyLength = 20;

function errorResponse(error: OhmError) {
  return Response.json({ code: error.code, message: error.message }, { status: error.status });
}

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

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsedParams = paramsSchema.safeParse(await params);
  if (!parsedParams.success) return errorResponse(new OhmError('not_found:chat'));
  const chatId = parsedParams.data.id;
  const text = await request.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return errorResponse(new OhmError('bad_request:message', 'The request body is not JSON.'));
  }
  const body = bodySchema.safeParse(json);
  if (!body.success) return errorResponse(new OhmError('bad_request:message', body.error.issues[0].message));
  const supabase = await createClient();
  const { data: auth } = await supabase.auth.getClaims();
  if (!auth?.claims) return errorResponse(new OhmError('unauthorized:auth'));

  // The user's own client proves access to the chat and the message before the agents' path writes anything.
  const found = await findQuestion(chatId, body.data.replyTo);
  if (found instanceof OhmError) return errorResponse(found);

  let reply;
  try {
    // Access is proven above with the user's session; the turn reads and writes this one chat on the agents' path.
    reply = await beginAgentTurn({
      client: createServiceClient(),
      chatId,
      question: { id: found.question.id, content: found.question.content },
      recent: found.history
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      agent: chooseTurnAgent(),
      classify: classifyTurn,
      key: body.data.key ? `regenerate:${body.data.key}` : undefined,
    });
  } catch (error) {
    if (error instanceof ReplyConflict)
      return errorResponse(new OhmError('conflict:message', 'This message already has a reply.'));
    throw error;
  }

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
