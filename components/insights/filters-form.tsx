// The /insights filters: a plain GET form, so every view is a URL (validated on the server by lib/insights/filters).
import type { InsightsFilters } from '@/lib/insights/filters';
import { labelOf } from './format';

const field = 'rounded-lg border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900';

export function FiltersForm({
  filters,
  options,
}: {
  filters: InsightsFilters;
  options: { agents: string[]; models: string[]; projects: { id: string; name: string }[] };
}) {
  const p = filters.params;
  return (
    <form action="/insights" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Filters">
      {filters.scope === 'team' ? <input type="hidden" name="scope" value="team" /> : null}
      <label className="flex flex-col">
        <span>Range</span>
        <select name="range" defaultValue={p.range} className={field}>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
          <option value="custom">From – to</option>
        </select>
      </label>
      <label className="flex flex-col">
        <span>From</span>
        <input name="from" type="date" defaultValue={p.range === 'custom' ? p.from : filters.from} className={field} />
      </label>
      <label className="flex flex-col">
        <span>To</span>
        <input name="to" type="date" defaultValue={p.range === 'custom' ? p.to : filters.to} className={field} />
      </label>
      <label className="flex flex-col">
        <span>Agent</span>
        <select name="agent" defaultValue={p.agent} className={field}>
          <option value="">Any</option>
          {options.agents.filter(Boolean).map((a) => (
            <option key={a} value={a}>
              {labelOf(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span>Model</span>
        <select name="model" defaultValue={p.model} className={field}>
          <option value="">Any</option>
          {options.models.filter(Boolean).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span>Project</span>
        <select name="project" defaultValue={p.project} className={field}>
          <option value="">Any</option>
          {options.projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span>Stack by</span>
        <select name="by" defaultValue={p.by} className={field}>
          <option value="model">Model</option>
          <option value="agent">Agent</option>
        </select>
      </label>
      <label className="flex flex-col">
        <span>Measure</span>
        <select name="metric" defaultValue={p.metric} className={field}>
          <option value="cost">Cost</option>
          <option value="tokens">Tokens</option>
        </select>
      </label>
      <button type="submit" className="rounded-lg bg-sky-700 px-4 py-2 font-medium text-white">
        Apply
      </button>
    </form>
  );
}
