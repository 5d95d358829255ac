// A wiring version: the circuit diagram our own code drew (shown as an image, so nothing in the SVG can run in
// the app's origin), the ordered steps, and the pin-to-pin connection table.
import type { Wiring } from '@/lib/agents/design/contract';
import { WarningList } from './warning-list';

const cell = 'border-b border-zinc-200 px-2 py-1.5 align-top dark:border-zinc-800';

export function svgDataUrl(svg: string) {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export function WiringView({ wiring, diagram }: { wiring: Wiring; diagram: { svg: string; version: number } | null }) {
  return (
    <div className="space-y-4">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Built from BOM v{wiring.bomVersion}.</p>
      {diagram ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data: URL of our own SVG; next/image adds nothing here
        <img
          src={svgDataUrl(diagram.svg)}
          alt={`Circuit diagram (v${diagram.version}): ${wiring.connections.length} connections`}
          data-testid="circuit-diagram"
          className="w-full rounded-lg border border-zinc-200 bg-white dark:border-zinc-800"
        />
      ) : null}
      <ol className="list-decimal space-y-2 pl-5 text-sm" data-testid="wiring-steps">
        {wiring.steps.map((step) => (
          <li key={step.number}>
            <span className="font-medium">{step.title}</span>
            <span className="block text-zinc-700 dark:text-zinc-300">{step.instruction}</span>
          </li>
        ))}
      </ol>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm" data-testid="connection-table">
          <thead>
            <tr className="text-left text-xs text-zinc-600 dark:text-zinc-400">
              <th className={cell}>#</th>
              <th className={cell}>From</th>
              <th className={cell}>To</th>
              <th className={cell}>Signal</th>
              <th className={cell}>Wire</th>
            </tr>
          </thead>
          <tbody>
            {wiring.connections.map((c) => (
              <tr key={c.sequence} data-testid="connection">
                <td className={cell}>{c.sequence}</td>
                <td className={cell}>
                  {c.from.ref} <span className="font-mono">{c.from.pin}</span>
                </td>
                <td className={cell}>
                  {c.to.ref} <span className="font-mono">{c.to.pin}</span>
                </td>
                <td className={cell}>
                  {c.signalType}
                  {c.voltage ? ` · ${c.voltage}` : ''}
                </td>
                <td className={cell}>{c.wireColor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <WarningList warnings={[...wiring.warnings, ...wiring.connections.flatMap((c) => c.warnings)]} />
    </div>
  );
}
