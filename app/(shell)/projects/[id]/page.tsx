// /projects/[id]: a project a maker can build from. Its brief (description, category, goal, location), the target
// budget against the current BOM total, status and workflow step, the current parts, wiring and code (each linked to
// the artifact version it came from), the exports, the project's chats and its recent activity.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { startChatInProject } from '@/app/(shell)/projects/actions';
import { ActivityList, CodeTable, ConnectionTable, PartsTable } from '@/components/projects/design-tables';
import { ExportButtons } from '@/components/projects/export-buttons';
import { budgetStanding, money, when } from '@/components/projects/format';
import { MoveChatHere } from '@/components/projects/move-chat-here';
import { ProjectActions } from '@/components/projects/project-actions';
import { buttonPrimary } from '@/components/ui/styles';
import { listChats } from '@/lib/chats/data';
import { getProject, getProjectPage } from '@/lib/projects/data';
import { projectIdSchema, workflowSteps } from '@/lib/projects/schemas';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = projectIdSchema.safeParse((await params).id);
  const project = id.success ? await getProject({ projectId: id.data }).catch(() => null) : null;
  return { title: project?.name ?? 'Project' };
}

const stepLabels = { ideation: 'Ideation', parts: 'Parts', assembly: 'Assembly', code: 'Code' } as const;

export default async function ProjectPage({ params }: Props) {
  const id = projectIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [page, recentChats] = await Promise.all([
    getProjectPage({ projectId: id.data }),
    listChats({ limit: 30 }).catch(() => null),
  ]);
  if (!page) notFound();
  const { project, current, step, chats } = page;
  const standing = budgetStanding(project);
  const here = new Set(chats.map((c) => c.id));
  const movable = (recentChats?.chats ?? []).filter((c) => !here.has(c.id));
  const stepIndex = workflowSteps.indexOf(step);
  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8 max-md:pt-20">
      <header className="flex flex-col gap-2">
        <Link href="/projects" className="text-sm text-sky-700 underline dark:text-sky-400">
          All projects
        </Link>
        <ProjectActions project={{ id: project.id, name: project.name, archived: project.archived_at !== null }} />
        {project.description ? <p className="text-zinc-700 dark:text-zinc-300">{project.description}</p> : null}
      </header>

      <section aria-labelledby="brief" className="grid gap-4 md:grid-cols-2">
        <h2 id="brief" className="sr-only">
          Brief
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500">Category</dt>
          <dd>{project.category ?? '—'}</dd>
          <dt className="text-zinc-500">Goal</dt>
          <dd>{project.goal ?? '—'}</dd>
          <dt className="text-zinc-500">Location</dt>
          <dd>{project.location ?? '—'}</dd>
          <dt className="text-zinc-500">Status</dt>
          <dd data-testid="project-status">{project.status}</dd>
        </dl>
        <div
          data-testid="project-budget"
          className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800"
        >
          <p>
            Target budget: <strong>{money(project.target_budget, project.currency)}</strong>
          </p>
          <p>
            Current BOM total: <strong>{money(project.bom_total, project.bom_currency)}</strong> ({project.total_parts}{' '}
            parts, {project.total_connections} wires)
          </p>
          <p
            className={
              standing.tone === 'over'
                ? 'font-medium text-red-700 dark:text-red-400'
                : standing.tone === 'under'
                  ? 'font-medium text-emerald-700 dark:text-emerald-400'
                  : 'text-zinc-600 dark:text-zinc-400'
            }
          >
            {standing.label}
          </p>
        </div>
      </section>

      <nav aria-label="Workflow">
        <ol className="flex flex-wrap gap-2 text-sm">
          {workflowSteps.map((s, index) => (
            <li
              key={s}
              aria-current={s === step ? 'step' : undefined}
              className={`rounded-full border px-3 py-1 ${
                s === step
                  ? 'border-sky-700 bg-sky-700 text-white'
                  : index < stepIndex
                    ? 'border-sky-300 text-sky-800 dark:border-sky-700 dark:text-sky-300'
                    : 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400'
              }`}
            >
              {index + 1}. {stepLabels[s]}
            </li>
          ))}
        </ol>
      </nav>

      <ExportButtons
        projectId={project.id}
        available={{ bom: !!current.bom, wiring: !!current.wiring, code: !!current.code }}
      />
      <PartsTable parts={page.parts} currency={project.bom_currency ?? project.currency} />
      <ConnectionTable connections={page.connections} parts={page.parts} />
      <CodeTable files={page.codeFiles} />

      <section aria-labelledby="chats" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="chats" className="text-lg font-semibold">
            Chats
          </h2>
          <form action={startChatInProject}>
            <input type="hidden" name="projectId" value={project.id} />
            <button type="submit" className={buttonPrimary}>
              New chat in this project
            </button>
          </form>
        </div>
        {chats.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No chats in this project.</p>
        ) : (
          <ul aria-label="Chats of the project" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {chats.map((c) => (
              <li key={c.id} className="flex justify-between gap-2 py-2 text-sm">
                <Link href={`/chat/${c.id}`} className="text-sky-800 hover:underline dark:text-sky-300">
                  {c.title}
                </Link>
                <span className="text-zinc-500">
                  {c.message_count} messages · {when(c.last_message_at)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <MoveChatHere projectId={project.id} chats={movable} />
      </section>

      <ActivityList events={page.activity} chats={chats} />
    </main>
  );
}
