'use client';

// The chat's artifacts grouped by type, each with its current version and a stale badge where a BOM change left
// it behind; live in every tab of the owner. When the open artifact gains a version here, a banner offers it.
import Link from 'next/link';
import type { ArtifactHead } from '@/lib/artifacts/panel-types';
import { artifactTypeLabels, panelHref } from '@/lib/artifacts/schemas';
import { useArtifactLive } from './use-artifact-live';

const typeOrder = ['context', 'mvp', 'prd', 'bom', 'wiring', 'circuit_diagram', 'code', 'budget'];

export function ArtifactHeads({
  chatId,
  base,
  initial,
  openId,
  openVersion,
  live,
}: {
  chatId: string;
  base: string;
  initial: ArtifactHead[];
  openId: string;
  openVersion: number;
  live: boolean;
}) {
  const heads = useArtifactLive(chatId, initial, live);
  const open = heads.find((h) => h.id === openId);
  const groups = [...new Set(heads.map((h) => h.type))].sort((a, b) => typeOrder.indexOf(a) - typeOrder.indexOf(b));
  return (
    <div className="border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <ul
        aria-label="Artifacts in this chat"
        className="flex flex-wrap gap-x-3 gap-y-1 text-xs"
        data-testid="artifact-heads"
      >
        {groups.map((type) => (
          <li key={type} className="flex items-center gap-1">
            <span className="font-semibold text-zinc-600 dark:text-zinc-400">{artifactTypeLabels[type] ?? type}</span>
            <ul className="flex gap-1">
              {heads
                .filter((h) => h.type === type)
                .map((h) => (
                  <li key={h.id}>
                    <Link
                      href={panelHref(base, { artifact: h.id })}
                      scroll={false}
                      aria-current={h.id === openId ? 'true' : undefined}
                      data-testid="artifact-head"
                      data-type={h.type}
                      data-version={h.current_version}
                      title={h.title}
                      className="inline-flex items-center gap-1 rounded border border-zinc-300 px-1.5 py-0.5 hover:bg-zinc-100 aria-[current=true]:border-sky-700 aria-[current=true]:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current=true]:bg-sky-950"
                    >
                      v{h.current_version}
                      {h.stale ? (
                        <span
                          data-testid="stale-badge"
                          title={h.stale.reason}
                          className="rounded bg-amber-200 px-1 text-amber-950 dark:bg-amber-800 dark:text-amber-50"
                        >
                          stale
                        </span>
                      ) : null}
                    </Link>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      {open && open.current_version > openVersion ? (
        <p
          role="status"
          data-testid="newer-version"
          className="mt-2 rounded bg-sky-50 px-2 py-1 text-sm dark:bg-sky-950"
        >
          v{open.current_version} was just saved.{' '}
          <Link
            href={panelHref(base, { artifact: openId, v: open.current_version })}
            scroll={false}
            className="underline"
          >
            Open v{open.current_version}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
