'use client';

// Cost (or tokens) per day, stacked by model or by agent (Recharts). Drawn in the browser only (see useMounted);
// the table equivalent is rendered on the server with the same numbers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from './pivot';
import { formatCost, formatCount } from './format';
import { seriesFill } from './series-patterns';
import { useMounted } from './use-mounted';

export function DailyChart({ series, metric }: { series: DailySeries; metric: 'cost' | 'tokens' }) {
  const mounted = useMounted();
  const format = (value: number) => (metric === 'cost' ? formatCost(value) : formatCount(value));
  if (!mounted) return <div className="h-72" aria-hidden="true" />;
  return (
    <div className="h-72 text-zinc-800 dark:text-zinc-200" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} title="Usage per day">
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tick={{ fill: 'currentColor', fontSize: 12 }} stroke="currentColor" tickMargin={6} />
          <YAxis
            tick={{ fill: 'currentColor', fontSize: 12 }}
            stroke="currentColor"
            width={72}
            tickFormatter={(v: number) => format(v)}
          />
          <Tooltip
            formatter={(value) => format(Number(value))}
            contentStyle={{ background: 'var(--insights-tooltip-bg)', color: 'var(--insights-tooltip-fg)' }}
            cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
          />
          <Legend itemSorter={null} />
          {series.keys.map((key, index) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="usage"
              fill={seriesFill(index)}
              stroke="currentColor"
              strokeWidth={0.5}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
