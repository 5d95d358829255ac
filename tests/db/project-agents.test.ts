// A chat started inside a project: its first agent turn reads the project's current artifacts, adopted into the chat
// (public.adopt_project_design, the hook in readProjectState) with their version numbers and rows, so the chat's
// next BOM is the project's v2 and a wiring built on it saves. Only the agents' path may adopt.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { readProjectState } from '@/lib/agents/turn/state';
import { signInGuest } from '../support/app.ts';
import { designedChat, saveDesignTurn, serviceClient } from '../support/designs.ts';
import { weatherStationBom } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationWiring } from '../unit/fixtures/weather-station-wiring.ts';
import { admin } from './fixtures.ts';

vi.mock('server-only', () => ({}));
type Client = SupabaseClient<Database>;
let me: Client;
beforeAll(async () => {
  me = await signInGuest();
});
afterAll(async () => {
  await admin.end();
});

describe('a new chat inside a project', () => {
  it("reads the project's current artifacts as its own, and versions them from there", async () => {
    const first = await designedChat(me, 'First chat');
    const second = await me
      .from('chats')
      .insert({ title: 'Second', project_id: first.projectId })
      .select('id')
      .single();
    if (second.error) throw second.error;
    const chatId = second.data.id;
    const [before] =
      await admin`select total_parts, total_connections from public.projects where id = ${first.projectId}`;

    const state = await readProjectState({ client: serviceClient(), chatId, recent: [] });
    expect(state.project?.id).toBe(first.projectId);
    expect(Object.keys(state.artifacts).sort()).toEqual(['bom', 'code', 'wiring']);
    const copies = await me
      .from('artifacts')
      .select('id, type, chat_id, current_version, metadata')
      .eq('chat_id', chatId);
    expect(copies.data).toHaveLength(3);
    for (const copy of copies.data!) {
      expect(state.artifacts[copy.type as 'bom']?.artifactId).toBe(copy.id);
      expect((copy.metadata as { copied_from?: { chat_id: string } }).copied_from?.chat_id).toBe(first.chatId);
    }
    // The copies carry the rows their versions own; the totals describe the same design.
    const [after] =
      await admin`select total_parts, total_connections from public.projects where id = ${first.projectId}`;
    expect(after).toEqual(before);
    const [{ strays }] = await admin`select count(*)::int as strays from public.connections c
      join public.artifacts a on a.id = c.artifact_id
      where a.chat_id = ${chatId} and (c.from_part_id is null or c.from_part_id not in (
        select p.id from public.parts p join public.artifacts b on b.id = p.artifact_id where b.chat_id = ${chatId}))`;
    expect(strays).toBe(0);
    // Adopting again copies nothing.
    expect((await serviceClient().rpc('adopt_project_design', { p_chat_id: chatId })).data).toEqual([]);

    // The chat's next BOM is v2 of its copy, and a wiring built on it finds its parts.
    const bom = state.artifacts.bom!;
    await saveDesignTurn(
      me,
      chatId,
      { bom: weatherStationBom, wiring: weatherStationWiring },
      {
        bom: { artifactId: bom.artifactId, expectedVersion: bom.version },
        wiring: { artifactId: state.artifacts.wiring!.artifactId, expectedVersion: 1 },
      },
    );
    const current = await me.rpc('project_current_artifacts', { p_project_id: first.projectId });
    expect(current.data?.find((a) => a.type === 'bom')).toMatchObject({ chat_id: chatId, version_number: 2 });
  });

  it('is adopted only on the agents path', async () => {
    const { chatId } = await designedChat(me, 'Mine');
    const refused = await me.rpc('adopt_project_design', { p_chat_id: chatId });
    expect(refused.error?.code).toBe('42501');
  });
});
