// Turns the per-day panel's rows (day, key, value) into one row per day of the range with a column per series:
// the five largest series by total, the rest folded into "Other", and days without usage as zeros.
import type { DailyPoint } from '@/lib/insights/data';
import { labelOf } from './format';

export type DailySeries = { keys: string[]; rows: ({ day: string } & Record<string, number | string>)[] };

const maxSeries = 5;
const other = 'Other';

export function pivotDaily(
  points: DailyPoint[],
  { from, to, metric }: { from: string; to: string; metric: 'cost' | 'tokens' },
): DailySeries {
  const valueOf = (p: DailyPoint) => (metric === 'cost' ? Number(p.cost) : p.input_tokens + p.output_tokens);
  const totals = new Map<string, number>();
  for (const p of points) totals.set(labelOf(p.key), (totals.get(labelOf(p.key)) ?? 0) + valueOf(p));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const kept = ranked.slice(0, ranked.length > maxSeries ? maxSeries - 1 : maxSeries);
  const keys = ranked.length > kept.length ? [...kept, other] : kept;
  const byDay = new Map<string, Record<string, number>>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    byDay.set(new Date(t).toISOString().slice(0, 10), Object.fromEntries(keys.map((k) => [k, 0])));
  }
  for (const p of points) {
    const row = byDay.get(p.day);
    if (!row) continue;
    const key = kept.includes(labelOf(p.key)) ? labelOf(p.key) : other;
    row[key] += valueOf(p);
  }
  return { keys, rows: [...byDay.entries()].map(([day, values]) => ({ day, ...values })) };
}
