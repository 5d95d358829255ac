'use client';

// The timeline of one artifact: every version with its number, change summary, author (agent and model, or
// you), the message that made it (a link that scrolls the chat to it) and its time, newest first, paged by keyset
// (older than the last number shown). Live: a version saved elsewhere is fetched by number and put on top.
// Restore makes a new version from an old one; nothing is ever deleted.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { loadArtifactTimeline, restoreArtifact } from '@/app/(shell)/chat/[id]/actions';
import { authorLabel, type ArtifactHead, type TimelineEntry } from '@/lib/artifacts/panel-types';
import { panelHref } from '@/lib/artifacts/schemas';
import { artifactChangedEvent } from './use-artifact-live';

const pageSize = 30;

/** The same text on the server and in every browser: no locale or time zone in it. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function ArtifactTimeline({
  base,
  artifactId,
  currentVersion,
  shownVersion,
  initial,
  readOnly,
}: {
  chatId: string;
  base: string;
  artifactId: string;
  currentVersion: number;
  shownVersion: number;
  initial: TimelineEntry[];
  readOnly: boolean;
}) {
  const router = useRouter();
  const [entries, setEntries] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const newestNumber = Math.max(currentVersion, entries[0]?.version_number ?? 0);
  const newest = useRef(newestNumber);
  useEffect(() => {
    newest.current = newestNumber;
  }, [newestNumber]);
  const oldest = entries.at(-1)?.version_number ?? 1;

  useEffect(() => {
    const onChange = (event: Event) => {
      const head = (event as CustomEvent<ArtifactHead>).detail;
      if (head.id !== artifactId || head.current_version <= newest.current) return;
      void loadArtifactTimeline({ artifactId, after: newest.current }).then((result) => {
        if (!result.ok) return;
        setEntries((current) => {
          const known = new Set(current.map((e) => e.version_number));
          const fresh = result.entries.filter((e) => !known.has(e.version_number));
          return [...fresh, ...current].sort((a, b) => b.version_number - a.version_number);
        });
      });
    };
    window.addEventListener(artifactChangedEvent, onChange);
    return () => window.removeEventListener(artifactChangedEvent, onChange);
  }, [artifactId]);

  const loadOlder = () =>
    startTransition(async () => {
      const result = await loadArtifactTimeline({ artifactId, before: oldest });
      if (result.ok) setEntries((current) => [...current, ...result.entries]);
      else setError(result.error.message);
    });

  const restore = (version: number) =>
    startTransition(async () => {
      setError(null);
      const result = await restoreArtifact({ artifactId, version, expectedVersion: newest.current });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      router.push(panelHref(base, { artifact: artifactId, tab: 'history', v: result.version }), { scroll: false });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {error ? (
        <p
          role="alert"
          className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          {error}
        </p>
      ) : null}
      <ol aria-label="Versions, newest first" className="space-y-2" data-testid="artifact-timeline">
        {entries.map((entry) => {
          const n = entry.version_number;
          const isNewest = n === newestNumber;
          return (
            <li
              key={n}
              data-testid="timeline-entry"
              data-version={n}
              aria-current={n === shownVersion ? 'true' : undefined}
              className="rounded-lg border border-zinc-200 px-3 py-2 text-sm aria-[current=true]:border-sky-700 dark:border-zinc-800"
            >
              <p className="flex flex-wrap items-baseline gap-x-2">
                <Link
                  href={panelHref(base, { artifact: artifactId, v: n })}
                  scroll={false}
                  className="font-semibold underline"
                >
                  v{n}
                </Link>
                <span className="min-w-0 flex-1">{entry.change_summary ?? 'No summary'}</span>
                {isNewest ? <span className="text-xs text-emerald-800 dark:text-emerald-300">current</span> : null}
              </p>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                <span data-testid="timeline-author">{authorLabel(entry)}</span> ·{' '}
                <time dateTime={entry.created_at}>{when(entry.created_at)}</time>
                {entry.message_sequence ? (
                  <>
                    {' · '}
                    <a
                      href={`${panelHref(base, { artifact: artifactId, v: n, tab: 'history' })}#m-${entry.message_sequence}`}
                      className="underline"
                    >
                      the message
                    </a>
                  </>
                ) : null}
              </p>
              <p className="mt-1 flex gap-2 text-xs">
                {n > 1 ? (
                  <Link
                    href={panelHref(base, { artifact: artifactId, tab: 'compare', from: n - 1, to: n })}
                    scroll={false}
                    className="underline"
                  >
                    Changes in v{n}
                  </Link>
                ) : null}
                {!readOnly && !isNewest ? (
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => restore(n)}
                    data-testid="restore-version"
                    className="rounded border border-zinc-300 px-2 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    Restore v{n}
                  </button>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
      {oldest > 1 && entries.length >= pageSize ? (
        <button
          type="button"
          onClick={loadOlder}
          disabled={pending}
          data-testid="timeline-older"
          className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
        >
          Older versions
        </button>
      ) : null}
    </div>
  );
}
