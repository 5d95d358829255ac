// The card a reply shows for each artifact version it created or updated ("BOM · v2 · Replaced DHT22 with
// BME280"). It opens that version, not the newest, in the panel beside the chat (URL state: ?artifact=&v=).
import Link from 'next/link';
import { artifactHref, artifactTypeLabels, type ArtifactCard } from '@/lib/artifacts/schemas';

const icons: Record<string, string> = {
  context: '📝',
  mvp: '🎯',
  prd: '📋',
  bom: '🧾',
  wiring: '🔌',
  circuit_diagram: '🗺️',
  code: '💾',
  budget: '💰',
};

export function ArtifactCards({ chatId, cards }: { chatId: string; cards: ArtifactCard[] }) {
  if (cards.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Artifacts in this reply">
      {cards.map((card) => (
        <li key={`${card.artifactId}:${card.version}`}>
          <Link
            href={artifactHref(chatId, card)}
            scroll={false}
            data-testid="artifact-card"
            data-type={card.type}
            data-version={card.version}
            className="flex max-w-sm items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            <span aria-hidden="true">{icons[card.type] ?? '📄'}</span>
            <span className="min-w-0 truncate">
              <span className="font-medium">{artifactTypeLabels[card.type] ?? card.type}</span>
              {' · '}v{card.version}
              {card.changeSummary ? (
                <span className="text-zinc-600 dark:text-zinc-400"> · {card.changeSummary}</span>
              ) : null}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
