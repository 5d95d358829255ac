// The artifacts workspace beside the chat (a sheet on a phone): the chat's artifacts grouped by type with stale
// badges, and for the one the URL names (?artifact=&v=&tab=) its content, timeline, a compare of two versions by
// type, or the editor. All of it is URL state, so a reload or a shared link reopens the same view. On a share
// page it is read-only and cut at the snapshot's versions.
import Link from 'next/link';
import { getArtifactVersion } from '@/lib/artifacts/data';
import { editKindOf } from '@/lib/artifacts/edits';
import type { ArtifactPanelData } from '@/lib/artifacts/panel-types';
import { artifactTypeLabels, panelHref, type ArtifactParams } from '@/lib/artifacts/schemas';
import { getArtifactPanel } from '@/lib/artifacts/workspace';
import { ArtifactBody } from './artifact-body';
import { ArtifactCompare } from './artifact-compare';
import { ArtifactEditor } from './artifact-editor';
import { ArtifactHeads } from './artifact-heads';
import { ArtifactTimeline } from './artifact-timeline';
import { catalogueOptions, editorBaseOf } from './editor-base';
import { PanelKeys } from './panel-keys';

const tabs = [
  ['view', 'Content'],
  ['history', 'History'],
  ['compare', 'Compare'],
  ['edit', 'Edit'],
] as const;

export async function ArtifactPanel({
  chatId,
  base,
  params,
  shareToken,
}: {
  chatId: string;
  base: string;
  params: ArtifactParams;
  shareToken?: string;
}) {
  const panel = await getArtifactPanel({ chatId, artifactId: params.artifact, version: params.v, shareToken }).catch(
    (error: Error) => error,
  );
  return (
    <aside
      aria-labelledby="artifact-panel-title"
      data-testid="artifact-panel"
      className="fixed inset-x-0 top-12 bottom-0 z-30 flex flex-col rounded-t-2xl border-t border-zinc-200 bg-white shadow-2xl lg:static lg:inset-auto lg:z-auto lg:w-[46%] lg:max-w-3xl lg:rounded-none lg:border-t-0 lg:border-l lg:shadow-none dark:border-zinc-800 dark:bg-zinc-950"
    >
      <PanelKeys closeHref={base} />
      {panel instanceof Error || !panel.artifact || !panel.version ? (
        <>
          <PanelHeader base={base} title="Artifact not found" />
          <p className="px-4 py-4 text-sm" role="alert">
            {panel instanceof Error ? panel.message : 'This artifact does not exist or you do not have access to it.'}
          </p>
        </>
      ) : (
        <PanelContent
          chatId={chatId}
          base={base}
          params={params}
          panel={{ ...panel, artifact: panel.artifact, version: panel.version, timeline: panel.timeline ?? [] }}
          shareToken={shareToken}
        />
      )}
    </aside>
  );
}

function PanelHeader({ base, title, subtitle }: { base: string; title: string; subtitle?: string }) {
  return (
    <header className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <div className="min-w-0">
        <h2
          id="artifact-panel-title"
          tabIndex={-1}
          className="truncate text-base font-semibold"
          data-testid="artifact-title"
        >
          {title}
        </h2>
        {subtitle ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="artifact-version">
            {subtitle}
          </p>
        ) : null}
      </div>
      <Link
        href={base}
        scroll={false}
        aria-label="Close the artifact (Escape)"
        className="rounded px-2 py-1 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
      >
        ✕
      </Link>
    </header>
  );
}

async function PanelContent({
  chatId,
  base,
  params,
  panel,
  shareToken,
}: {
  chatId: string;
  base: string;
  params: ArtifactParams;
  panel: Required<ArtifactPanelData>;
  shareToken?: string;
}) {
  const readOnly = shareToken !== undefined;
  const { artifact, version } = panel;
  const label = artifactTypeLabels[artifact.type] ?? artifact.type;
  const editable = !readOnly && editKindOf(artifact.type) !== null;
  const tab = params.tab === 'edit' && !editable ? 'view' : params.tab;
  const editorBase =
    tab === 'edit' && version.version_number === artifact.current_version ? editorBaseOf(artifact.type, version) : null;
  const diagram =
    tab === 'view' && artifact.type === 'wiring' && !readOnly
      ? await getArtifactVersion({ chatId, artifactId: artifact.id, version: version.version_number })
          .then((v) => v.diagram)
          .catch(() => null)
      : null;
  const href = (extra: Partial<ArtifactParams>) => panelHref(base, { artifact: artifact.id, v: params.v, ...extra });
  return (
    <>
      <PanelHeader
        base={base}
        title={`${label} · ${artifact.title}`}
        subtitle={`Version ${version.version_number} of ${artifact.current_version}${version.change_summary ? ` · ${version.change_summary}` : ''}`}
      />
      <ArtifactHeads
        chatId={chatId}
        base={base}
        initial={panel.artifacts}
        openId={artifact.id}
        openVersion={artifact.current_version}
        live={!readOnly}
      />
      <nav aria-label="Artifact views" className="flex gap-1 border-b border-zinc-200 px-3 dark:border-zinc-800">
        {tabs
          .filter(([key]) => key !== 'edit' || editable)
          .map(([key, text]) => (
            <Link
              key={key}
              href={href({ tab: key, v: key === 'edit' ? undefined : params.v })}
              scroll={false}
              aria-current={tab === key ? 'page' : undefined}
              data-testid={`artifact-tab-${key}`}
              className="border-b-2 border-transparent px-3 py-2 text-sm aria-[current=page]:border-sky-700 aria-[current=page]:font-medium focus-visible:outline-2 focus-visible:outline-sky-600"
            >
              {text}
            </Link>
          ))}
      </nav>
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto px-4 py-4">
        {tab === 'view' ? (
          <>
            {version.version_number < artifact.current_version ? (
              <p className="rounded-lg bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950" data-testid="older-version">
                This is an older version.{' '}
                <Link
                  href={panelHref(base, { artifact: artifact.id, v: artifact.current_version })}
                  scroll={false}
                  className="underline"
                >
                  Open v{artifact.current_version}, the newest
                </Link>
              </p>
            ) : artifact.stale ? (
              <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm dark:bg-amber-950" data-testid="stale-mark">
                Out of date: {artifact.stale.reason}. Ask OHM to update it.
              </p>
            ) : null}
            <ArtifactBody
              view={{ type: artifact.type, content: version.content, contentJson: version.content_json, diagram }}
            />
          </>
        ) : tab === 'history' ? (
          <ArtifactTimeline
            key={`${artifact.id}:${artifact.current_version}`}
            chatId={chatId}
            base={base}
            artifactId={artifact.id}
            currentVersion={artifact.current_version}
            shownVersion={version.version_number}
            initial={panel.timeline}
            readOnly={readOnly}
          />
        ) : tab === 'compare' ? (
          <ArtifactCompare artifact={artifact} base={base} params={params} chatId={chatId} shareToken={shareToken} />
        ) : editorBase ? (
          <ArtifactEditor
            key={`${artifact.id}:${editorBase.number}`}
            base={base}
            chatId={chatId}
            artifact={{ id: artifact.id, type: artifact.type, title: artifact.title }}
            editorBase={editorBase}
            catalogue={artifact.type === 'bom' ? catalogueOptions() : []}
          />
        ) : (
          <p className="text-sm">This version cannot be edited here.</p>
        )}
      </div>
    </>
  );
}
