// What public.get_artifact_panel answers (supabase/migrations/20261201121004_artifact_panel_reads.sql), as the
// panel's server and client components read it.
import type { StaleMark } from '../agents/design/contract';

export type ArtifactHead = {
  id: string;
  type: string;
  title: string;
  current_version: number;
  stale: StaleMark | null;
};

export type TimelineEntry = {
  version_number: number;
  change_summary: string | null;
  author: 'agent' | 'user';
  created_at: string;
  created_by_message_id: string | null;
  agent_name: string | null;
  agent_model: string | null;
  message_sequence: number | null; // the chat scrolls to #m-<n>
};

export type PanelVersion = TimelineEntry & { id: string; content: string | null; content_json: unknown };

export type ArtifactPanelData = {
  artifacts: ArtifactHead[];
  artifact?: ArtifactHead & { chat_id: string; is_visible: boolean };
  version?: PanelVersion;
  timeline?: TimelineEntry[];
};

export type VersionContent = {
  number: number;
  content: string | null;
  contentJson: unknown;
  changeSummary: string | null;
};

/** "bomGenerator · ohm/offline-1", or "You" for the maker's own edits and restores. */
export function authorLabel(entry: Pick<TimelineEntry, 'author' | 'agent_name' | 'agent_model'>): string {
  if (entry.author === 'user') return 'You';
  return [entry.agent_name ?? 'An agent', entry.agent_model].filter(Boolean).join(' · ');
}
