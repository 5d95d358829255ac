// Projects against the real stack, as real users: the totals the database keeps describe the current design only,
// a chat moved between projects takes its design along, the current artifacts are the newest of the project's
// chats, and RLS keeps a project and its exports folder to its owner (another user cannot read, list, add to,
// overwrite or delete them).
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { designedChat, saveDesignTurn } from '../support/designs.ts';
import { signInGuest } from '../support/app.ts';
import { weatherStationBom, weatherStationBomV1 } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationWiring } from '../unit/fixtures/weather-station-wiring.ts';
import { admin } from './fixtures.ts';

type Client = SupabaseClient<Database>;
let me: Client;
let stranger: Client;
beforeAll(async () => {
  [me, stranger] = await Promise.all([signInGuest(), signInGuest()]);
});
afterAll(async () => {
  await admin.end();
});

const projectRow = async (id: string) =>
  (
    await admin`select total_parts, total_connections, bom_total::float8 as bom_total, bom_currency, last_activity_at
                 from public.projects where id = ${id}`
  )[0];
const priced = (bom: typeof weatherStationBom) =>
  Math.round(bom.lines.reduce((sum, l) => sum + (l.unitPrice?.amount ?? 0) * l.quantity, 0) * 100) / 100;

describe('project totals', () => {
  it('count the current BOM and wiring, and follow a new BOM version instead of adding it up', async () => {
    const { chatId, projectId, versions } = await designedChat(me, 'Totals', { bom: weatherStationBomV1 });
    expect(await projectRow(projectId)).toMatchObject({
      total_parts: weatherStationBomV1.lines.length,
      total_connections: 0,
      bom_total: priced(weatherStationBomV1),
      bom_currency: 'USD',
    });
    const bom = versions.find((v) => v.type === 'bom')!;
    await saveDesignTurn(
      me,
      chatId,
      { bom: weatherStationBom, wiring: weatherStationWiring },
      { bom: { artifactId: bom.artifactId, expectedVersion: 1 } },
    );
    expect(await projectRow(projectId)).toMatchObject({
      total_parts: weatherStationBom.lines.length,
      total_connections: weatherStationWiring.connections.length,
      bom_total: priced(weatherStationBom),
    });
    // Restoring v1 is a version 3 without rows: its parts are then not the project's current ones.
    const { error } = await me.rpc('restore_artifact_version', {
      p_artifact_id: bom.artifactId,
      p_version_number: 1,
      p_expected_version: 2,
    });
    expect(error).toBeNull();
    const current = await me.rpc('project_current_artifacts', { p_project_id: projectId });
    expect(current.data?.find((a) => a.type === 'bom')?.version_number).toBe(3);
  });

  it('are not writable by the owner', async () => {
    const { projectId } = await designedChat(me, 'Untouchable', { bom: weatherStationBom });
    const { error } = await me
      .from('projects')
      .update({ total_parts: 999 } as never)
      .eq('id', projectId);
    expect(error?.code).toBe('42501');
  });

  it('move with a chat into another project, and the activity order with it', async () => {
    const first = await designedChat(me, 'Mover', { bom: weatherStationBom, wiring: weatherStationWiring });
    const target = await me.from('projects').insert({ name: 'Target' }).select('id, last_activity_at').single();
    if (target.error) throw target.error;
    const moved = await me.from('chats').update({ project_id: target.data.id }).eq('id', first.chatId);
    expect(moved.error).toBeNull();
    expect(await projectRow(first.projectId)).toMatchObject({ total_parts: 0, total_connections: 0, bom_total: null });
    const after = await projectRow(target.data.id);
    expect(after).toMatchObject({
      total_parts: weatherStationBom.lines.length,
      total_connections: weatherStationWiring.connections.length,
    });
    expect(after.last_activity_at.getTime()).toBeGreaterThanOrEqual(new Date(target.data.last_activity_at).getTime());
    const [rows] = await admin`select count(*) filter (where project_id <> ${target.data.id})::int as stray
                                 from public.parts where artifact_id in (select id from public.artifacts where chat_id = ${first.chatId})`;
    expect(rows.stray).toBe(0);
    // A chat with a design cannot leave its project for none while the project exists.
    const out = await me.from('chats').update({ project_id: null }).eq('id', first.chatId);
    expect(out.error?.code).toBe('22023');
  });

  it("make the newest chat's artifact the project's current one, and keep chats when the project is deleted", async () => {
    const a = await designedChat(me, 'Chat A', { bom: weatherStationBomV1 });
    const b = await designedChat(me, 'Chat B', { bom: weatherStationBom });
    await me.from('chats').update({ project_id: a.projectId }).eq('id', b.chatId);
    const current = await me.rpc('project_current_artifacts', { p_project_id: a.projectId });
    expect(current.data?.find((x) => x.type === 'bom')?.chat_id).toBe(b.chatId);
    expect((await projectRow(a.projectId)).total_parts).toBe(weatherStationBom.lines.length);
    const gone = await me.from('projects').delete().eq('id', a.projectId);
    expect(gone.error).toBeNull();
    const chats = await me.from('chats').select('id, project_id').in('id', [a.chatId, b.chatId]);
    expect(chats.data).toHaveLength(2);
    expect(chats.data!.every((c) => c.project_id === null)).toBe(true);
  });
});

describe('project RLS', () => {
  it("keeps another user's project unreadable and unchangeable, and refuses a chat moved into it", async () => {
    const { projectId } = await designedChat(me, 'Private', { bom: weatherStationBom });
    const read = await stranger.from('projects').select('id').eq('id', projectId);
    expect(read.data).toEqual([]);
    const renamed = await stranger.from('projects').update({ name: 'Mine now' }).eq('id', projectId).select('id');
    expect(renamed.data).toEqual([]);
    const current = await stranger.rpc('project_current_artifacts', { p_project_id: projectId });
    expect(current.data).toEqual([]);
    const chat = await stranger.from('chats').insert({ title: 'Intruder' }).select('id').single();
    const moved = await stranger.from('chats').update({ project_id: projectId }).eq('id', chat.data!.id);
    expect(moved.error?.code).toBe('42501');
    const created = await stranger.from('chats').insert({ title: 'Intruder', project_id: projectId });
    expect(created.error?.code).toBe('42501');
  });
});

describe('the exports bucket', () => {
  it("lets only the project's owner read, list and add files, and nobody overwrite one", async () => {
    const { projectId } = await designedChat(me, 'Exports RLS', { bom: weatherStationBom });
    const path = `${projectId}/a/bom-v1/bom-v1-universal.csv`;
    const mine = me.storage.from('exports');
    expect((await mine.upload(path, 'Qty\n1\n', { contentType: 'text/csv' })).error).toBeNull();
    expect((await mine.list(`${projectId}/a/bom-v1`)).data?.map((f) => f.name)).toEqual(['bom-v1-universal.csv']);

    const theirs = stranger.storage.from('exports');
    expect((await theirs.download(path)).error).not.toBeNull();
    expect((await theirs.list(`${projectId}/a/bom-v1`)).data).toEqual([]);
    expect((await theirs.createSignedUrl(path, 60)).error).not.toBeNull();
    const overwrite = await theirs.upload(path, 'evil', { contentType: 'text/csv', upsert: true });
    expect(overwrite.error).not.toBeNull();
    const added = await theirs.upload(`${projectId}/a/bom-v1/extra.csv`, 'evil', { contentType: 'text/csv' });
    expect(added.error).not.toBeNull();
    await theirs.remove([path]);
    // Not even the owner replaces a file: a name is one set of versions, made once.
    const replaced = await mine.upload(path, 'other', { contentType: 'text/csv', upsert: true });
    expect(replaced.error).not.toBeNull();
    expect(await (await mine.download(path)).data?.text()).toBe('Qty\n1\n');
    // A folder that is not a project of the caller's is refused, and so is a type the bucket does not take.
    expect((await mine.upload(`${crypto.randomUUID()}/x.csv`, 'x', { contentType: 'text/csv' })).error).not.toBeNull();
    expect((await mine.upload(`${projectId}/x.html`, '<b>', { contentType: 'text/html' })).error).not.toBeNull();
  });
});
