'use client';

// The maker's own edit of the current version: a document in a markdown editor with a preview, BOM lines, or one
// code file, with a summary they can change. Saving sends the version the edit started from; if someone saved
// first the database refuses and the conflict screen takes over. The draft lives in this tab until it saves.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { loadArtifactHeads, loadArtifactVersions, saveArtifact } from '@/app/(shell)/chat/[id]/actions';
import type { ArtifactEdit } from '@/lib/artifacts/edits';
import type { VersionContent } from '@/lib/artifacts/panel-types';
import { panelHref } from '@/lib/artifacts/schemas';
import { Markdown } from '@/components/chat/markdown';
import { BomLineEditor, type CatalogueOption, type EditableLine } from './bom-line-editor';
import { ConflictScreen } from './conflict-screen';
import { useArtifactDraft, type ArtifactDraft } from './use-artifact-draft';

type CodeFileInput = { filename: string; content: string };
export type EditorBase = {
  number: number;
  kind: ArtifactEdit['kind'];
  content: string | null;
  contentJson: unknown;
  lines: EditableLine[];
  files: CodeFileInput[];
};

const input =
  'w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

function freshEdit(base: EditorBase): ArtifactEdit {
  if (base.kind === 'bom') return { kind: 'bom', lines: [] };
  if (base.kind === 'code')
    return { kind: 'code', filename: base.files[0]?.filename ?? '', content: base.files[0]?.content ?? '' };
  return { kind: 'document', content: base.content ?? '' };
}

function describe(edit: ArtifactEdit, lines: EditableLine[]): string {
  if (edit.kind === 'document') return 'Edited the text';
  if (edit.kind === 'code') return `Edited ${edit.filename}`;
  const names = edit.lines.map((e) => lines.find((l) => l.ref === e.ref)?.name ?? e.ref);
  return names.length
    ? `Changed ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`
    : '';
}

/** The maker's edit in words, for the conflict screen: the summary and what each changed line now says. */
function mineText(summary: string, edit: ArtifactEdit, lines: EditableLine[]): string {
  if (edit.kind === 'document') return `${summary}\n\n${edit.content.slice(0, 2000)}`;
  if (edit.kind === 'code') return `${summary}\n\n${edit.content.slice(0, 2000)}`;
  const changes = edit.lines.map((e) => {
    const line = lines.find((l) => l.ref === e.ref);
    const price = e.unitPrice === null ? '' : `, ${e.unitPrice.toFixed(2)} ${line?.currency ?? ''} each`;
    return `• ${line?.name ?? e.ref}: ${e.quantity}${e.catalogueKey && e.catalogueKey !== line?.catalogueKey ? ` × ${e.catalogueKey}` : ''}${price}`;
  });
  return [summary, ...changes].join('\n');
}

export function ArtifactEditor({
  base: panelBase,
  artifact,
  chatId,
  editorBase,
  catalogue,
}: {
  base: string;
  chatId: string;
  artifact: { id: string; type: string; title: string };
  editorBase: EditorBase;
  catalogue: CatalogueOption[];
}) {
  const router = useRouter();
  const fresh = (): ArtifactDraft => ({ baseVersion: editorBase.number, summary: '', edit: freshEdit(editorBase) });
  const { draft, setDraft, clearDraft, restored } = useArtifactDraft(artifact.id, fresh);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ base: VersionContent; theirs: VersionContent } | null>(null);
  const [pending, startTransition] = useTransition();
  if (!draft) return <p className="text-sm">Loading the editor…</p>;
  const edit = draft.edit;
  const summary = draft.summary || describe(edit, editorBase.lines);
  const update = (next: Partial<ArtifactDraft>) => setDraft({ ...draft, ...next });

  const opened = (version: number) => {
    clearDraft();
    router.push(panelHref(panelBase, { artifact: artifact.id, v: version }), { scroll: false });
    router.refresh();
  };
  const save = (expectedVersion: number) =>
    startTransition(async () => {
      setError(null);
      const result = await saveArtifact({ artifactId: artifact.id, expectedVersion, summary, edit });
      if (result.ok) return opened(result.version);
      if (result.error.code !== 'conflict:artifact') return setError(result.error.message);
      const heads = await loadArtifactHeads({ chatId });
      const theirs = heads.ok ? heads.heads.find((h) => h.id === artifact.id)?.current_version : undefined;
      const versions = theirs
        ? await loadArtifactVersions({ artifactId: artifact.id, numbers: [draft.baseVersion, theirs] })
        : null;
      if (!theirs || !versions?.ok) return setError(result.error.message);
      setConflict({ base: versions.versions[draft.baseVersion], theirs: versions.versions[theirs] });
    });

  if (conflict) {
    return (
      <ConflictScreen
        type={artifact.type}
        base={conflict.base}
        theirs={conflict.theirs}
        mine={mineText(summary, edit, editorBase.lines)}
        pending={pending}
        onApplyMine={() => {
          update({ baseVersion: conflict.theirs.number });
          setConflict(null);
          save(conflict.theirs.number);
        }}
        onDiscardMine={() => opened(conflict.theirs.number)}
      />
    );
  }

  return (
    <form
      className="space-y-3"
      data-testid="artifact-editor"
      onSubmit={(event) => {
        event.preventDefault();
        save(draft.baseVersion);
      }}
    >
      {restored ? (
        <p role="status" className="rounded bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950" data-testid="draft-restored">
          Your unsaved edit of v{draft.baseVersion} was kept in this tab.
        </p>
      ) : null}
      {edit.kind === 'document' ? (
        <div className="space-y-2">
          <div role="group" aria-label="Editor mode" className="flex gap-1 text-sm">
            <button
              type="button"
              aria-pressed={!preview}
              onClick={() => setPreview(false)}
              className="rounded px-2 py-0.5 aria-pressed:bg-zinc-200 dark:aria-pressed:bg-zinc-800"
            >
              Write
            </button>
            <button
              type="button"
              aria-pressed={preview}
              onClick={() => setPreview(true)}
              className="rounded px-2 py-0.5 aria-pressed:bg-zinc-200 dark:aria-pressed:bg-zinc-800"
            >
              Preview
            </button>
          </div>
          {preview ? (
            <div data-testid="markdown-preview" className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
              <Markdown>{edit.content}</Markdown>
            </div>
          ) : (
            <textarea
              aria-label={`${artifact.title} (markdown)`}
              data-testid="document-editor"
              className={`${input} min-h-80 font-mono`}
              value={edit.content}
              maxLength={200_000}
              onChange={(e) => update({ edit: { kind: 'document', content: e.target.value } })}
            />
          )}
        </div>
      ) : edit.kind === 'bom' ? (
        <BomLineEditor
          lines={editorBase.lines}
          edits={edit.lines}
          catalogue={catalogue}
          onChange={(lines) => update({ edit: { kind: 'bom', lines } })}
        />
      ) : (
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm">
            File
            <select
              className={input}
              value={edit.filename}
              onChange={(e) => {
                const file = editorBase.files.find((f) => f.filename === e.target.value);
                if (file) update({ edit: { kind: 'code', filename: file.filename, content: file.content } });
              }}
            >
              {editorBase.files.map((f) => (
                <option key={f.filename}>{f.filename}</option>
              ))}
            </select>
          </label>
          <textarea
            aria-label={`Contents of ${edit.filename}`}
            data-testid="code-editor"
            spellCheck={false}
            className={`${input} min-h-80 font-mono text-xs`}
            value={edit.content}
            onChange={(e) => update({ edit: { ...edit, content: e.target.value } })}
          />
        </div>
      )}
      <label className="block text-sm">
        What changed
        <input
          className={input}
          data-testid="edit-summary"
          maxLength={300}
          value={summary}
          onChange={(e) => update({ summary: e.target.value })}
        />
      </label>
      {error ? (
        <p
          role="alert"
          className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          {error} Your edit is kept in this tab.
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending || (edit.kind === 'bom' && edit.lines.length === 0)}
          data-testid="save-version"
          className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
        >
          Save as v{draft.baseVersion + 1}
        </button>
        <button
          type="button"
          onClick={clearDraft}
          className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
        >
          Reset
        </button>
      </div>
    </form>
  );
}
