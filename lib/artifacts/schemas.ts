// The artifact view's URL state (`/chat/<id>?artifact=<uuid>&v=<n>`) and the cards a reply shows, validated.
import { z } from 'zod';

export const artifactParamsSchema = z.object({
  artifact: z.string().uuid(),
  v: z.coerce.number().int().positive().optional(),
});
export type ArtifactParams = z.infer<typeof artifactParamsSchema>;

/** One artifact version a message created: what its card shows and which version it opens. */
export type ArtifactCard = {
  artifactId: string;
  type: string;
  title: string;
  version: number;
  changeSummary: string | null;
};

export function artifactHref(chatId: string, card: Pick<ArtifactCard, 'artifactId' | 'version'>) {
  return `/chat/${chatId}?artifact=${card.artifactId}&v=${card.version}`;
}

export const artifactTypeLabels: Record<string, string> = {
  context: 'Context',
  mvp: 'MVP',
  prd: 'PRD',
  bom: 'BOM',
  wiring: 'Wiring',
  circuit_diagram: 'Diagram',
  code: 'Code',
  budget: 'Budget',
  datasheet_analysis: 'Datasheet',
  overview: 'Overview',
};
