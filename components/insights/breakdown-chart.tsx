'use client';

// A horizontal bar per agent or model, each bar named on its axis and labelled with its value (cost by agent, share
// of cost by model). Browser-only like the daily chart; the table equivalent comes from the server.
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesFill } from './series-patterns';
import { useMounted } from './use-mounted';

export type BreakdownBar = { label: string; value: number; text: string };

export function BreakdownChart({ bars, title, fillIndex }: { bars: BreakdownBar[]; title: string; fillIndex: number }) {
  const mounted = useMounted();
  const height = Math.max(bars.length * 36 + 16, 80);
  if (!mounted) return <div className="h-40" aria-hidden="true" />;
  return (
    <div className="text-zinc-800 dark:text-zinc-200" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 80, bottom: 4, left: 8 }} title={title}>
          <XAxis type="number" hide />
          <YAxis
            type="category"
            dataKey="label"
            width={170}
            tick={{ fill: 'currentColor', fontSize: 12 }}
            stroke="currentColor"
          />
          <Tooltip
            formatter={(_value, _name, item) => (item.payload as BreakdownBar).text}
            contentStyle={{ background: 'var(--insights-tooltip-bg)', color: 'var(--insights-tooltip-fg)' }}
            cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
          />
          <Bar dataKey="value" name={title} fill={seriesFill(fillIndex)} isAnimationActive={false}>
            <LabelList dataKey="text" position="right" fill="currentColor" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
