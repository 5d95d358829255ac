// The model path: with a provider key the same specialists ask a real model for the same zod-typed artifact the
// offline engine writes (AI SDK 7 structured output: generateText with `output: Output.object`; generateObject is
// deprecated), then pass it through the engine's catalogue and rule checks before anything is saved. Invalid JSON
// or an artifact the checks refuse is asked for once more; a second failure ends the turn with a clear message
// and nothing saved. Plain chat (no artifact) streams the model's prose directly.
import { generateText, NoObjectGeneratedError, Output, streamText, type ModelMessage } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { z } from 'zod';
import {
  contentSchemaByType,
  type DesignArtifactType,
  type PlanTurnInput,
  type ProjectState,
  type StaleMark,
  type TurnIntent,
  type TurnPlan,
  type Wiring,
} from '../design/contract';
import { renderCircuitSvg } from '../design/svg';
import { specialistByIntent } from '../registry';
import { addUsage, speakPlannedReply, toTurnUsage, zeroUsage, type TurnAgent } from './runner';

/** The engine's check of a model-written artifact (lib/agents/design/verify): repaired json, or what is wrong. */
export type VerifyArtifact = (
  type: DesignArtifactType,
  json: unknown,
  state: ProjectState,
) => { ok: true; value: unknown; warnings: unknown[] } | { ok: false; issues: string[] };

export const artifactTypeByIntent: Partial<Record<TurnIntent, DesignArtifactType>> = {
  CONTEXT: 'context',
  MVP: 'mvp',
  PRD: 'prd',
  BOM: 'bom',
  WIRING: 'wiring',
  CODE: 'code',
  BUDGET: 'budget',
};

const titles: Record<DesignArtifactType, string> = {
  context: 'Project context',
  mvp: 'MVP spec',
  prd: 'Product requirements',
  bom: 'Bill of materials',
  wiring: 'Wiring',
  circuit_diagram: 'Circuit diagram',
  code: 'Firmware',
  budget: 'Budget',
};

const systemPrompt = [
  'You are OHM, a team of agents that help makers build hardware: project context, BOM, wiring and firmware.',
  'Be concrete and correct: real parts with manufacturer and MPN, real pins, voltages and libraries.',
  'Never connect a 5 V signal to a 3.3 V GPIO without a level shifter; never drive motors from a GPIO.',
  'Firmware targets PlatformIO with the Arduino framework, in three units: 1 calibration, 2 minimal, 3 full.',
].join(' ');

function describeState(state: ProjectState): string {
  const lines = [
    `Project: ${state.project ? `${state.project.name} (${state.project.goal ?? 'no goal yet'})` : 'none yet'}`,
  ];
  for (const [type, artifact] of Object.entries(state.artifacts)) {
    if (!artifact) continue;
    lines.push(`Current ${type} v${artifact.version}${artifact.stale ? ` (stale: ${artifact.stale.reason})` : ''}:`);
    lines.push(JSON.stringify(artifact.json));
  }
  return lines.join('\n');
}

/** BOM changes leave the wiring, diagram and code built from an older BOM marked stale. */
function staleAfterBom(state: ProjectState, bomVersion: number): TurnPlan['stale'] {
  const marks: TurnPlan['stale'] = [];
  for (const type of ['wiring', 'code'] as const) {
    const built = state.artifacts[type];
    if (!built || built.json.bomVersion >= bomVersion) continue;
    const mark: StaleMark = {
      reason: `BOM v${bomVersion} changed the parts this ${type} was built from`,
      basedOn: { type: 'bom', version: built.json.bomVersion },
      current: { type: 'bom', version: bomVersion },
    };
    marks.push({ artifactId: built.artifactId, mark });
  }
  return marks;
}

export function createModelAgent({
  model,
  modelLabel,
  verify,
}: {
  model: LanguageModelV4;
  modelLabel: string;
  verify: VerifyArtifact;
}): TurnAgent {
  return {
    modelLabel,
    modelPath: true,
    async plan(input: PlanTurnInput, abortSignal: AbortSignal) {
      const agent = specialistByIntent[input.intent];
      const type = artifactTypeByIntent[input.intent];
      const base = { intent: input.intent, agent, stale: [], projectName: null, question: false };
      if (!type) return { plan: { ...base, reply: '', writes: [] }, usage: zeroUsage };

      const schema = z.object({
        reply: z
          .string()
          .min(1)
          .describe('What you say to the maker, in Markdown: what you made, warnings, next step.'),
        title: z.string().min(1).max(200),
        projectName: z.string().min(1).max(200),
        changeSummary: z.string().min(1).max(500).describe('"Initial version" or what changed from the current one.'),
        content: z.string().describe(`A readable Markdown rendering of the ${type}.`),
        artifact: contentSchemaByType[type],
      });
      const current = input.state.artifacts[type];
      const prompt = [
        describeState(input.state),
        '',
        `The maker says: ${input.message}`,
        current
          ? `Write version ${current.version + 1} of the ${type}: change only what the maker asked.`
          : `Write the first version of the ${type}.`,
      ].join('\n');
      let usage = zeroUsage;
      let problems: string[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const result = await generateText({
            model,
            system: systemPrompt,
            prompt:
              attempt === 0 ? prompt : `${prompt}\n\nYour previous answer was refused: ${problems.join('; ')}. Fix it.`,
            output: Output.object({ schema }),
            abortSignal,
          });
          usage = addUsage(usage, toTurnUsage(result.usage));
          const verdict = verify(type, result.output.artifact, input.state);
          if (!verdict.ok) {
            problems = verdict.issues;
            continue;
          }
          const object = result.output;
          const version = current ? current.version + 1 : 1;
          const writes: TurnPlan['writes'] = [
            {
              type,
              title: current?.title ?? object.title,
              base: current ? { artifactId: current.artifactId, expectedVersion: current.version } : null,
              content: object.content,
              contentJson: verdict.value,
              changeSummary: current ? object.changeSummary : 'Initial version',
            },
          ];
          // The diagram is drawn by our own code from the verified connections, never taken from the model.
          const bom = input.state.artifacts.bom;
          if (type === 'wiring' && bom) {
            const drawn = renderCircuitSvg(verdict.value as Wiring, bom.json);
            const existing = input.state.artifacts.circuit_diagram;
            writes.push({
              type: 'circuit_diagram',
              title: existing?.title ?? titles.circuit_diagram,
              base: existing ? { artifactId: existing.artifactId, expectedVersion: existing.version } : null,
              content: drawn.svg,
              contentJson: { wiringVersion: version, width: drawn.width, height: drawn.height },
              changeSummary: existing ? `Redrawn from wiring v${version}` : 'Initial version',
            });
          }
          const stale = type === 'bom' ? staleAfterBom(input.state, version) : [];
          return {
            plan: { ...base, reply: object.reply, writes, stale, projectName: object.projectName },
            usage,
          };
        } catch (error) {
          if (!NoObjectGeneratedError.isInstance(error)) throw error;
          usage = addUsage(usage, toTurnUsage(error.usage));
          problems = ['the answer was not valid JSON of the requested shape'];
        }
      }
      throw new Error(`the model's ${type} was refused twice (${problems.join('; ')})`);
    },
    speak(plan, input, abortSignal) {
      if (plan.reply !== '') return speakPlannedReply(plan, abortSignal, 0);
      const messages: ModelMessage[] = [...input.state.recent.filter((m) => m.content.trim() !== '')].map((m) => ({
        role: m.role,
        content: m.content,
      }));
      const last = messages.at(-1);
      if (!last || last.role !== 'user' || last.content !== input.message)
        messages.push({ role: 'user', content: input.message });
      const result = streamText({
        model,
        system: `${systemPrompt}\n\n${describeState(input.state)}`,
        messages,
        abortSignal,
      });
      return { textStream: result.textStream, usage: result.usage };
    },
  };
}
