// The rules' findings on a design: what is wrong, why, and the fix; resolved ones are shown as such.
import type { DesignWarning } from '@/lib/agents/design/contract';

export function WarningList({ warnings }: { warnings: DesignWarning[] }) {
  const unique = warnings.filter(
    (w, i) => warnings.findIndex((o) => o.rule === w.rule && o.message === w.message) === i,
  );
  if (unique.length === 0) return null;
  return (
    <section aria-label="Warnings" className="space-y-2">
      <h3 className="text-sm font-semibold">Warnings</h3>
      <ul className="space-y-2 text-sm" data-testid="design-warnings">
        {unique.map((w) => (
          <li
            key={`${w.rule}:${w.message}`}
            className={`rounded-lg border px-3 py-2 ${w.resolved ? 'border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400' : 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950'}`}
          >
            <p className="font-medium">
              {w.resolved ? '✓ ' : '⚠ '}
              {w.message}
            </p>
            <p className="text-xs">
              {w.reason} <span className="font-medium">Fix:</span> {w.fix}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
