// Row-level security, table by table: the owner sees their rows, a stranger is silently filtered or refused,
// the anon key is refused, the service role sees everything; and no table in public is without RLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';
import { buildWorld, type World } from './world.ts';

let world: World;
let guest: TestUser;
beforeAll(async () => {
  world = await buildWorld();
  guest = await createUser({ anonymous: true });
});
afterAll(async () => {
  await api.end();
  await admin.end();
});

// table → how to find the owner's row, and whether authenticated users hold update/delete grants on it.
const tables: Record<string, { key: (w: World) => string; update?: string; del?: boolean }> = {
  projects: { key: (w) => w.projectId, update: 'name = name', del: true },
  chats: { key: (w) => w.chatId, update: 'title = title', del: true },
  messages: { key: (w) => w.messageIds[0] },
  artifacts: { key: (w) => w.artifactId, update: 'title = title', del: true },
  artifact_versions: { key: (w) => w.versionIds[0] },
  parts: { key: (w) => w.partId, update: 'name = name', del: true },
  connections: { key: (w) => w.connectionId, update: 'wire_color = wire_color', del: true },
  code_files: { key: (w) => w.codeFileId, update: 'filename = filename', del: true },
  attachments: { key: (w) => w.attachmentId, del: true },
  shared_chats: { key: (w) => w.shareId },
  profiles: { key: (w) => w.owner.id, update: 'display_name = display_name' },
};

describe('row-level security', () => {
  it('is enabled on every table in public', async () => {
    const rows = await admin`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`;
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  for (const [table, spec] of Object.entries(tables)) {
    describe(table, () => {
      const select = (sql: any, id: string) => sql.unsafe(`select id from public.${table} where id = $1`, [id]);

      it('shows the owner their row and hides it from a stranger and a guest', async () => {
        const id = spec.key(world);
        expect(await as(world.owner, (sql) => select(sql, id))).toHaveLength(1);
        expect(await as(world.stranger, (sql) => select(sql, id))).toHaveLength(0);
        expect(await as(guest, (sql) => select(sql, id))).toHaveLength(0);
        expect(await as('service_role', (sql) => select(sql, id))).toHaveLength(1);
      });

      it('refuses the anon key', async () => {
        expect(await sqlstateOf(() => as('anon', (sql) => select(sql, spec.key(world))))).toBe('42501');
      });

      it(spec.update ? 'lets a stranger update nothing' : 'refuses updates from users', async () => {
        const run = () =>
          as(world.stranger, (sql) =>
            sql.unsafe(`update public.${table} set ${spec.update ?? 'id = id'} where id = $1 returning id`, [
              spec.key(world),
            ]),
          );
        if (spec.update) expect(await run()).toHaveLength(0);
        else expect(await sqlstateOf(run)).toBe('42501');
      });

      it(spec.del ? 'lets a stranger delete nothing' : 'refuses deletes from users', async () => {
        const run = () =>
          as(world.stranger, (sql) =>
            sql.unsafe(`delete from public.${table} where id = $1 returning id`, [spec.key(world)]),
          );
        if (spec.del) expect(await run()).toHaveLength(0);
        else expect(await sqlstateOf(run)).toBe('42501');
        expect(await as('service_role', (sql) => select(sql, spec.key(world)))).toHaveLength(1);
      });
    });
  }

  it("refuses a stranger writing into the owner's chat, project and artifact", async () => {
    const { stranger, chatId, projectId, artifactId } = world;
    expect(
      await sqlstateOf(() =>
        as(
          stranger,
          (sql) => sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'user', 'hi')`,
        ),
      ),
    ).toBe('42501');
    expect(
      await sqlstateOf(() =>
        as(stranger, (sql) => sql`insert into public.chats (title, project_id) values ('x', ${projectId})`),
      ),
    ).toBe('42501');
    expect(
      await sqlstateOf(() =>
        as(stranger, (sql) => sql`insert into public.parts (project_id, name) values (${projectId}, 'x')`),
      ),
    ).toBe('42501');
    // Another user's artifact does not exist as far as a stranger can tell.
    expect(
      await sqlstateOf(() =>
        as(stranger, (sql) => sql`select public.add_artifact_version(${artifactId}, 2, 'x', null, 'x')`),
      ),
    ).toBe('PT404');
    expect(
      await sqlstateOf(() =>
        as(
          stranger,
          (sql) =>
            sql`insert into public.attachments (chat_id, filename, file_type, file_size, storage_path) values (${chatId}, 'a.png', 'image/png', 1, ${`${stranger.id}/${chatId}/a.png`})`,
        ),
      ),
    ).toBe('42501');
  });

  it('refuses users writing assistant messages or another owner', async () => {
    const { owner, stranger, chatId } = world;
    expect(
      await sqlstateOf(() =>
        as(
          owner,
          (sql) => sql`insert into public.messages (chat_id, role, content) values (${chatId}, 'assistant', 'fake')`,
        ),
      ),
    ).toBe('42501');
    const [chat] = await as(
      owner,
      (sql) => sql`insert into public.chats (user_id, title) values (${stranger.id}, 'mine') returning user_id`,
    );
    expect(chat.user_id).toBe(owner.id);
  });

  it('lets everyone read model prices but only the service role change them', async () => {
    expect((await as('anon', (sql) => sql`select model from public.model_prices`)).length).toBeGreaterThan(3);
    expect(await sqlstateOf(() => as(world.owner, (sql) => sql`update public.model_prices set input_per_1k = 0`))).toBe(
      '42501',
    );
  });

  it('keeps the activity log to its owner and append-only for users', async () => {
    const mine = await as(
      world.owner,
      (sql) => sql`select event_type from public.activity_log where chat_id = ${world.chatId}`,
    );
    expect(mine.map((r) => r.event_type)).toEqual(
      expect.arrayContaining(['chat_created', 'artifact_created', 'artifact_versioned', 'shared', 'attachment_added']),
    );
    // Messages are their own log (20261201175404): an append writes no activity row.
    expect(mine.map((r) => r.event_type)).not.toContain('message_added');
    expect(
      await as(world.stranger, (sql) => sql`select 1 from public.activity_log where chat_id = ${world.chatId}`),
    ).toHaveLength(0);
    expect(
      await sqlstateOf(() =>
        as(world.owner, (sql) => sql`insert into public.activity_log (event_type) values ('forked')`),
      ),
    ).toBe('42501');
  });
});
