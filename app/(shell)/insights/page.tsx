// /insights: the signed-in user's own agent usage and cost, or for an insights admin (granted on the service path:
// npm run insights:admin) the whole team's with ?scope=team. RLS decides which rows either view reads.
import type { Metadata } from 'next';
import { FiltersForm } from '@/components/insights/filters-form';
import { KpiCards } from '@/components/insights/kpi-cards';
import { BreakdownPanel, DailyPanel } from '@/components/insights/panels';
import { ScopeSwitch } from '@/components/insights/scope-switch';
import { SeriesPatterns } from '@/components/insights/series-patterns';
import { TopChatsTable, TopProjectsTable, VersionCostsTable } from '@/components/insights/usage-tables';
import { getInsights, isInsightsAdmin } from '@/lib/insights/data';
import { filtersToSearch, parseInsightsFilters } from '@/lib/insights/filters';

export const metadata: Metadata = { title: 'Insights' };

export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseInsightsFilters(await searchParams);
  const admin = await isInsightsAdmin().catch(() => false);
  // Asking for the team as a non-admin would read their own rows anyway: say so by not offering it.
  const filters = { ...parsed.filters, scope: admin ? parsed.filters.scope : ('me' as const) };
  const team = filters.scope === 'team';
  const insights = await getInsights({ filters }).catch(() => null);
  return (
    <main className="mx-auto flex w-full min-w-0 max-w-6xl flex-col gap-4 px-4 py-8 max-md:pt-20">
      <SeriesPatterns />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Insights</h1>
        <a
          href={`/insights/export?${filtersToSearch(filters)}`}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          download
        >
          Download CSV
        </a>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {team ? 'The whole team’s' : 'Your'} agents&rsquo; replies from {filters.from} to {filters.to} (UTC), priced at
        the rate in force when each was written.
      </p>
      {admin ? <ScopeSwitch filters={filters} /> : null}
      <FiltersForm filters={filters} options={insights?.options ?? { agents: [], models: [], projects: [] }} />
      {!parsed.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {parsed.message}
        </p>
      ) : null}
      {insights === null ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Insights are unavailable right now. Try again in a moment.
        </p>
      ) : (
        <>
          <KpiCards totals={insights.totals} />
          <DailyPanel
            points={insights.daily}
            from={filters.from}
            to={filters.to}
            by={filters.by}
            metric={filters.metric}
          />
          <div className="grid gap-4 lg:grid-cols-2">
            <BreakdownPanel rows={insights.byAgent} by="agent" />
            <BreakdownPanel rows={insights.byModel} by="model" />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <TopChatsTable chats={insights.topChats} team={team} />
            <TopProjectsTable projects={insights.topProjects} team={team} />
          </div>
          <VersionCostsTable versions={insights.versions} />
        </>
      )}
    </main>
  );
}
