// For insights admins only: whose usage /insights shows, the user's own or the whole team's, as two links that keep
// the other filters (every view is a URL). The database decides what "team" reads; this only asks for it.
import Link from 'next/link';
import { filtersToSearch, type InsightsFilters } from '@/lib/insights/filters';

const base = 'rounded-md px-3 py-1 text-sm font-medium';
const current = `${base} bg-sky-700 text-white`;
const other = `${base} hover:bg-zinc-100 dark:hover:bg-zinc-800`;

export function ScopeSwitch({ filters }: { filters: InsightsFilters }) {
  const link = (scope: 'me' | 'team', label: string) => (
    <Link
      href={`/insights?${filtersToSearch(filters, { scope })}`}
      aria-current={filters.scope === scope ? 'page' : undefined}
      className={filters.scope === scope ? current : other}
    >
      {label}
    </Link>
  );
  return (
    <nav
      aria-label="Whose usage"
      className="flex w-fit gap-1 rounded-lg border border-zinc-300 p-1 dark:border-zinc-700"
      data-testid="insights-scope"
    >
      {link('me', 'My usage')}
      {link('team', 'Whole team')}
    </nav>
  );
}
