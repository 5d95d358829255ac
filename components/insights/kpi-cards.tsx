// The KPI cards for the selected range: replies, tokens in (with the cached part) and out, cost, unpriced calls.
import type { UsageTotals } from '@/lib/insights/data';
import { formatCost, formatCount } from './format';

export function KpiCards({ totals }: { totals: UsageTotals }) {
  const cached = totals.cache_read_tokens + totals.cache_write_tokens;
  const input = totals.input_uncached_tokens + cached;
  const cards = [
    { label: 'Agent replies', value: formatCount(totals.messages), note: null },
    {
      label: 'Input tokens',
      value: formatCount(input),
      note: `${formatCount(totals.cache_read_tokens)} read from cache, ${formatCount(totals.cache_write_tokens)} written`,
    },
    { label: 'Output tokens', value: formatCount(totals.output_tokens), note: null },
    { label: 'Cost', value: formatCost(totals.cost), note: 'at the price when each reply was written' },
    {
      label: 'Unpriced calls',
      value: formatCount(totals.unpriced_messages),
      note: totals.unpriced_messages > 0 ? 'their models have no price: not in the cost' : 'every reply has a price',
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="insights-kpis">
      {cards.map((card) => (
        <div key={card.label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <dt className="text-sm text-zinc-600 dark:text-zinc-400">{card.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{card.value}</dd>
          {card.note ? <dd className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{card.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
