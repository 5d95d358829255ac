// A chart with its caption and its table equivalent: the chart is for the eye (and keyboard: the chart surface
// takes focus and arrow keys move its tooltip), the table carries the same numbers for everyone.
export function ChartFigure({
  id,
  title,
  summary,
  children,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  children: React.ReactNode;
  table: React.ReactNode;
}) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid={id}
    >
      <figcaption>
        <h2 id={`${id}-title`} className="font-semibold">
          {title}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>
      </figcaption>
      {children}
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
          Show as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0}>
          {table}
        </div>
      </details>
    </figure>
  );
}

export const tableClass = 'w-full border-collapse text-left text-sm tabular-nums';
export const cellClass = 'border-b border-zinc-200 px-2 py-1 dark:border-zinc-800';
