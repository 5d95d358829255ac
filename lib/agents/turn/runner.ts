// One agent turn, end to end: read the project state, classify the message and pick the specialist (the
// orchestrator's routing, recorded on the message), open the reply's job (the built-in agent service's, so every
// write below goes through public.agent_job_write like an external agent's) with the reply saved as `streaming` at
// once, plan (offline or with a model), stream the prose in throttled saves, then save message, versions and rows
// in one transaction. A version
// conflict (another tab's turn got there first) re-plans once on the fresh state; a second one, or a plan that
// cannot be saved, finishes the reply with a clear note and writes nothing else.
import type { LanguageModelUsage } from 'ai';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import type { PlanTurnInput, ProjectState, TurnIntent, TurnPlan } from '../design/contract';
import { createOfflineModel } from '../offline-model';
import { beginAgentReply, type ReplyStream } from '../reply-writer';
import { specialistByIntent } from '../registry';
import { buildTurnDocument, InvalidArtifactError, type TurnRoute, type TurnUsage } from './payload';
import { saveTurn, TurnConflict, type SavedTurn } from './save';
import { readProjectState } from './state';

/** How a turn's specialist thinks and speaks: the offline engine, or a provider's model on the same contract. */
export type TurnAgent = {
  modelLabel: string;
  modelPath: boolean;
  plan(input: PlanTurnInput, abortSignal: AbortSignal): Promise<{ plan: TurnPlan; usage: TurnUsage }>;
  speak(plan: TurnPlan, input: PlanTurnInput, abortSignal: AbortSignal): ReplyStream;
};
export type Classify = (message: string, state: ProjectState) => { intent: TurnIntent; reason: string };

export const zeroUsage: TurnUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

export function toTurnUsage(usage: LanguageModelUsage | null | undefined): TurnUsage {
  return {
    input: usage?.inputTokens ?? 0,
    output: usage?.outputTokens ?? 0,
    cacheRead: usage?.inputTokenDetails?.cacheReadTokens ?? 0,
    cacheWrite: usage?.inputTokenDetails?.cacheWriteTokens ?? 0,
  };
}
export const addUsage = (a: TurnUsage, b: TurnUsage): TurnUsage => ({
  input: a.input + b.input,
  output: a.output + b.output,
  cacheRead: a.cacheRead + b.cacheRead,
  cacheWrite: a.cacheWrite + b.cacheWrite,
});

/** Streams a planned reply word by word through the offline model, as the conversational agent always has. */
export function speakPlannedReply(plan: TurnPlan, abortSignal: AbortSignal, delayMs?: number): ReplyStream {
  const model = createOfflineModel({ reply: plan.reply, delayMs });
  return {
    textStream: (async function* () {
      const reader = (await model.doStream({ prompt: [], abortSignal })).stream.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read())
        if (part.value.type === 'text-delta') yield part.value.delta;
    })(),
    usage: Promise.resolve(emptyUsage()),
  };
}

export type TurnTarget = {
  client: SupabaseClient<Database>;
  chatId: string;
  question: { id: string; content: string };
  recent: ProjectState['recent'];
  agent: TurnAgent;
  classify: Classify;
  key?: string;
};

export type TurnResult = { id: string; status: 'complete' | 'interrupted'; text: string; saved: SavedTurn | null };

const conflictNote =
  '> Nothing was saved: another tab changed this project at the same time. Ask again to apply it to the newest version.';

export type RoutedTurn = { state: ProjectState; route: TurnRoute };

/** The orchestrator's decision: the project state read once, the message's intent and the specialist for it. */
export async function routeAgentTurn(target: Omit<TurnTarget, 'key'>): Promise<RoutedTurn> {
  const state = await readProjectState({ client: target.client, chatId: target.chatId, recent: target.recent });
  const classified = target.classify(target.question.content, state);
  const route: TurnRoute = {
    intent: classified.intent,
    agent: specialistByIntent[classified.intent],
    reason: classified.reason,
    modelPath: target.agent.modelPath,
  };
  return { state, route };
}

/**
 * Begins the turn (the `streaming` reply exists when this resolves) and returns `run`, which does the rest.
 * `routed`: the decision routeAgentTurn already made (the reply route asks it first, to hand some intents to an
 * external agent service instead).
 */
export async function beginAgentTurn(target: TurnTarget & { routed?: RoutedTurn }) {
  const { client, chatId, question, agent } = target;
  const { state, route } = target.routed ?? (await routeAgentTurn(target));
  const reply = await beginAgentReply({
    chatId,
    replyTo: question.id,
    route: { intent: route.intent, agent: route.agent },
    modelLabel: agent.modelLabel,
    key: target.key,
    history: target.recent,
  });

  const run = async (options: { signal?: AbortSignal; onDelta?: (delta: string) => void } = {}) => {
    let input: PlanTurnInput = { message: question.content, intent: route.intent, state };
    let planned: { plan: TurnPlan; usage: TurnUsage } | null = null;
    let failure: string | null = null;
    let saved: SavedTurn | null = null;

    const stream = (abortSignal: AbortSignal): ReplyStream => {
      let resolveUsage: (usage: LanguageModelUsage) => void = () => {};
      const usage = new Promise<LanguageModelUsage>((resolve) => (resolveUsage = resolve));
      const textStream = (async function* () {
        try {
          planned = await agent.plan(input, abortSignal);
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
          yield `I could not finish this: ${failure}. Nothing was saved.`;
          resolveUsage(emptyUsage());
          return;
        }
        const spoken = agent.speak(planned.plan, input, abortSignal);
        yield* spoken.textStream;
        resolveUsage(await spoken.usage);
      })();
      return { textStream, usage };
    };

    const save = (plan: TurnPlan, content: string, usage: TurnUsage) =>
      saveTurn({
        job: reply.job,
        turn: buildTurnDocument({ plan, content, model: agent.modelLabel, usage, route, goal: question.content }),
      });
    const noteOnly = (plan: TurnPlan, content: string, usage: TurnUsage) =>
      save({ ...plan, writes: [], stale: [], question: true }, content, usage);

    const finish = async (text: string, spokenUsage: LanguageModelUsage) => {
      const fallback: TurnPlan = {
        intent: route.intent,
        agent: route.agent,
        reply: text,
        writes: [],
        stale: [],
        projectName: null,
        question: true,
      };
      const current = planned as { plan: TurnPlan; usage: TurnUsage } | null;
      const usage = addUsage(current?.usage ?? zeroUsage, toTurnUsage(spokenUsage));
      if (!current || failure) saved = await noteOnly(fallback, text, usage);
      else {
        try {
          saved = await save(current.plan, text, usage);
        } catch (error) {
          if (error instanceof InvalidArtifactError) {
            saved = await noteOnly(current.plan, `${text}\n\n> Nothing was saved: ${error.message}.`, usage);
          } else if (!(error instanceof TurnConflict)) throw error;
          else {
            // Re-plan once on the fresh state: the reply the maker reads is the re-planned one.
            const fresh = await readProjectState({ client, chatId, recent: target.recent });
            input = { ...input, state: fresh };
            const again = await agent.plan(input, new AbortController().signal);
            const total = addUsage(usage, again.usage);
            try {
              saved = await save(again.plan, again.plan.reply, total);
            } catch (second) {
              if (!(second instanceof TurnConflict)) throw second;
              saved = await noteOnly(again.plan, `${text}\n\n${conflictNote}`, total);
            }
          }
        }
      }
      return saved.status;
    };

    const result = await reply.run({
      model: createOfflineModel(),
      signal: options.signal,
      onDelta: options.onDelta,
      stream,
      finish,
    });
    // `saved` is assigned inside `finish`, which TypeScript cannot see run.
    return { ...result, saved: saved as SavedTurn | null } satisfies TurnResult;
  };
  return { id: reply.id, sequenceNumber: reply.sequenceNumber, route, run };
}

function emptyUsage(): LanguageModelUsage {
  return {
    inputTokens: 0,
    inputTokenDetails: { noCacheTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    outputTokens: 0,
    outputTokenDetails: { textTokens: 0, reasoningTokens: 0 },
    totalTokens: 0,
  };
}
