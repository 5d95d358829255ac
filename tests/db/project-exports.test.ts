// The export route and the project actions against the real stack, as the app runs them (the user's session, RLS):
// each export redirects to a short-lived signed URL of a file stored once per set of versions; a new version makes a
// new file and the old one stays; a missing BOM, wiring or code is a 400 that says what to ask for; another user's
// project is a 404 and no session a 401. Rename, archive, delete with undo and moving a chat, through the actions.
import { createClient as createSupabaseClient, type SupabaseClient } from '@supabase/supabase-js';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/supabase/database.types';
import { apiUrl, publishableKey } from '../support/stack.ts';
import { pointAppAtStack, signInGuest } from '../support/app.ts';
import { designedChat, saveDesignTurn } from '../support/designs.ts';
import { bomCsvHeaders } from '@/lib/exports/bom-csv';
import { weatherStationBom, weatherStationBomV1 } from '../unit/fixtures/weather-station-bom.ts';
import { admin } from './fixtures.ts';

const session = vi.hoisted(() => ({ client: null as unknown }));
vi.mock('server-only', () => ({}));
vi.mock('next/navigation', () => ({ redirect: vi.fn(), notFound: vi.fn() }));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => session.client }));
pointAppAtStack();
const { GET } = await import('@/app/(shell)/projects/[id]/exports/[kind]/route');
const actions = await import('@/app/(shell)/projects/actions');

type Client = SupabaseClient<Database>;
let me: Client;
let design: Awaited<ReturnType<typeof designedChat>>;
beforeAll(async () => {
  me = await signInGuest();
  session.client = me;
  design = await designedChat(me, 'Export me');
});
afterAll(async () => {
  await admin.end();
});

const get = (projectId: string, kind: string) =>
  GET(new Request(`http://app.test/projects/${projectId}/exports/${kind}`), {
    params: Promise.resolve({ id: projectId, kind }),
  });

async function download(projectId: string, kind: string) {
  const response = await get(projectId, kind);
  expect(response.status).toBe(303);
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const location = response.headers.get('location')!;
  expect(location.startsWith(`${apiUrl}/storage/v1/object/sign/exports/${projectId}/`)).toBe(true);
  const file = await fetch(location);
  expect(file.status).toBe(200);
  return { location, file, bytes: new Uint8Array(await file.arrayBuffer()) };
}

describe('GET /projects/[id]/exports/[kind]', () => {
  it('stores each export once and redirects to a signed URL that downloads it under its versioned name', async () => {
    const csv = await download(design.projectId, 'bom-jlcpcb');
    expect(csv.file.headers.get('content-type')).toBe('text/csv');
    expect(csv.file.headers.get('content-disposition')).toContain('bom-v1-jlcpcb.csv');
    const rows = parse(new TextDecoder().decode(csv.bytes), { columns: false }) as string[][];
    expect(rows[0]).toEqual([...bomCsvHeaders.jlcpcb]);

    const pdf = await download(design.projectId, 'wiring-pdf');
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    const zip = unzipSync((await download(design.projectId, 'firmware-zip')).bytes);
    expect(Object.keys(zip).some((name) => name.endsWith('platformio.ini'))).toBe(true);
    const wokwi = JSON.parse(strFromU8((await download(design.projectId, 'wokwi-diagram')).bytes));
    expect(wokwi.parts.length).toBeGreaterThan(1);
    for (const kind of ['bom-universal', 'bom-kicad']) await download(design.projectId, kind);

    // Asked again, the same object is signed (nothing is made twice).
    const [{ count }] = await admin`select count(*)::int from storage.objects where bucket_id = 'exports'
                                     and name like ${design.projectId + '/%'}`;
    expect(count).toBe(6);
    const again = await download(design.projectId, 'bom-jlcpcb');
    expect(new URL(again.location).pathname).toBe(new URL(csv.location).pathname);
    const [{ count: after }] = await admin`select count(*)::int from storage.objects where bucket_id = 'exports'
                                            and name like ${design.projectId + '/%'}`;
    expect(after).toBe(6);
  });

  it('makes a new file for a new version and leaves the old one as it was', async () => {
    const before = await download(design.projectId, 'bom-universal');
    const bom = design.versions.find((v) => v.type === 'bom')!;
    await saveDesignTurn(
      me,
      design.chatId,
      { bom: weatherStationBomV1 },
      { bom: { artifactId: bom.artifactId, expectedVersion: 1 } },
    );
    const next = await download(design.projectId, 'bom-universal');
    expect(next.file.headers.get('content-disposition')).toContain('bom-v2-universal.csv');
    expect(new URL(next.location).pathname).not.toBe(new URL(before.location).pathname);
    const old = await fetch(before.location);
    expect(new Uint8Array(await old.arrayBuffer())).toEqual(before.bytes);
    expect(weatherStationBomV1.lines.length).not.toBe(weatherStationBom.lines.length);
  });

  it('says what a project without a BOM, wiring or code is missing', async () => {
    const { data } = await me.from('projects').insert({ name: 'Empty' }).select('id').single();
    for (const [kind, word] of [
      ['bom-kicad', 'BOM'],
      ['wiring-pdf', 'wiring'],
      ['firmware-zip', 'code'],
      ['wokwi-diagram', 'wiring'],
    ]) {
      const response = await get(data!.id, kind);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe('bad_request:export');
      expect(body.message).toContain(`no ${word} yet`);
    }
  });

  it("answers another user's project as missing, a bad kind as 404, and no session as 401", async () => {
    session.client = await signInGuest();
    try {
      expect((await get(design.projectId, 'bom-kicad')).status).toBe(404);
    } finally {
      session.client = me;
    }
    expect((await get(design.projectId, 'bom-excel')).status).toBe(404);
    expect((await get('not-a-uuid', 'bom-kicad')).status).toBe(404);
    session.client = createSupabaseClient<Database>(apiUrl, publishableKey, { auth: { persistSession: false } });
    try {
      const response = await get(design.projectId, 'bom-kicad');
      expect(response.status).toBe(401);
    } finally {
      session.client = me;
    }
  });
});

describe('the project actions', () => {
  it('rename, archive, delete with undo, and purge with the exports folder', async () => {
    const { projectId } = await designedChat(me, 'Lifecycle', { bom: weatherStationBom });
    await download(projectId, 'bom-kicad');
    expect(await actions.renameProject({ projectId, name: '  Garden sensor ' })).toMatchObject({
      ok: true,
      project: { name: 'Garden sensor' },
    });
    expect(await actions.renameProject({ projectId, name: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request:project', message: 'Give the project a name.' },
    });
    expect(await actions.archiveProject({ projectId, archived: true })).toMatchObject({ ok: true });
    const archived = await me.from('projects').select('archived_at').eq('id', projectId).single();
    expect(archived.data?.archived_at).not.toBeNull();
    expect(await actions.deleteProject({ projectId })).toMatchObject({ ok: true });
    expect((await me.from('projects').select('id').eq('id', projectId).is('deleted_at', null)).data).toEqual([]);
    expect(await actions.undoDeleteProject({ projectId })).toMatchObject({ ok: true });
    expect(await actions.deleteProject({ projectId })).toMatchObject({ ok: true });
    expect(await actions.purgeProject({ projectId })).toEqual({ ok: true });
    expect((await me.from('projects').select('id').eq('id', projectId)).data).toEqual([]);
    const [{ count }] = await admin`select count(*)::int from storage.objects where bucket_id = 'exports'
                                     and name like ${projectId + '/%'}`;
    expect(count).toBe(0);
    expect(await actions.undoDeleteProject({ projectId })).toMatchObject({
      ok: false,
      error: { code: 'not_found:project' },
    });
  });

  it('move a chat into a project or a new one, and refuse a project that is not mine', async () => {
    const chat = await me.from('chats').insert({ title: 'Loose chat' }).select('id').single();
    const made = await actions.moveChat({ chatId: chat.data!.id, newProjectName: 'From a chat' });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const moved = await me.from('chats').select('project_id').eq('id', chat.data!.id).single();
    expect(moved.data?.project_id).toBe(made.projectId);
    expect(await actions.moveChat({ chatId: chat.data!.id, projectId: design.projectId })).toEqual({
      ok: true,
      projectId: design.projectId,
    });
    const theirs = await (await signInGuest()).from('projects').insert({ name: 'Theirs' }).select('id').single();
    expect(await actions.moveChat({ chatId: chat.data!.id, projectId: theirs.data!.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found:project' },
    });
  });
});
