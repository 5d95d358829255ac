// The chart panels of /insights, each a figure with its table equivalent: usage per day stacked by model or agent,
// cost by agent, and share of cost by model.
import type { Breakdown, DailyPoint } from '@/lib/insights/data';
import { BreakdownChart, type BreakdownBar } from './breakdown-chart';
import { ChartFigure, cellClass, tableClass } from './chart-figure';
import { DailyChart } from './daily-chart';
import { formatCost, formatCount, formatShare, labelOf } from './format';
import { pivotDaily } from './pivot';

const head = `${cellClass} font-medium text-zinc-600 dark:text-zinc-400`;

export function DailyPanel({
  points,
  from,
  to,
  by,
  metric,
}: {
  points: DailyPoint[];
  from: string;
  to: string;
  by: 'model' | 'agent';
  metric: 'cost' | 'tokens';
}) {
  const series = pivotDaily(points, { from, to, metric });
  const format = (v: number) => (metric === 'cost' ? formatCost(v) : formatCount(v));
  const activeRows = series.rows.filter((row) => series.keys.some((k) => Number(row[k]) > 0));
  return (
    <ChartFigure
      id="daily-usage"
      title={`${metric === 'cost' ? 'Cost' : 'Tokens'} per day by ${by}`}
      summary={`${from} to ${to}, UTC days, stacked by ${by}${series.keys.length ? `: ${series.keys.map(labelOf).join(', ')}` : ''}.`}
      table={
        activeRows.length === 0 ? (
          <p>No usage in this range.</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={head}>
                  Day
                </th>
                {series.keys.map((k) => (
                  <th key={k} scope="col" className={head}>
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {activeRows.map((row) => (
                <tr key={row.day}>
                  <th scope="row" className={`${cellClass} font-normal`}>
                    {row.day}
                  </th>
                  {series.keys.map((k) => (
                    <td key={k} className={cellClass}>
                      {format(Number(row[k]))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    >
      <DailyChart series={series} metric={metric} />
    </ChartFigure>
  );
}

function BreakdownTable({ rows, dimension }: { rows: Breakdown[]; dimension: string }) {
  const total = rows.reduce((s, r) => s + Number(r.cost), 0);
  return (
    <table className={tableClass}>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {dimension}
          </th>
          <th scope="col" className={head}>
            Replies
          </th>
          <th scope="col" className={head}>
            Input (cached)
          </th>
          <th scope="col" className={head}>
            Output
          </th>
          <th scope="col" className={head}>
            Cost
          </th>
          <th scope="col" className={head}>
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className={`${cellClass} font-normal`}>
              {labelOf(r.key)}
            </th>
            <td className={cellClass}>
              {formatCount(r.messages)}
              {r.unpriced_messages > 0 ? ` (${r.unpriced_messages} unpriced)` : ''}
            </td>
            <td className={cellClass}>
              {formatCount(r.input_uncached_tokens + r.cache_read_tokens + r.cache_write_tokens)} (
              {formatCount(r.cache_read_tokens + r.cache_write_tokens)})
            </td>
            <td className={cellClass}>{formatCount(r.output_tokens)}</td>
            <td className={cellClass}>{formatCost(Number(r.cost))}</td>
            <td className={cellClass}>{formatShare(Number(r.cost), total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BreakdownPanel({ rows, by }: { rows: Breakdown[]; by: 'agent' | 'model' }) {
  const total = rows.reduce((s, r) => s + Number(r.cost), 0);
  const bars: BreakdownBar[] = rows.slice(0, 8).map((r) => ({
    label: labelOf(r.key),
    value: by === 'agent' ? Number(r.cost) : total > 0 ? (Number(r.cost) / total) * 100 : 0,
    text: by === 'agent' ? formatCost(Number(r.cost)) : formatShare(Number(r.cost), total),
  }));
  const title = by === 'agent' ? 'Cost by agent' : 'Share of cost by model';
  return (
    <ChartFigure
      id={by === 'agent' ? 'cost-by-agent' : 'share-by-model'}
      title={title}
      summary={rows.length === 0 ? 'No agent replies in this range.' : `${rows.length} ${by}s, largest first.`}
      table={<BreakdownTable rows={rows} dimension={by === 'agent' ? 'Agent' : 'Model'} />}
    >
      {bars.length ? <BreakdownChart bars={bars} title={title} fillIndex={by === 'agent' ? 0 : 2} /> : null}
    </ChartFigure>
  );
}
