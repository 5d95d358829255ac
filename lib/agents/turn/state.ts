// The project state an agent turn reads: the chat's project and the current version of each of its artifacts,
// parsed with the design contract's schemas, plus the recent messages of the active branch. Read on the agents'
// path (the service client) for one chat, after the caller proved with the user's session that it may see it.
import type { SupabaseClient } from '@supabase/supabase-js';
import { adoptProjectDesign } from '@/lib/projects/agent-context';

import { readDatasheetParts } from '@/lib/analysis/datasheet/parts';
import type { Database } from '@/lib/supabase/database.types';
import {
  artifactTypeSchema,
  contentSchemaByType,
  staleMarkSchema,
  type ArtifactSnapshot,
  type ProjectState,
} from '../design/contract';

type Client = SupabaseClient<Database>;

export class StateReadError extends Error {}

export async function readProjectState({
  client,
  chatId,
  recent,
}: {
  client: Client;
  chatId: string;
  recent: ProjectState['recent'];
}): Promise<ProjectState> {
  await adoptProjectDesign({ client, chatId }); // a chat inside a project starts from the project's current design
  const [chatResult, artifactResult] = await Promise.all([
    client
      .from('chats')
      .select('project_id, projects(id, name, goal, target_budget, currency)')
      .eq('id', chatId)
      .maybeSingle(),
    client
      .from('artifacts')
      .select('id, type, title, current_version, metadata')
      .eq('chat_id', chatId)
      .eq('is_visible', true)
      .order('created_at'),
  ]);
  if (chatResult.error) throw new StateReadError(chatResult.error.message);
  if (artifactResult.error) throw new StateReadError(artifactResult.error.message);
  const projectRow = chatResult.data?.projects ?? null;
  const project = projectRow
    ? {
        id: projectRow.id,
        name: projectRow.name,
        goal: projectRow.goal,
        targetBudget:
          projectRow.target_budget === null
            ? null
            : { amount: Number(projectRow.target_budget), currency: projectRow.currency },
      }
    : null;

  // At most one visible artifact per type (complete_agent_turn refuses a second one), so this is ≤ 8 reads.
  const current = artifactResult.data.filter((a) => a.current_version > 0);
  const versions = await Promise.all(
    current.map((a) =>
      client
        .from('artifact_versions')
        .select('content, content_json')
        .eq('artifact_id', a.id)
        .eq('version_number', a.current_version)
        .maybeSingle(),
    ),
  );
  const artifacts: Record<string, ArtifactSnapshot<unknown>> = {};
  current.forEach((artifact, index) => {
    const type = artifactTypeSchema.safeParse(artifact.type);
    const version = versions[index];
    if (!type.success || version.error || !version.data) return;
    // A version that no longer matches the contract (an older shape, a bad manual edit) is left out rather than
    // handed to an agent that would build on it.
    const json = contentSchemaByType[type.data].safeParse(version.data.content_json);
    if (!json.success) return;
    const stale = staleMarkSchema.safeParse((artifact.metadata as { stale?: unknown } | null)?.stale);
    artifacts[type.data] = {
      artifactId: artifact.id,
      title: artifact.title,
      version: artifact.current_version,
      content: version.data.content,
      json: json.data,
      stale: stale.success ? stale.data : null,
    };
  });
  const datasheets = await readDatasheetParts({ client, chatId }); // attached datasheets feed the BOM rules
  return { project, artifacts: artifacts as ProjectState['artifacts'], recent, datasheets };
}
