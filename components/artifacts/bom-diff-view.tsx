// The BOM compare: lines keyed by ref (added, removed, changed with each field old → new), quantity and price
// deltas, and the total's delta in its currency.
import type { BomDiff } from '@/lib/artifacts/diff/bom';
import { describeMoneyChange, formatMoney } from '@/lib/artifacts/diff/money';

export function BomDiffView({ diff }: { diff: BomDiff }) {
  const { total } = diff;
  return (
    <div className="space-y-4 text-sm" data-testid="bom-diff">
      <p data-testid="bom-diff-total" className="font-medium">
        Total {formatMoney(total.before)} → {formatMoney(total.after)} ({describeMoneyChange(total.change)})
        {diff.partCountDelta !== 0
          ? ` · ${diff.partCountDelta > 0 ? '+' : '−'}${Math.abs(diff.partCountDelta)} parts`
          : ''}
      </p>
      {diff.identical ? <p>No changes.</p> : null}
      {diff.added.length > 0 ? (
        <section aria-label="Added lines">
          <h4 className="font-semibold text-emerald-800 dark:text-emerald-300">Added ({diff.added.length})</h4>
          <ul className="list-disc pl-5">
            {diff.added.map((line) => (
              <li key={line.ref} data-testid="bom-added" data-ref={line.ref}>
                {line.quantity} × {line.name}
                {line.linePrice ? ` · ${formatMoney(line.linePrice)}` : ' · no price'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.removed.length > 0 ? (
        <section aria-label="Removed lines">
          <h4 className="font-semibold text-rose-800 dark:text-rose-300">Removed ({diff.removed.length})</h4>
          <ul className="list-disc pl-5">
            {diff.removed.map((line) => (
              <li key={line.ref} data-testid="bom-removed" data-ref={line.ref}>
                {line.quantity} × {line.name}
                {line.linePrice ? ` · ${formatMoney(line.linePrice)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.changed.length > 0 ? (
        <section aria-label="Changed lines">
          <h4 className="font-semibold text-amber-800 dark:text-amber-300">Changed ({diff.changed.length})</h4>
          <ul className="space-y-2">
            {diff.changed.map((change) => (
              <li key={change.ref} data-testid="bom-changed" data-ref={change.ref}>
                <p className="font-medium">
                  {change.name}
                  {change.quantityDelta !== 0
                    ? ` · quantity ${change.quantityDelta > 0 ? '+' : '−'}${Math.abs(change.quantityDelta)}`
                    : ''}
                  {change.linePrice ? ` · ${describeMoneyChange(change.linePrice)}` : ''}
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                  {change.fields.map((field) => (
                    <div key={field.field} className="contents">
                      <dt className="text-zinc-600 dark:text-zinc-400">{field.field}</dt>
                      <dd>
                        <del className="text-rose-800 dark:text-rose-300">{field.beforeText}</del> →{' '}
                        <ins className="text-emerald-800 no-underline dark:text-emerald-300">{field.afterText}</ins>
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.unchangedCount > 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{diff.unchangedCount} lines unchanged.</p>
      ) : null}
    </div>
  );
}
