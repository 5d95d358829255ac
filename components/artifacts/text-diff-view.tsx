// A text diff (documents, code files, wiring steps) side by side or inline, with word-level marks inside changed
// lines. The segments are text: React escapes them, so a diff cannot inject markup.
import type { Segment, TextDiff } from '@/lib/artifacts/diff/text';

const cellTone = {
  context: '',
  added: 'bg-emerald-50 dark:bg-emerald-950',
  removed: 'bg-rose-50 dark:bg-rose-950',
} as const;

function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.change === 'same' ? (
          <span key={i}>{s.text}</span>
        ) : s.change === 'added' ? (
          <ins key={i} className="bg-emerald-200 no-underline dark:bg-emerald-800">
            {s.text}
          </ins>
        ) : (
          <del key={i} className="bg-rose-200 dark:bg-rose-800">
            {s.text}
          </del>
        ),
      )}
    </>
  );
}

export function TextDiffView({ diff, layout }: { diff: TextDiff; layout: 'side' | 'inline' }) {
  if (diff.identical) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes.</p>;
  return (
    <div className="space-y-3 font-mono text-xs" data-testid="text-diff" data-layout={layout}>
      <p className="font-sans text-xs text-zinc-600 dark:text-zinc-400">
        +{diff.added} −{diff.removed} lines
      </p>
      {diff.hunks.map((hunk, h) => (
        <div key={h} className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
          <p className="bg-zinc-100 px-2 py-0.5 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            @@ −{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines}
          </p>
          {layout === 'inline' ? (
            <table className="w-full border-collapse">
              <tbody>
                {hunk.inline.map((line, i) => (
                  <tr key={i} className={cellTone[line.kind]}>
                    <td className="w-8 px-1 text-right text-zinc-500 select-none">{line.oldNumber ?? ''}</td>
                    <td className="w-8 px-1 text-right text-zinc-500 select-none">{line.newNumber ?? ''}</td>
                    <td className="w-4 select-none" aria-hidden="true">
                      {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
                    </td>
                    <td className="px-1 whitespace-pre-wrap">
                      <Segments segments={line.segments} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <table className="w-full table-fixed border-collapse">
              <tbody>
                {hunk.sideBySide.map((row, i) => (
                  <tr key={i}>
                    {[row.left, row.right].map((cell, side) => (
                      <td
                        key={side}
                        className={`w-1/2 px-1 align-top whitespace-pre-wrap ${cell ? cellTone[cell.kind] : ''}`}
                      >
                        {cell ? (
                          <>
                            <span className="mr-2 text-zinc-500 select-none">{cell.number}</span>
                            <Segments segments={cell.segments} />
                          </>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </div>
  );
}
