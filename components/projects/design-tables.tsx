// The project page's current design: parts, wiring and code files, each row linked to the artifact version it came
// from (opened beside its chat, /chat/<chat>?artifact=<id>&v=<n>), and the project's recent activity.
import Link from 'next/link';
import { artifactHref } from '@/lib/artifacts/schemas';
import type { ProjectPage } from '@/lib/projects/data';
import { eventLabel, money, when } from './format';

type Source = ProjectPage['parts'][number]['source'];

function VersionLink({ source }: { source: Source }) {
  if (!source) return <span className="text-zinc-500">—</span>;
  return (
    <Link
      href={artifactHref(source.chat_id, { artifactId: source.artifact_id, version: source.version_number })}
      className="text-sky-700 underline dark:text-sky-400"
    >
      {source.title} v{source.version_number}
    </Link>
  );
}

const th = 'px-2 py-1 text-left font-medium';
const td = 'px-2 py-1 align-top';

function Empty({ text }: { text: string }) {
  return <p className="text-sm text-zinc-600 dark:text-zinc-400">{text}</p>;
}

export function PartsTable({ parts, currency }: { parts: ProjectPage['parts']; currency: string }) {
  return (
    <section aria-labelledby="parts" className="flex flex-col gap-2">
      <h2 id="parts" className="text-lg font-semibold">
        Parts
      </h2>
      {parts.length === 0 ? (
        <Empty text="No BOM yet: ask OHM for a parts list in one of the project's chats." />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th className={th}>Part</th>
                <th className={th}>MPN</th>
                <th className={th}>Qty</th>
                <th className={th}>Unit price</th>
                <th className={th}>Supplier</th>
                <th className={th}>From</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p) => (
                <tr key={p.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className={td}>{p.name}</td>
                  <td className={td}>{p.part_number ?? '—'}</td>
                  <td className={td}>{p.quantity}</td>
                  <td className={td}>{p.price === null ? '—' : money(Number(p.price), currency)}</td>
                  <td className={td}>{p.supplier ?? '—'}</td>
                  <td className={td}>
                    <VersionLink source={p.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ConnectionTable({
  connections,
  parts,
}: {
  connections: ProjectPage['connections'];
  parts: ProjectPage['parts'];
}) {
  const names = new Map(parts.map((p) => [p.id, p.name]));
  const end = (id: string | null, pin: string) => `${(id && names.get(id)) ?? '?'} ${pin}`;
  return (
    <section aria-labelledby="wiring" className="flex flex-col gap-2">
      <h2 id="wiring" className="text-lg font-semibold">
        Connections
      </h2>
      {connections.length === 0 ? (
        <Empty text="No wiring yet: ask OHM to wire the BOM." />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th className={th}>#</th>
                <th className={th}>From</th>
                <th className={th}>To</th>
                <th className={th}>Wire</th>
                <th className={th}>From</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className={td}>{c.sequence_number}</td>
                  <td className={td}>{end(c.from_part_id, c.from_pin)}</td>
                  <td className={td}>{end(c.to_part_id, c.to_pin)}</td>
                  <td className={td}>{[c.wire_color, c.signal_type].filter(Boolean).join(', ') || '—'}</td>
                  <td className={td}>
                    <VersionLink source={c.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function CodeTable({ files }: { files: ProjectPage['codeFiles'] }) {
  return (
    <section aria-labelledby="code" className="flex flex-col gap-2">
      <h2 id="code" className="text-lg font-semibold">
        Code files
      </h2>
      {files.length === 0 ? (
        <Empty text="No firmware yet: ask OHM to write the code." />
      ) : (
        <ul className="text-sm">
          {files.map((f) => (
            <li key={f.id} className="flex gap-2 py-0.5">
              <span className="font-mono">{f.filename}</span>
              <span className="text-zinc-500">unit {f.unit_number}</span>
              <VersionLink source={f.source} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ActivityList({ events, chats }: { events: ProjectPage['activity']; chats: ProjectPage['chats'] }) {
  const titles = new Map(chats.map((c) => [c.id, c.title]));
  return (
    <section aria-labelledby="activity" className="flex flex-col gap-2">
      <h2 id="activity" className="text-lg font-semibold">
        Recent activity
      </h2>
      {events.length === 0 ? (
        <Empty text="Nothing has happened in this project yet." />
      ) : (
        <ol className="text-sm">
          {events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-2 py-0.5">
              <span className="text-zinc-500">{when(e.timestamp)}</span>
              <span>{eventLabel(e.event_type)}</span>
              {e.chat_id && titles.get(e.chat_id) ? (
                <span className="text-zinc-600 dark:text-zinc-400">in “{titles.get(e.chat_id)}”</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
