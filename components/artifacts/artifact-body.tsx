// One version's content, rendered by type: the BOM table, the wiring (with its diagram), code files, the SVG
// diagram as an image (so it cannot run script), and every document as markdown without raw HTML.
import { bomSchema, codeSchema, wiringSchema } from '@/lib/agents/design/contract';
import { Markdown } from '@/components/chat/markdown';
import { BomView } from './bom-view';
import { CodeView } from './code-view';
import { svgDataUrl, WiringView } from './wiring-view';

export type BodyInput = {
  type: string;
  content: string | null;
  contentJson: unknown;
  diagram: { svg: string; version: number } | null;
};

export function ArtifactBody({ view }: { view: BodyInput }) {
  const json = view.contentJson;
  if (view.type === 'bom') {
    const bom = bomSchema.safeParse(json);
    if (bom.success) return <BomView bom={bom.data} />;
  }
  if (view.type === 'wiring') {
    const wiring = wiringSchema.safeParse(json);
    if (wiring.success) return <WiringView wiring={wiring.data} diagram={view.diagram} />;
  }
  if (view.type === 'code') {
    const code = codeSchema.safeParse(json);
    if (code.success) return <CodeView code={code.data} />;
  }
  if (view.type === 'circuit_diagram' && view.content) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- a data: URL of our own SVG, shown as an image so it cannot run script
      <img
        src={svgDataUrl(view.content)}
        alt="Circuit diagram"
        data-testid="circuit-diagram"
        className="w-full bg-white"
      />
    );
  }
  if (view.content) return <Markdown>{view.content}</Markdown>;
  return (
    <pre className="overflow-x-auto rounded-lg bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
      {JSON.stringify(json, null, 2)}
    </pre>
  );
}
