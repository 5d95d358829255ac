// Saves a finished turn as its job's finish (public.agent_job_write 'reply.finish', which runs
// public.complete_agent_turn for this job's chat and reply: one transaction) and names its outcomes: the versions
// written, a reply already stopped, or a version conflict the runner can re-plan on.
import { isRefused, type TurnJob } from '../turn-job';
import type { buildTurnDocument } from './payload';

export type SavedVersion = {
  artifactId: string;
  type: string;
  title: string;
  version: number;
  versionId: string;
  changeSummary: string | null;
};
export type SavedTurn = { status: 'complete' | 'stopped'; projectId: string | null; versions: SavedVersion[] };

/** Another writer moved an artifact past the version this turn was planned on (PT409). */
export class TurnConflict extends Error {}
export class TurnSaveError extends Error {}

export async function saveTurn({
  job,
  turn,
}: {
  job: TurnJob;
  turn: ReturnType<typeof buildTurnDocument>;
}): Promise<SavedTurn> {
  const { data, error } = await job.write({ op: 'reply.finish', body: turn, key: job.nextKey('reply.finish') });
  if (error) {
    if (error.code === 'PT409') throw new TurnConflict(error.message);
    throw new TurnSaveError(error.message);
  }
  // The job refuses once the reply is no longer streaming (its owner pressed Stop): nothing was written.
  if (isRefused(data)) return { status: 'stopped', projectId: null, versions: [] };
  return data as unknown as SavedTurn;
}
