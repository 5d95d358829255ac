// Compare two versions by the artifact's type: the BOM by line, the wiring by connection, code per file, and
// every document as text. Pure: the page renders it for a compare, the conflict screen for "their change".
import { bomSchema, codeSchema, wiringSchema, type Connection } from '@/lib/agents/design/contract';
import { diffBom } from '@/lib/artifacts/diff/bom';
import { diffCode } from '@/lib/artifacts/diff/code';
import { diffText } from '@/lib/artifacts/diff/text';
import { diffWiring, type WiringDiff } from '@/lib/artifacts/diff/wiring';
import type { VersionContent } from '@/lib/artifacts/panel-types';
import { BomDiffView } from './bom-diff-view';
import { TextDiffView } from './text-diff-view';

const wire = (c: Connection) => `${c.from.ref}:${c.from.pin} → ${c.to.ref}:${c.to.pin}`;

function WiringDiffView({ diff, layout }: { diff: WiringDiff; layout: 'side' | 'inline' }) {
  const groups: Array<[string, string, string[]]> = [
    ['wire-added', 'Added wires', diff.added.map(wire)],
    ['wire-removed', 'Removed wires', diff.removed.map(wire)],
    [
      'wire-rerouted',
      'Re-routed',
      diff.rerouted.map((r) => `${wire(r.before)} now → ${r.after.to.ref}:${r.after.to.pin}`),
    ],
    [
      'wire-changed',
      'Changed',
      diff.changed.map(
        (c) => `${c.key}: ${c.fields.map((f) => `${f.field} ${f.before ?? '—'} → ${f.after ?? '—'}`).join(', ')}`,
      ),
    ],
  ];
  return (
    <div className="space-y-3 text-sm" data-testid="wiring-diff">
      {diff.bomVersion ? (
        <p>
          Built from BOM v{diff.bomVersion.before} → v{diff.bomVersion.after}
        </p>
      ) : null}
      {groups
        .filter(([, , items]) => items.length > 0)
        .map(([testId, label, items]) => (
          <section key={testId} aria-label={label}>
            <h4 className="font-semibold">
              {label} ({items.length})
            </h4>
            <ul className="list-disc pl-5 font-mono text-xs">
              {items.map((item) => (
                <li key={item} data-testid={testId}>
                  {item}
                </li>
              ))}
            </ul>
          </section>
        ))}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{diff.unchangedCount} wires unchanged.</p>
      <h4 className="font-semibold">Steps</h4>
      <TextDiffView diff={diff.steps} layout={layout} />
    </div>
  );
}

export function VersionDiff({
  type,
  before,
  after,
  layout = 'side',
}: {
  type: string;
  before: VersionContent;
  after: VersionContent;
  layout?: 'side' | 'inline';
}) {
  if (type === 'bom') {
    const a = bomSchema.safeParse(before.contentJson);
    const b = bomSchema.safeParse(after.contentJson);
    if (a.success && b.success) return <BomDiffView diff={diffBom(a.data, b.data)} />;
  }
  if (type === 'wiring') {
    const a = wiringSchema.safeParse(before.contentJson);
    const b = wiringSchema.safeParse(after.contentJson);
    if (a.success && b.success) return <WiringDiffView diff={diffWiring(a.data, b.data)} layout={layout} />;
  }
  if (type === 'code') {
    const a = codeSchema.safeParse(before.contentJson);
    const b = codeSchema.safeParse(after.contentJson);
    if (a.success && b.success) {
      const diff = diffCode(a.data, b.data);
      return (
        <div className="space-y-4" data-testid="code-diff">
          {diff.identical ? <p className="text-sm">No changes.</p> : null}
          {diff.files.map((file) => (
            <section key={file.filename} data-testid="code-file-diff" data-status={file.status}>
              <h4 className="font-mono text-xs font-semibold">
                {file.filename} · {file.status}
              </h4>
              <TextDiffView diff={file.text} layout={layout} />
            </section>
          ))}
        </div>
      );
    }
  }
  const text = (v: VersionContent) => v.content ?? JSON.stringify(v.contentJson, null, 2);
  return <TextDiffView diff={diffText(text(before), text(after))} layout={layout} />;
}
