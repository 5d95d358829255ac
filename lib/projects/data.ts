// Server-only data access for projects, always as the signed-in user (RLS applies): the /projects list, one
// project's page (its current design, chats and activity), rename / archive / delete with undo, and moving a chat.
import 'server-only';
import { cache } from 'react';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import {
  selectCurrentArtifacts,
  selectProjectListPage,
  updateProject,
  type CurrentArtifact,
  type ProjectListPage,
  type ProjectSummary,
} from './queries';
import {
  projectListPageSize,
  workflowSteps,
  type MoveChatInput,
  type ProjectCursor,
  type WorkflowStep,
} from './schemas';

export type { ProjectListPage, ProjectSummary } from './queries';

const failed = (error: { code?: string; message: string }) => fromPostgrestError(error, 'project');

export async function listProjects({
  cursor,
  limit = projectListPageSize,
  archived = false,
}: { cursor?: ProjectCursor | null; limit?: number; archived?: boolean } = {}): Promise<ProjectListPage> {
  const { data, error } = await selectProjectListPage(await createClient(), { cursor, limit, archived });
  if (error) throw failed(error);
  return data;
}

/** The step a project is on: the furthest one its current artifacts reach (code → wiring → BOM → ideas). */
export function workflowStepOf(current: Partial<Record<CurrentArtifact['type'], unknown>>): WorkflowStep {
  if (current.code) return 'code';
  if (current.wiring || current.circuit_diagram) return 'assembly';
  if (current.bom) return 'parts';
  return workflowSteps[0];
}

const getProjectOnce = cache(async (projectId: string) => {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('projects')
    .select('*')
    .eq('id', projectId)
    .is('deleted_at', null)
    .maybeSingle();
  if (error) {
    const failure = failed(error);
    // A visitor without a session may not read projects at all: for them every project is missing.
    if (failure.type === 'forbidden') return null;
    throw failure;
  }
  return data;
});

export const getProject = ({ projectId }: { projectId: string }) => getProjectOnce(projectId);

export type ProjectPage = NonNullable<Awaited<ReturnType<typeof getProjectPage>>>;

/** Everything /projects/[id] shows, or null when the user has no such project. */
export async function getProjectPage({ projectId }: { projectId: string }) {
  const project = await getProjectOnce(projectId);
  if (!project) return null;
  const supabase = await createClient();
  const current = await selectCurrentArtifacts(supabase, projectId);
  if (current.error) throw failed(current.error);
  const versionIds = Object.values(current.data).map((a) => a.version_id);
  const [parts, connections, codeFiles, chats] = await Promise.all([
    supabase
      .from('parts')
      .select('id, name, part_number, manufacturer, quantity, price, supplier, artifact_version_id')
      .in('artifact_version_id', versionIds)
      .order('created_at')
      .limit(500),
    supabase
      .from('connections')
      .select(
        'id, sequence_number, from_part_id, from_pin, to_part_id, to_pin, wire_color, signal_type, artifact_version_id',
      )
      .in('artifact_version_id', versionIds)
      .order('sequence_number')
      .limit(1000),
    supabase
      .from('code_files')
      .select('id, filename, unit_number, language, artifact_version_id')
      .in('artifact_version_id', versionIds)
      .order('unit_number')
      .limit(100),
    supabase
      .from('chats')
      .select('id, title, last_message_at, current_phase, message_count')
      .eq('project_id', projectId)
      .is('deleted_at', null)
      .order('last_message_at', { ascending: false })
      .limit(50),
  ]);
  for (const r of [parts, connections, codeFiles, chats]) if (r.error) throw failed(r.error);
  const chatIds = (chats.data ?? []).map((c) => c.id);
  // Events name their project only when it existed then (chat_created, artifact_created); the rest name a chat.
  const activity = await supabase
    .from('activity_log')
    .select('id, event_type, event_data, timestamp, chat_id')
    .or(chatIds.length ? `project_id.eq.${projectId},chat_id.in.(${chatIds.join(',')})` : `project_id.eq.${projectId}`)
    .order('timestamp', { ascending: false })
    .limit(15);
  if (activity.error) throw failed(activity.error);
  // Each row links to the artifact version it belongs to, opened beside the chat that holds the artifact.
  const byVersion = new Map(Object.values(current.data).map((a) => [a.version_id, a]));
  const source = (versionId: string | null) => (versionId ? (byVersion.get(versionId) ?? null) : null);
  return {
    project,
    current: current.data,
    step: workflowStepOf(current.data),
    parts: (parts.data ?? []).map((p) => ({ ...p, source: source(p.artifact_version_id) })),
    connections: (connections.data ?? []).map((c) => ({ ...c, source: source(c.artifact_version_id) })),
    codeFiles: (codeFiles.data ?? []).map((f) => ({ ...f, source: source(f.artifact_version_id) })),
    chats: chats.data ?? [],
    activity: activity.data ?? [],
  };
}

/** The user's projects to move a chat into (the newest 50). */
export async function listProjectChoices(): Promise<Array<{ id: string; name: string }>> {
  const { data, error } = await (
    await createClient()
  )
    .from('projects')
    .select('id, name')
    .is('deleted_at', null)
    .is('archived_at', null)
    .order('last_activity_at', { ascending: false })
    .limit(50);
  if (error) throw failed(error);
  return data;
}

async function changeProject(projectId: string, change: Parameters<typeof updateProject>[2], deleted = false) {
  const { data, error } = await updateProject(await createClient(), projectId, change, { deleted });
  if (error) throw failed(error);
  if (!data) throw new OhmError('not_found:project');
  return data satisfies ProjectSummary;
}

export const renameProject = ({ projectId, name }: { projectId: string; name: string }) =>
  changeProject(projectId, { name });

export const setProjectArchived = ({ projectId, archived }: { projectId: string; archived: boolean }) =>
  changeProject(projectId, { archived_at: archived ? new Date().toISOString() : null });

/** Hides the project at once; `purgeDeletedProject` removes it once the Undo is gone. Its chats stay. */
export const markProjectDeleted = ({ projectId }: { projectId: string }) =>
  changeProject(projectId, { deleted_at: new Date().toISOString() });

export const restoreDeletedProject = ({ projectId }: { projectId: string }) =>
  changeProject(projectId, { deleted_at: null }, true);

/** Removes a deleted project for good, with its exports; its chats keep their messages and artifacts. */
export async function purgeDeletedProject({ projectId }: { projectId: string }): Promise<void> {
  const supabase = await createClient();
  const marked = await supabase.from('projects').select('id').eq('id', projectId).not('deleted_at', 'is', null);
  if (marked.error) throw failed(marked.error);
  if (marked.data.length === 0) return;
  // The exports go first: the bucket's policies let the owner reach the folder only while the project exists.
  const bucket = supabase.storage.from('exports');
  for (const folder of await listExportFolders(bucket, projectId)) {
    const { data: files } = await bucket.list(folder, { limit: 1000 });
    if (files?.length) await bucket.remove(files.map((f) => `${folder}/${f.name}`));
  }
  const { error } = await supabase.from('projects').delete().eq('id', projectId).not('deleted_at', 'is', null);
  if (error) throw failed(error);
}

type Bucket = ReturnType<Awaited<ReturnType<typeof createClient>>['storage']['from']>;

/** <project>/<artifact>/<versions>: the folders that hold a project's export files. */
async function listExportFolders(bucket: Bucket, projectId: string): Promise<string[]> {
  const { data: artifacts } = await bucket.list(projectId, { limit: 1000 });
  const folders: string[] = [];
  for (const artifact of artifacts ?? []) {
    const { data: versions } = await bucket.list(`${projectId}/${artifact.name}`, { limit: 1000 });
    for (const v of versions ?? []) folders.push(`${projectId}/${artifact.name}/${v.name}`);
  }
  return folders;
}

export async function createProject({ name }: { name: string }): Promise<string> {
  const { data, error } = await (await createClient()).from('projects').insert({ name }).select('id').single();
  if (error) throw failed(error);
  return data.id;
}

/** Moves a chat (and, by the database's trigger, its artifacts and rows) into a project, a new one if named. */
export async function moveChatToProject(input: MoveChatInput): Promise<{ projectId: string }> {
  const projectId = 'projectId' in input ? input.projectId : await createProject({ name: input.newProjectName });
  const { data, error } = await (
    await createClient()
  )
    .from('chats')
    .update({ project_id: projectId })
    .eq('id', input.chatId)
    .is('deleted_at', null)
    .select('id')
    .maybeSingle();
  // RLS refuses a project that is not the caller's as a failed check: to them it does not exist.
  if (error) throw fromPostgrestError(error, 'project', { forbidden: new OhmError('not_found:project') });
  if (!data) throw new OhmError('not_found:chat');
  return { projectId };
}

/** A new, empty chat inside the project: its agents read the project's current artifacts from the first turn. */
export async function createChatInProject({ projectId }: { projectId: string }): Promise<string> {
  const { data, error } = await (
    await createClient()
  )
    .from('chats')
    .insert({ project_id: projectId, title: 'New chat' })
    .select('id')
    .single();
  if (error) throw fromPostgrestError(error, 'project', { forbidden: new OhmError('not_found:project') });
  return data.id;
}
