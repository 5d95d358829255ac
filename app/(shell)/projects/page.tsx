// /projects: the user's projects, newest activity first, a page at a time (keyset: ?at=&id= of the last one shown),
// with the BOM total against the budget and a way to start a project from one of their chats.
import type { Metadata } from 'next';
import Link from 'next/link';
import { NewProjectForm } from '@/components/projects/new-project-form';
import { budgetStanding, money, when } from '@/components/projects/format';
import { listChats } from '@/lib/chats/data';
import { listProjects } from '@/lib/projects/data';
import { projectCursorSchema } from '@/lib/projects/schemas';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const cursor = projectCursorSchema.safeParse({ at: params.at, id: params.id });
  const archived = params.archived === '1';
  const [page, chats] = await Promise.all([
    listProjects({ cursor: cursor.success ? cursor.data : null, archived }).catch(() => null),
    listChats({ limit: 30 }).catch(() => null),
  ]);
  const next = page?.next
    ? new URLSearchParams({ at: page.next.at, id: page.next.id, ...(archived ? { archived: '1' } : {}) })
    : null;
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-8 max-md:pt-20">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{archived ? 'Archived projects' : 'Projects'}</h1>
        <Link
          href={archived ? '/projects' : '/projects?archived=1'}
          className="text-sm text-sky-700 underline dark:text-sky-400"
        >
          {archived ? 'Back to projects' : 'Archived projects'}
        </Link>
      </div>
      {page === null ? (
        <p role="alert">Your projects could not be loaded. Reload the page to try again.</p>
      ) : page.projects.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          {cursor.success
            ? 'No older projects.'
            : 'No projects yet. A chat becomes a project when OHM writes its first artifact, or start one from a chat below.'}
        </p>
      ) : (
        <ul aria-label="Projects" className="grid gap-3 sm:grid-cols-2">
          {page.projects.map((p) => {
            const standing = budgetStanding(p);
            return (
              <li key={p.id} className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
                <Link href={`/projects/${p.id}`} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
                  {p.name}
                </Link>
                {p.description ? (
                  <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{p.description}</p>
                ) : null}
                <dl className="mt-2 grid grid-cols-2 gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
                  <dt>Status</dt>
                  <dd>{p.status}</dd>
                  <dt>BOM total</dt>
                  <dd>{money(p.bom_total, p.bom_currency)}</dd>
                  <dt>Budget</dt>
                  <dd>{standing.label}</dd>
                  <dt>Parts · wires</dt>
                  <dd>
                    {p.total_parts} · {p.total_connections}
                  </dd>
                  <dt>Last activity</dt>
                  <dd>{when(p.last_activity_at)}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {next ? (
        <Link href={`/projects?${next}`} className="self-start text-sm text-sky-700 underline dark:text-sky-400">
          Older projects
        </Link>
      ) : null}
      {!archived ? <NewProjectForm chats={chats?.chats ?? []} /> : null}
    </main>
  );
}
