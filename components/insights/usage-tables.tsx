// The /insights tables: top chats and top projects by cost (each project's budget beside it), and the cost of the
// agent turn behind each artifact version.
import Link from 'next/link';
import type { TopChat, TopProject, VersionCost } from '@/lib/insights/data';
import { cellClass, tableClass } from './chart-figure';
import { formatCost, formatCount, formatShare } from './format';

const head = `${cellClass} font-medium text-zinc-600 dark:text-zinc-400`;
const link = 'underline-offset-2 hover:underline text-sky-800 dark:text-sky-300';

function Section({
  id,
  title,
  summary,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid={id}
    >
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>
      <div className="overflow-x-auto" tabIndex={0}>
        {children}
      </div>
    </section>
  );
}

/** `team`: the whole team's view, where another member's chat has no title the admin may read (RLS on chats). */
export function TopChatsTable({ chats, team = false }: { chats: TopChat[]; team?: boolean }) {
  return (
    <Section
      id="top-chats"
      title="Top chats by cost"
      summary="The ten chats whose agent replies cost most in the range."
    >
      {chats.length === 0 ? (
        <p className="text-sm">No agent replies in this range.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={head}>
                Chat
              </th>
              <th scope="col" className={head}>
                Replies
              </th>
              <th scope="col" className={head}>
                Tokens in / out
              </th>
              <th scope="col" className={head}>
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {chats.map((chat) => (
              <tr key={chat.chat_id}>
                <th scope="row" className={`${cellClass} font-normal`}>
                  {chat.title === null ? (
                    team ? (
                      'Another member’s chat'
                    ) : (
                      'Deleted chat'
                    )
                  ) : (
                    <Link href={`/chat/${chat.chat_id}`} className={link}>
                      {chat.title}
                    </Link>
                  )}
                </th>
                <td className={cellClass}>{formatCount(chat.messages)}</td>
                <td className={cellClass}>
                  {formatCount(chat.input_tokens)} / {formatCount(chat.output_tokens)}
                </td>
                <td className={cellClass}>
                  {formatCost(chat.cost)}
                  {chat.unpriced_messages > 0 ? ` + ${chat.unpriced_messages} unpriced` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function TopProjectsTable({ projects, team = false }: { projects: TopProject[]; team?: boolean }) {
  return (
    <Section
      id="top-projects"
      title="Top projects by cost"
      summary="What designing each project cost in agent replies, beside the budget set for building it."
    >
      {projects.length === 0 ? (
        <p className="text-sm">No project has agent replies in this range.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={head}>
                Project
              </th>
              <th scope="col" className={head}>
                Replies
              </th>
              <th scope="col" className={head}>
                Cost
              </th>
              <th scope="col" className={head}>
                Budget
              </th>
              <th scope="col" className={head}>
                Cost of budget
              </th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => {
              const budget = project.target_budget === null ? null : Number(project.target_budget);
              return (
                <tr key={project.project_id}>
                  <th scope="row" className={`${cellClass} font-normal`}>
                    {project.name ?? (team ? 'Another member’s project' : 'Deleted project')}
                  </th>
                  <td className={cellClass}>{formatCount(project.messages)}</td>
                  <td className={cellClass}>{formatCost(project.cost)}</td>
                  <td className={cellClass}>
                    {budget === null ? 'no budget' : formatCost(budget, project.currency ?? 'USD')}
                  </td>
                  <td className={cellClass}>
                    {budget && (project.currency ?? 'USD') === 'USD' ? formatShare(project.cost, budget) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function VersionCostsTable({ versions }: { versions: VersionCost[] }) {
  return (
    <Section
      id="version-costs"
      title="Cost per artifact version"
      summary="The agent turn that wrote each version, newest first (a turn that wrote two versions shows on both)."
    >
      {versions.length === 0 ? (
        <p className="text-sm">No agent turn wrote an artifact version in this range.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={head}>
                Version
              </th>
              <th scope="col" className={head}>
                Agent
              </th>
              <th scope="col" className={head}>
                Model
              </th>
              <th scope="col" className={head}>
                Turn cost
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={`${v.artifact_id}-${v.version_number}`}>
                <th scope="row" className={`${cellClass} font-normal`}>
                  <Link href={`/chat/${v.chat_id}?artifact=${v.artifact_id}&v=${v.version_number}`} className={link}>
                    {v.title} v{v.version_number}
                  </Link>
                </th>
                <td className={cellClass}>{v.agent_name ?? '(none)'}</td>
                <td className={cellClass}>{v.agent_model ?? '(none)'}</td>
                <td className={cellClass}>{formatCost(v.cost === null ? null : Number(v.cost))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
