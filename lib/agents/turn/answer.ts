// "Answer this message": the one entry the reply route and the MCP send_message tool share, so a message is routed
// and answered the same way wherever it was sent. The orchestrator routes it (routeAgentTurn); an intent configured
// for an external agent service (OHM_AGENT_SERVICES) becomes a pending job that service claims; any other is
// answered in process by a job of the built-in service (beginAgentTurn → public.open_agent_turn). The caller has
// proved with the user's session that the chat is theirs and taken a reply from their allowance.
import 'server-only';
import { createAgentJob } from '@/lib/agents/api/data';
import { createServiceClient } from '@/lib/supabase/service';
import { chooseTurnAgent, classifyTurn, externalServiceFor } from './choose';
import { beginAgentTurn, routeAgentTurn, type TurnTarget } from './runner';

export type HandedOff = { jobId: string; service: string; agent: string; intent: string };
export type Answering =
  | { handedOff: HandedOff; reply?: undefined }
  | { handedOff?: undefined; reply: Awaited<ReturnType<typeof beginAgentTurn>> };

export async function answerMessage({
  chatId,
  question,
  recent,
  key,
}: Pick<TurnTarget, 'chatId' | 'question' | 'recent' | 'key'>): Promise<Answering> {
  const target: TurnTarget = {
    client: createServiceClient(),
    chatId,
    question,
    recent,
    agent: chooseTurnAgent(),
    classify: classifyTurn,
    key,
  };
  const routed = await routeAgentTurn(target);
  const { intent, agent } = routed.route;
  const service = externalServiceFor(intent);
  if (service) {
    const jobId = await createAgentJob({ service, chatId, messageId: question.id, intent, agent });
    return { handedOff: { jobId, service, agent, intent } };
  }
  return { reply: await beginAgentTurn({ ...target, routed }) };
}
