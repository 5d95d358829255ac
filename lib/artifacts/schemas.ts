// The artifact view's URL state (`/chat/<id>?artifact=<uuid>&v=<n>`) and the cards a reply shows, validated.
import { z } from 'zod';

const versionParam = z.coerce.number().int().positive().max(1_000_000).optional();
export const artifactParamsSchema = z.object({
  artifact: z.string().uuid(),
  v: versionParam,
  tab: z.enum(['view', 'history', 'compare', 'edit']).catch('view').default('view'),
  from: versionParam.catch(undefined),
  to: versionParam.catch(undefined),
  layout: z.enum(['side', 'inline']).catch('side').default('side'),
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

/** A panel URL under `base` (`/chat/<id>` or `/share/<token>`): the artifact, and the tab's own params. */
export function panelHref(
  base: string,
  params: { artifact: string; v?: number; tab?: string; from?: number; to?: number; layout?: string },
) {
  const query = new URLSearchParams({ artifact: params.artifact });
  for (const key of ['v', 'tab', 'from', 'to', 'layout'] as const) {
    const value = params[key];
    if (value !== undefined && value !== 'view') query.set(key, String(value));
  }
  return `${base}?${query}`;
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
