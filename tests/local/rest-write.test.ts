// /rest/v1 writes, RPC and row-level security, driven by the real supabase-js.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { anonKey, serviceRoleKey } from '../support/stack.ts';
import { clientAs, tokenFor } from '../support/users.ts';
import { createRestFixture } from './rest-fixture.ts';

const fixtureSchema = 'rest_fixture_write';

process.env.PGRST_DB_SCHEMAS = `public,graphql_public,${fixtureSchema}`;
let dropFixture: () => Promise<void> = async () => {};
beforeAll(async () => {
  dropFixture = await createRestFixture(fixtureSchema);
});
afterAll(() => dropFixture());
const gateway = gatewayForSuite();
const db = (key = anonKey) =>
  createClient(gateway.url, key, {
    db: { schema: fixtureSchema },
    auth: { persistSession: false, autoRefreshToken: false },
  });

async function userToken(sub = crypto.randomUUID()) {
  return { sub, client: clientAs(gateway.url, await tokenFor(sub), { db: { schema: fixtureSchema } }) };
}

describe('insert', () => {
  it('inserts one row with 201 and no body unless asked', async () => {
    const res = await db().from('authors').insert({ name: 'Hedy' });
    expect(res.status).toBe(201);
    expect(res.data).toBeNull();
    const rep = await db().from('authors').insert({ name: 'Margaret', bio: 'apollo' }).select('name, bio').single();
    expect(rep).toMatchObject({ status: 201, data: { name: 'Margaret', bio: 'apollo' } });
  });

  it('inserts many rows, using defaults for missing keys when asked', async () => {
    // Without defaults, a key missing from one row is null in that row, as PostgREST does (and tags is not null).
    const nulls = await db()
      .from('posts')
      .insert([
        { title: 'A', rating: 1 },
        { title: 'B', tags: ['x', 'y, z'] },
      ]);
    expect(nulls).toMatchObject({ status: 400, error: { code: '23502' } });
    const rows = await db()
      .from('posts')
      .insert([
        { title: 'A', rating: 1, tags: [] },
        { title: 'B', rating: null, tags: ['x', 'y, z'] },
      ])
      .select('title, rating, tags');
    expect(rows.data).toEqual([
      { title: 'A', rating: 1, tags: [] },
      { title: 'B', rating: null, tags: ['x', 'y, z'] },
    ]);
    const withDefaults = await db()
      .from('posts')
      .insert([{ title: 'C' }, { title: 'D', published: true }], { defaultToNull: false })
      .select('title, tags, published');
    expect(withDefaults.data).toEqual([
      { title: 'C', tags: [], published: false },
      { title: 'D', tags: [], published: true },
    ]);
  });

  it('fails a bulk insert atomically', async () => {
    const before = await db().from('authors').select('id', { count: 'exact', head: true });
    const res = await db()
      .from('authors')
      .insert([{ name: 'Unique One' }, { name: 'Ada' }]);
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('23505');
    const after = await db().from('authors').select('id', { count: 'exact', head: true });
    expect(after.count).toBe(before.count);
  });

  it('answers foreign-key and not-null violations and unknown columns', async () => {
    const fk = await db().from('comments').insert({ post_id: 9999, body: 'x' });
    expect(fk).toMatchObject({ status: 409, error: { code: '23503' } });
    const notNull = await db().from('comments').insert({ post_id: 1 });
    expect(notNull).toMatchObject({ status: 400, error: { code: '23502' } });
    const column = await db().from('comments').insert({ post_id: 1, body: 'x', mood: 'happy' });
    expect(column).toMatchObject({ status: 400, error: { code: 'PGRST204' } });
  });

  it('upserts by primary key or on_conflict, merging or ignoring duplicates', async () => {
    const merged = await db().from('labels').upsert({ id: 1, name: 'starter' }).select('id, name');
    expect(merged.data).toEqual([{ id: 1, name: 'starter' }]);
    const byName = await db()
      .from('labels')
      .upsert({ name: 'starter' }, { onConflict: 'name', ignoreDuplicates: true })
      .select('id');
    expect(byName.data).toEqual([]);
    const fresh = await db()
      .from('labels')
      .upsert([{ name: 'expert' }], { onConflict: 'name' })
      .select('name');
    expect(fresh.data).toEqual([{ name: 'expert' }]);
  });

  it('rolls back on request', async () => {
    const res = await db().from('authors').insert({ name: 'Ghost' }).select('name').rollback();
    expect(res.data).toEqual([{ name: 'Ghost' }]);
    const check = await db().from('authors').select('id').eq('name', 'Ghost');
    expect(check.data).toEqual([]);
  });
});

describe('update and delete', () => {
  it('updates with filters: 204 without a body, 200 with one', async () => {
    const quiet = await db().from('posts').update({ rating: 4 }).eq('title', 'A');
    expect(quiet.status).toBe(204);
    const loud = await db()
      .from('posts')
      .update({ meta: { edited: true } })
      .eq('title', 'A')
      .select('title, rating, meta');
    expect(loud).toMatchObject({ status: 200, data: [{ title: 'A', rating: 4, meta: { edited: true } }] });
  });

  it('deletes with filters and returns what was deleted when asked', async () => {
    const { data, status } = await db().from('posts').delete().in('title', ['C', 'D']).select('title');
    expect(status).toBe(200);
    expect(data?.map((r) => r.title).sort()).toEqual(['C', 'D']);
    const none = await db().from('posts').delete().eq('title', 'nothing matches');
    expect(none.status).toBe(204);
  });

  it('limits an update or delete to the rows an explicit order picks, and refuses a limit without order', async () => {
    await db()
      .from('labels')
      .insert([{ name: 'lim-1' }, { name: 'lim-2' }, { name: 'lim-3' }]);
    const updated = await db()
      .from('labels')
      .update({ name: 'lim-first' })
      .like('name', 'lim-*')
      .order('id')
      .limit(1)
      .select('name');
    expect(updated).toMatchObject({ status: 200, data: [{ name: 'lim-first' }] });
    const deleted = await db()
      .from('labels')
      .delete()
      .like('name', 'lim-*')
      .order('id', { ascending: false })
      .limit(1)
      .select('name');
    expect(deleted.data).toEqual([{ name: 'lim-3' }]);
    const left = await db().from('labels').select('name').like('name', 'lim-*').order('id');
    expect(left.data).toEqual([{ name: 'lim-first' }, { name: 'lim-2' }]);
    const unordered = await db().from('labels').delete().like('name', 'lim-*').limit(1);
    expect(unordered).toMatchObject({ status: 400, error: { code: 'PGRST109' } });
    expect((await db().from('labels').select('name', { count: 'exact', head: true }).like('name', 'lim-*')).count).toBe(
      2,
    );
  });
});

describe('rpc', () => {
  it('calls scalar functions with named arguments, by POST and by GET', async () => {
    expect((await db().rpc('add', { a: 2, b: 3 })).data).toBe(5);
    expect((await db().rpc('add', { a: 2, b: 40 }, { get: true })).data).toBe(42);
  });

  it('resolves overloads by argument names', async () => {
    expect((await db().rpc('greet', { name: 'Ada' })).data).toBe('Hello, Ada');
    expect((await db().rpc('greet', { first: 'Ada', last: 'Lovelace' })).data).toBe('Hello, Ada Lovelace');
  });

  it('applies select, filters, order and limit to set-returning functions', async () => {
    const posts = await db().rpc('posts_by_tag', { tag: 'esp32' }).select('id, title');
    expect(posts.data).toEqual([{ id: 1, title: 'ESP32 deep sleep' }]);
    const titles = await db().rpc('post_titles').gte('post_id', 2).order('post_id', { ascending: false }).limit(2);
    expect(titles.data?.map((r: { post_id: number }) => r.post_id)).toEqual(expect.arrayContaining([]));
    expect(titles.data).toHaveLength(2);
    const numbers = await db().rpc('numbers', { n: 3 });
    expect(numbers.data).toEqual([1, 2, 3]);
  });

  it('returns a composite as an object, void as 204 with no data, and a single json argument as is', async () => {
    expect((await db().rpc('first_author')).data).toMatchObject({ id: 1, name: 'Ada' });
    const touched = await db().rpc('touch');
    expect(touched).toMatchObject({ status: 204, data: null, error: null });
    expect((await db().rpc('echo', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] });
  });

  it('answers raised errors, custom statuses and unknown functions as PostgREST does', async () => {
    const raised = await db().rpc('fail', { message: 'voltage too high' });
    expect(raised).toMatchObject({ status: 400, error: { code: 'P0001', message: 'voltage too high' } });
    expect((await db().rpc('teapot')).status).toBe(418);
    const missing = await db().rpc('nope', { x: 1 });
    expect(missing).toMatchObject({ status: 404, error: { code: 'PGRST202' } });
    const volatileByGet = await db().rpc('touch', {}, { get: true });
    expect(volatileByGet.status).toBe(405);
  });
});

describe('row-level security per role', () => {
  it('lets owners see only their own rows, refuses anon, and lets the service role see all', async () => {
    const alice = await userToken();
    const bob = await userToken();
    expect((await alice.client.from('notes').insert({ body: 'alice note' })).status).toBe(201);
    expect((await bob.client.from('notes').insert({ body: 'bob note' })).status).toBe(201);
    expect((await alice.client.from('notes').select('body')).data).toEqual([{ body: 'alice note' }]);
    const forged = await alice.client.from('notes').insert({ body: 'as bob', owner: bob.sub });
    expect(forged).toMatchObject({ status: 403, error: { code: '42501' } });
    const anon = await db().from('notes').select('body');
    expect(anon).toMatchObject({ status: 401, error: { code: '42501' } });
    const deleted = await bob.client.from('notes').delete().eq('owner', alice.sub).select('id');
    expect(deleted.data).toEqual([]);
    const all = await db(serviceRoleKey).from('notes').select('body').in('owner', [alice.sub, bob.sub]);
    expect(all.data).toHaveLength(2);
    const tooLong = await alice.client.from('notes').insert({ body: 'x'.repeat(200) });
    expect(tooLong).toMatchObject({ status: 400, error: { code: '23514' } });
  });
});
