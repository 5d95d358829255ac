// The project's exports: one download link per file, each made from the current artifact versions by
// /projects/<id>/exports/<kind>. An export the project cannot make yet says what is missing instead of a link.
import { exportHref, exportKinds, exportLabels, exportNeeds, type ExportKind } from '@/lib/projects/schemas';
import { buttonSecondary } from '@/components/ui/styles';

const missingText = {
  bom: 'a BOM: ask OHM for a parts list',
  wiring: 'wiring: ask OHM to wire the BOM',
  code: 'firmware: ask OHM to write the code',
} as const;

export function ExportButtons({
  projectId,
  available,
}: {
  projectId: string;
  available: Record<'bom' | 'wiring' | 'code', boolean>;
}) {
  const missing = (kind: ExportKind) => exportNeeds[kind].find((type) => !available[type]);
  // What each missing artifact holds back, said once: "BOM CSV, KiCad BOM and … need a BOM: ask OHM …".
  const blocked = (['bom', 'wiring', 'code'] as const)
    .map((type) => ({ type, kinds: exportKinds.filter((kind) => missing(kind) === type) }))
    .filter((b) => b.kinds.length > 0);
  return (
    <section aria-labelledby="exports" className="flex flex-col gap-2">
      <h2 id="exports" className="text-lg font-semibold">
        Exports
      </h2>
      <ul className="flex flex-wrap gap-2">
        {exportKinds.map((kind) => {
          const lacking = missing(kind);
          return (
            <li key={kind}>
              {lacking ? (
                <span
                  aria-disabled="true"
                  className={`${buttonSecondary} cursor-not-allowed opacity-60`}
                  title={`${exportLabels[kind]} needs ${missingText[lacking]}`}
                >
                  {exportLabels[kind]}
                  <span className="sr-only">: needs {missingText[lacking]}</span>
                </span>
              ) : (
                // A plain link: the route redirects to a signed URL that downloads the file under its versioned name.
                <a href={exportHref(projectId, kind)} className={buttonSecondary} data-export={kind}>
                  {exportLabels[kind]}
                </a>
              )}
            </li>
          );
        })}
      </ul>
      {blocked.length > 0 ? (
        <p data-testid="exports-missing" className="text-sm text-zinc-600 dark:text-zinc-400">
          {blocked
            .map(
              ({ type, kinds }) =>
                `${kinds.map((k) => exportLabels[k]).join(', ')} ${kinds.length > 1 ? 'need' : 'needs'} ${missingText[type]}.`,
            )
            .join(' ')}
        </p>
      ) : null}
    </section>
  );
}
