// The projects' reads and writes as supabase-js calls on a client that carries the user's session (RLS decides whose
// projects these are; the agents' path passes the service client for one chat's project). Kept free of Next.js so
// the same calls are tested against the real stack.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import type { ProjectCursor } from './schemas';

type Client = SupabaseClient<Database>;
type Failure = { code?: string; message: string };
type Result<T> = { data: T; error: null } | { data: null; error: Failure };

const summaryColumns =
  'id, name, description, status, target_budget, currency, bom_total, bom_currency, total_parts, total_connections, last_activity_at, archived_at' as const;
export type ProjectSummary = Pick<
  Database['public']['Tables']['projects']['Row'],
  | 'id'
  | 'name'
  | 'description'
  | 'status'
  | 'target_budget'
  | 'currency'
  | 'bom_total'
  | 'bom_currency'
  | 'total_parts'
  | 'total_connections'
  | 'last_activity_at'
  | 'archived_at'
>;
export type ProjectListPage = { projects: ProjectSummary[]; next: ProjectCursor | null };

// PostgREST's or=() grammar splits on commas and parentheses: quote the timestamp so it is read as one value.
const quoted = (value: string) => `"${value.replaceAll('"', '')}"`;

/** One page of the user's projects, newest activity first, after `cursor` (keyset: fetches limit + 1). */
export async function selectProjectListPage(
  supabase: Client,
  { cursor, limit, archived = false }: { cursor?: ProjectCursor | null; limit: number; archived?: boolean },
): Promise<Result<ProjectListPage>> {
  let query = supabase.from('projects').select(summaryColumns).is('deleted_at', null);
  query = archived ? query.not('archived_at', 'is', null) : query.is('archived_at', null);
  if (cursor) {
    const at = quoted(cursor.at);
    query = query
      .lte('last_activity_at', cursor.at)
      .or(`last_activity_at.lt.${at},and(last_activity_at.eq.${at},id.lt.${cursor.id})`);
  }
  const { data, error } = await query
    .order('last_activity_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(limit + 1);
  if (error) return { data: null, error };
  const projects = data.slice(0, limit);
  const last = projects.at(-1);
  return {
    data: { projects, next: data.length > limit && last ? { at: last.last_activity_at, id: last.id } : null },
    error: null,
  };
}

export type CurrentArtifact = {
  artifact_id: string;
  chat_id: string;
  type: Database['public']['Enums']['artifact_type'];
  title: string;
  version_number: number;
  version_id: string;
  change_summary: string | null;
  updated_at: string;
};

/** The project's current artifact of each type (public.project_current_artifacts), by type. */
export async function selectCurrentArtifacts(
  supabase: Client,
  projectId: string,
): Promise<Result<Partial<Record<CurrentArtifact['type'], CurrentArtifact>>>> {
  const { data, error } = await supabase.rpc('project_current_artifacts', { p_project_id: projectId });
  if (error) return { data: null, error };
  return { data: Object.fromEntries(data.map((a) => [a.type, a])), error: null };
}

export type DesignVersion = CurrentArtifact & { content: string | null; content_json: unknown };
type Current = Partial<Record<CurrentArtifact['type'], CurrentArtifact>>;

/** The content of the given current versions, by type: what exports and agents are made from. */
export async function selectVersionContents(
  supabase: Client,
  current: Current,
  types: ReadonlyArray<CurrentArtifact['type']>,
): Promise<Result<Partial<Record<CurrentArtifact['type'], DesignVersion>>>> {
  const wanted = types.map((t) => current[t]).filter((a): a is CurrentArtifact => !!a);
  if (wanted.length === 0) return { data: {}, error: null };
  const { data, error } = await supabase
    .from('artifact_versions')
    .select('id, content, content_json')
    .in(
      'id',
      wanted.map((a) => a.version_id),
    );
  if (error) return { data: null, error };
  const byId = new Map(data.map((v) => [v.id, v]));
  const design: Partial<Record<CurrentArtifact['type'], DesignVersion>> = {};
  for (const a of wanted) {
    const v = byId.get(a.version_id);
    if (v) design[a.type] = { ...a, content: v.content, content_json: v.content_json };
  }
  return { data: design, error: null };
}

type Change = Database['public']['Tables']['projects']['Update'];

/** Applies `change` to one of the user's projects that is not deleted (or, with `deleted`, one that is). */
export async function updateProject(supabase: Client, projectId: string, change: Change, { deleted = false } = {}) {
  const query = supabase.from('projects').update(change).eq('id', projectId);
  return (deleted ? query.not('deleted_at', 'is', null) : query.is('deleted_at', null))
    .select(summaryColumns)
    .maybeSingle();
}
