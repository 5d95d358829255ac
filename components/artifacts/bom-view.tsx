// A BOM version as a table: quantity, part (MPN, manufacturer, whether the catalogue knows it), interface and
// supply, unit and line prices with their currency, alternatives and warnings; the total and the power budget.
import type { Bom, DesignWarning, Money } from '@/lib/agents/design/contract';
import { WarningList } from './warning-list';

export function formatMoney(money: Money | null): string {
  if (!money) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency }).format(money.amount);
}

const cell = 'border-b border-zinc-200 px-2 py-1.5 align-top dark:border-zinc-800';

export function BomView({ bom }: { bom: Bom }) {
  const lineWarnings: DesignWarning[] = bom.lines.flatMap((line) => line.warnings);
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm" data-testid="bom-table">
          <thead>
            <tr className="text-left text-xs text-zinc-600 dark:text-zinc-400">
              <th className={cell}>Qty</th>
              <th className={cell}>Part</th>
              <th className={cell}>Interface</th>
              <th className={cell}>Supply</th>
              <th className={`${cell} text-right`}>Unit</th>
              <th className={`${cell} text-right`}>Line</th>
              <th className={cell}>Alternatives</th>
            </tr>
          </thead>
          <tbody>
            {bom.lines.map((line) => (
              <tr key={line.ref} data-testid="bom-line" data-ref={line.ref}>
                <td className={cell}>{line.quantity}</td>
                <td className={cell}>
                  <span className="font-medium" data-testid="bom-line-name">
                    {line.name}
                  </span>
                  {!line.verified ? (
                    <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                      unverified
                    </span>
                  ) : null}
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {[line.manufacturer, line.mpn].filter(Boolean).join(' · ')}
                    {line.reason ? ` — ${line.reason}` : ''}
                  </span>
                  {line.warnings.length > 0 ? (
                    <span className="block text-xs text-amber-800 dark:text-amber-300">
                      ⚠ {line.warnings[0].message}
                    </span>
                  ) : null}
                </td>
                <td className={cell}>{line.interface ?? '—'}</td>
                <td className={cell}>{line.voltage ?? '—'}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatMoney(line.unitPrice)}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatMoney(line.linePrice)}</td>
                <td className={`${cell} text-xs`}>
                  {line.alternatives.length === 0
                    ? '—'
                    : line.alternatives.map((alt) => (
                        <span key={alt.catalogueKey} className="block">
                          {alt.name}
                          {alt.unitPrice ? ` (${formatMoney(alt.unitPrice)})` : ''}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-medium">
              <td className={cell} colSpan={5}>
                Total · {bom.totals.partCount} parts on {bom.totals.lineCount} lines
              </td>
              <td className={`${cell} text-right tabular-nums`} data-testid="bom-total">
                {formatMoney(bom.totals.subtotal)}
              </td>
              <td className={cell} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <span className="font-medium">Power:</span> {bom.power.supply} — typical {bom.power.typicalMa} mA, peak{' '}
        {bom.power.peakMa} mA of {bom.power.budgetMa} mA available.
      </p>
      <WarningList warnings={[...bom.warnings, ...lineWarnings]} />
    </div>
  );
}
