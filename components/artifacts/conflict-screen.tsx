'use client';

// Someone saved first (another tab, an agent, a fork's collaborator): their change as a diff by type, the
// maker's edit kept as it is, and the two ways on — apply mine on top (a new version after theirs) or discard mine.
import type { VersionContent } from '@/lib/artifacts/panel-types';
import { VersionDiff } from './version-diff';

export function ConflictScreen({
  type,
  base,
  theirs,
  mine,
  pending,
  onApplyMine,
  onDiscardMine,
}: {
  type: string;
  base: VersionContent;
  theirs: VersionContent;
  mine: string;
  pending: boolean;
  onApplyMine: () => void;
  onDiscardMine: () => void;
}) {
  return (
    <section
      aria-labelledby="conflict-title"
      data-testid="conflict-screen"
      className="space-y-4 rounded-lg border border-amber-400 bg-amber-50/50 p-3 dark:border-amber-700 dark:bg-amber-950/40"
    >
      <h3 id="conflict-title" className="text-base font-semibold" tabIndex={-1}>
        v{theirs.number} was saved while you edited v{base.number}
      </h3>
      <div>
        <h4 className="text-sm font-semibold">
          Their change (v{base.number} → v{theirs.number}: {theirs.changeSummary ?? 'no summary'})
        </h4>
        <VersionDiff type={type} before={base} after={theirs} layout="inline" />
      </div>
      <div>
        <h4 className="text-sm font-semibold">Your edit (kept)</h4>
        <p className="text-sm whitespace-pre-wrap" data-testid="conflict-mine">
          {mine}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={onApplyMine}
          data-testid="apply-mine"
          className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
        >
          Apply mine on top (v{theirs.number + 1})
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onDiscardMine}
          data-testid="discard-mine"
          className="rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Discard mine
        </button>
      </div>
    </section>
  );
}
