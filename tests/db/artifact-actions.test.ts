// The artifact panel's server actions against the real stack, as a signed-in guest (RLS decides): a BOM line edit
// saves a version by the user with its parts rows; a stale expected version is a conflict; a restore of the
// current version, a version that does not exist, an oversize document and another user's artifact are each a
// clear 4xx with nothing saved; the timeline pages by keyset and catches up after a number.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInGuest } from '../support/app.ts';
import { weatherStationBom } from '../unit/fixtures/weather-station-bom.ts';
import { admin } from './fixtures.ts';

const session = vi.hoisted(() => ({ client: null as unknown }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => session.client }));
const { loadArtifactTimeline, restoreArtifact, saveArtifact } = await import('@/app/(shell)/chat/[id]/actions');

let bomId: string;
let contextId: string;
let owner: unknown;
beforeAll(async () => {
  const me = await signInGuest();
  session.client = owner = me;
  const { data: user } = await me.auth.getUser();
  const [project] =
    await admin`insert into public.projects (user_id, name) values (${user.user!.id}, 'Weather') returning id`;
  const [chat] =
    await admin`insert into public.chats (user_id, title, project_id) values (${user.user!.id}, 'Weather', ${project.id}) returning id`;
  const create = async (type: string, title: string, content: string | null, json: unknown) =>
    (
      await admin`select public.create_artifact_with_version(${chat.id}, ${project.id}, ${type}::public.artifact_type, ${title}, ${content}, ${admin.json(json as never)}, null) as id`
    )[0].id as string;
  bomId = await create('bom', 'Weather BOM', null, weatherStationBom);
  contextId = await create('context', 'Context', '# Context', { goal: 'weather' });
});
afterAll(async () => {
  await admin.end();
});

describe('the artifact actions', () => {
  it('save a BOM line edit as v2 by the user, with its parts rows', async () => {
    const saved = await saveArtifact({
      artifactId: bomId,
      expectedVersion: 1,
      summary: 'Two displays',
      edit: { kind: 'bom', lines: [{ ref: 'ssd1306', quantity: 2, catalogueKey: 'ssd1306', unitPrice: null }] },
    });
    expect(saved).toEqual({ ok: true, version: 2 });
    const [row] = await admin`select v.author, v.change_summary, count(p.id)::int as parts,
        max(p.quantity) filter (where p.specs->>'ref' = 'ssd1306') as displays
      from public.artifact_versions v left join public.parts p on p.artifact_version_id = v.id
      where v.artifact_id = ${bomId} and v.version_number = 2 group by v.id`;
    expect(row).toEqual({
      author: 'user',
      change_summary: 'Two displays',
      parts: weatherStationBom.lines.length,
      displays: 2,
    });
  });

  it('answer a stale expected version with a conflict, and bad input with a clear 4xx, saving nothing', async () => {
    const edit = {
      kind: 'bom' as const,
      lines: [{ ref: 'ssd1306', quantity: 3, catalogueKey: 'ssd1306', unitPrice: null }],
    };
    const stale = await saveArtifact({ artifactId: bomId, expectedVersion: 1, summary: 'Late', edit });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict:artifact' } });
    expect(await restoreArtifact({ artifactId: bomId, version: 2, expectedVersion: 2 })).toEqual({
      ok: false,
      error: {
        code: 'bad_request:artifact',
        message: 'v2 is already the current version: there is nothing to restore.',
      },
    });
    expect(await restoreArtifact({ artifactId: bomId, version: 9, expectedVersion: 2 })).toEqual({
      ok: false,
      error: { code: 'not_found:artifact', message: 'Weather BOM has no version 9: its versions are 1 to 2.' },
    });
    const big = await saveArtifact({
      artifactId: contextId,
      expectedVersion: 1,
      summary: 'Big',
      edit: { kind: 'document', content: 'x'.repeat(200_001) },
    });
    expect(big).toMatchObject({
      ok: false,
      error: { code: 'bad_request:artifact', message: 'A document holds at most 200,000 characters.' },
    });
    const gone = await saveArtifact({
      artifactId: bomId,
      expectedVersion: 2,
      summary: 'Swap',
      edit: { kind: 'bom', lines: [{ ref: 'dht22', quantity: 1, catalogueKey: null, unitPrice: null }] },
    });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'bad_request:artifact', message: 'This version no longer lists the line "dht22".' },
    });

    session.client = await signInGuest();
    expect(await restoreArtifact({ artifactId: bomId, version: 1, expectedVersion: 2 })).toMatchObject({
      ok: false,
      error: { code: 'not_found:artifact', message: 'This artifact does not exist or you do not have access to it.' },
    });
    session.client = owner;
    const [counts] = await admin`select total_versions from public.artifacts where id = ${bomId}`;
    expect(counts.total_versions).toBe(2);
  });

  it('page the timeline by keyset and catch up after a version number', async () => {
    expect(await restoreArtifact({ artifactId: bomId, version: 1, expectedVersion: 2 })).toEqual({
      ok: true,
      version: 3,
    });
    const numbers = (result: Awaited<ReturnType<typeof loadArtifactTimeline>>) =>
      result.ok ? result.entries.map((e) => [e.version_number, e.author, e.change_summary]) : result;
    expect(numbers(await loadArtifactTimeline({ artifactId: bomId, before: 3 }))).toEqual([
      [2, 'user', 'Two displays'],
      [1, 'agent', 'Initial version'],
    ]);
    expect(numbers(await loadArtifactTimeline({ artifactId: bomId, after: 2 }))).toEqual([[3, 'user', 'Restored v1']]);
  });
});
