// Compare any two versions (?tab=compare&from=&to=&layout=): a plain GET form picks them, so it works without
// script and its URL can be shared; the diff is by the artifact's type (components/artifacts/version-diff.tsx).
import type { ArtifactHead, VersionContent } from '@/lib/artifacts/panel-types';
import type { ArtifactParams } from '@/lib/artifacts/schemas';
import { getArtifactPanel, getArtifactVersions } from '@/lib/artifacts/workspace';
import { VersionDiff } from './version-diff';

async function loadPair(
  chatId: string,
  artifactId: string,
  from: number,
  to: number,
  shareToken?: string,
): Promise<[VersionContent | undefined, VersionContent | undefined]> {
  if (!shareToken) {
    const versions = await getArtifactVersions({ artifactId, numbers: [from, to] });
    return [versions.get(from), versions.get(to)];
  }
  // A share reads through its token, cut at the snapshot: one version each.
  const read = async (n: number) => {
    const { version } = await getArtifactPanel({ chatId, artifactId, version: n, shareToken });
    return version
      ? {
          number: n,
          content: version.content,
          contentJson: version.content_json,
          changeSummary: version.change_summary,
        }
      : undefined;
  };
  return Promise.all([read(from), read(to)]);
}

export async function ArtifactCompare({
  chatId,
  artifact,
  base,
  params,
  shareToken,
}: {
  chatId: string;
  artifact: ArtifactHead;
  base: string;
  params: ArtifactParams;
  shareToken?: string;
}) {
  const newest = artifact.current_version;
  const to = Math.min(params.to ?? newest, newest);
  const from = Math.min(params.from ?? params.v ?? Math.max(1, to - 1), newest);
  const numbers = Array.from({ length: newest }, (_, i) => newest - i);
  const [before, after] =
    newest > 1 ? await loadPair(chatId, artifact.id, from, to, shareToken).catch(() => [undefined, undefined]) : [];
  const select = (name: string, value: number, label: string) => (
    <label className="flex items-center gap-1 text-sm">
      {label}
      <select
        name={name}
        defaultValue={value}
        data-testid={`compare-${name}`}
        className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-4">
      <form action={base} method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="artifact" value={artifact.id} />
        <input type="hidden" name="tab" value="compare" />
        {select('from', from, 'From')}
        {select('to', to, 'to')}
        <label className="flex items-center gap-1 text-sm">
          Layout
          <select
            name="layout"
            defaultValue={params.layout}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="side">Side by side</option>
            <option value="inline">Inline</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800"
          data-testid="compare-submit"
        >
          Compare
        </button>
      </form>
      {newest < 2 ? (
        <p className="text-sm">There is only one version so far.</p>
      ) : before && after ? (
        <section
          aria-label={`Changes from v${from} to v${to}`}
          data-testid="artifact-compare"
          data-from={from}
          data-to={to}
        >
          <h3 className="mb-2 text-sm font-semibold">
            v{from} → v{to}
          </h3>
          <VersionDiff type={artifact.type} before={before} after={after} layout={params.layout} />
        </section>
      ) : (
        <p role="alert" className="text-sm">
          Those versions could not be loaded. Pick two versions between 1 and {newest}.
        </p>
      )}
    </div>
  );
}
