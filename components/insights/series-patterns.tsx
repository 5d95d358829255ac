// The fills of the chart series, defined once per page: each series has its own colour AND its own texture (solid,
// stripes, dots, cross-hatch, bars, grid), so no series is told apart by colour alone, in either theme.
const colours = [
  'fill-sky-700 dark:fill-sky-400',
  'fill-amber-600 dark:fill-amber-300',
  'fill-emerald-700 dark:fill-emerald-400',
  'fill-fuchsia-700 dark:fill-fuchsia-400',
  'fill-zinc-600 dark:fill-zinc-300',
  'fill-rose-700 dark:fill-rose-400',
];
const ink = 'stroke-white/70 dark:stroke-zinc-950/70';

function Texture({ index }: { index: number }) {
  switch (index % 6) {
    case 1:
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" className={ink} strokeWidth={1.5} />;
    case 2:
      return <circle cx={4} cy={4} r={1.4} className="fill-white/70 dark:fill-zinc-950/70" />;
    case 3:
      return <path d="M0,0 l8,8 M8,0 l-8,8" className={ink} strokeWidth={1} />;
    case 4:
      return <path d="M0,4 h8" className={ink} strokeWidth={1.5} />;
    case 5:
      return <path d="M4,0 v8 M0,4 h8" className={ink} strokeWidth={1} />;
    default:
      return null;
  }
}

export const seriesFill = (index: number) => `url(#insights-series-${index % colours.length})`;
export const seriesColourClass = (index: number) => colours[index % colours.length];

export function SeriesPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="absolute">
      <defs>
        {colours.map((colour, index) => (
          <pattern key={colour} id={`insights-series-${index}`} width={8} height={8} patternUnits="userSpaceOnUse">
            <rect width={8} height={8} className={colour} />
            <Texture index={index} />
          </pattern>
        ))}
      </defs>
    </svg>
  );
}
