// The artifact view beside the chat: one version of one artifact, the one the URL names (?artifact=&v=), rendered
// by type. Older versions say so and link to the newest; a stale mark says what changed since. The workspace
// (timeline, diffs, restore, manual edits) grows from here.
import Link from 'next/link';
import { bomSchema, codeSchema, wiringSchema } from '@/lib/agents/design/contract';
import { getArtifactVersion, type ArtifactVersionView } from '@/lib/artifacts/data';
import { artifactHref, artifactTypeLabels } from '@/lib/artifacts/schemas';
import { Markdown } from '@/components/chat/markdown';
import { BomView } from './bom-view';
import { CodeView } from './code-view';
import { svgDataUrl, WiringView } from './wiring-view';

function Body({ view }: { view: ArtifactVersionView }) {
  const json = view.version.contentJson;
  if (view.artifact.type === 'bom') {
    const bom = bomSchema.safeParse(json);
    if (bom.success) return <BomView bom={bom.data} />;
  }
  if (view.artifact.type === 'wiring') {
    const wiring = wiringSchema.safeParse(json);
    if (wiring.success) return <WiringView wiring={wiring.data} diagram={view.diagram} />;
  }
  if (view.artifact.type === 'code') {
    const code = codeSchema.safeParse(json);
    if (code.success) return <CodeView code={code.data} />;
  }
  if (view.artifact.type === 'circuit_diagram' && view.version.content) {
    return <WiringDiagramOnly svg={view.version.content} />;
  }
  if (view.version.content) return <Markdown>{view.version.content}</Markdown>;
  return (
    <pre className="overflow-x-auto rounded-lg bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
      {JSON.stringify(json, null, 2)}
    </pre>
  );
}

function WiringDiagramOnly({ svg }: { svg: string }) {
  // eslint-disable-next-line @next/next/no-img-element -- a data: URL of our own SVG, shown as an image so it cannot run script
  return <img src={svgDataUrl(svg)} alt="Circuit diagram" data-testid="circuit-diagram" className="w-full bg-white" />;
}

export async function ArtifactPanel({
  chatId,
  artifactId,
  version,
}: {
  chatId: string;
  artifactId: string;
  version?: number;
}) {
  const view = await getArtifactVersion({ chatId, artifactId, version }).catch((error: Error) => error);
  return (
    <aside
      aria-label="Artifact"
      data-testid="artifact-panel"
      className="fixed inset-0 z-30 flex flex-col bg-white lg:static lg:inset-auto lg:z-auto lg:w-[46%] lg:max-w-3xl lg:border-l lg:border-zinc-200 dark:bg-zinc-950 dark:lg:border-zinc-800"
    >
      <header className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        {view instanceof Error ? (
          <h2 className="text-base font-semibold">Artifact not found</h2>
        ) : (
          <div className="min-w-0">
            <h2 className="truncate text-base font-semibold" data-testid="artifact-title">
              {artifactTypeLabels[view.artifact.type] ?? view.artifact.type} · {view.artifact.title}
            </h2>
            <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="artifact-version">
              Version {view.version.number} of {view.artifact.totalVersions}
              {view.version.changeSummary ? ` · ${view.version.changeSummary}` : ''}
            </p>
          </div>
        )}
        <Link
          href={`/chat/${chatId}`}
          scroll={false}
          aria-label="Close the artifact"
          className="rounded px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          ✕
        </Link>
      </header>
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto px-4 py-4">
        {view instanceof Error ? (
          <p className="text-sm">{view.message}</p>
        ) : (
          <>
            {view.version.number < view.artifact.currentVersion ? (
              <p className="rounded-lg bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950" data-testid="older-version">
                This is an older version.{' '}
                <Link
                  href={artifactHref(chatId, { artifactId, version: view.artifact.currentVersion })}
                  scroll={false}
                  className="underline"
                >
                  Open v{view.artifact.currentVersion}, the newest
                </Link>
              </p>
            ) : view.stale ? (
              <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm dark:bg-amber-950" data-testid="stale-mark">
                Out of date: {view.stale.reason}. Ask OHM to update it.
              </p>
            ) : null}
            <Body view={view} />
          </>
        )}
      </div>
    </aside>
  );
}
