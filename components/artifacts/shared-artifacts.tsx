// A share page's artifacts: those of the snapshot (each at the version it had when the link was made, never a
// later one), listed under the conversation and opened read-only in the same panel as in the chat.
// The share page reads them with its other data (components/share/shared-chat.tsx), so a failed read fails a page
// that is kept whole instead of caching it without its artifacts.
import Link from 'next/link';
import { artifactTypeLabels, panelHref } from '@/lib/artifacts/schemas';
import type { ArtifactHead } from '@/lib/artifacts/panel-types';

export function SharedArtifactList({ token, artifacts }: { token: string; artifacts: ArtifactHead[] }) {
  if (artifacts.length === 0) return null;
  return (
    <section aria-labelledby="shared-artifacts" className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h2 id="shared-artifacts" className="text-sm font-semibold">
        Artifacts in this snapshot
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2" data-testid="shared-artifacts">
        {artifacts.map((a) => (
          <li key={a.id}>
            <Link
              href={panelHref(`/share/${token}`, { artifact: a.id })}
              scroll={false}
              data-testid="shared-artifact"
              data-type={a.type}
              data-version={a.current_version}
              className="inline-block rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {artifactTypeLabels[a.type] ?? a.type} · v{a.current_version} · {a.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
