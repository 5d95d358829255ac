// /rest/v1 reads, driven by the real supabase-js: select grammar, embeds of every kind, filters, order, paging,
// counts, singular responses, CSV and the errors PostgREST gives.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { anonKey, publishableKey, serviceRoleKey } from '../support/stack.ts';
import { createRestFixture } from './rest-fixture.ts';

const fixtureSchema = 'rest_fixture_read';

process.env.PGRST_DB_SCHEMAS = `public,graphql_public,${fixtureSchema}`;
let dropFixture: () => Promise<void> = async () => {};
beforeAll(async () => {
  dropFixture = await createRestFixture(fixtureSchema);
});
afterAll(() => dropFixture());
const gateway = gatewayForSuite();
const db = (key = anonKey) =>
  createClient(gateway.url, key, { db: { schema: fixtureSchema }, auth: { persistSession: false } });

describe('select', () => {
  it('returns columns, aliases, casts and JSON paths', async () => {
    const { data, error, status } = await db()
      .from('posts')
      .select('id,heading:title,rating::text,board:meta->board->>name,pins:meta->pins')
      .eq('id', 1)
      .single();
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual({ id: 1, heading: 'ESP32 deep sleep', rating: '5', board: 'esp32', pins: 3 });
  });

  it('embeds many-to-one, one-to-many and many-to-many resources, nested', async () => {
    const { data, error } = await db()
      .from('posts')
      .select('title, author:authors!posts_author_id_fkey(name), comments(body), labels(name)')
      .eq('id', 1)
      .order('body', { referencedTable: 'comments' })
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({
      title: 'ESP32 deep sleep',
      author: { name: 'Ada' },
      comments: [{ body: 'great' }, { body: 'hi' }],
      labels: [{ name: 'beginner' }, { name: 'advanced' }],
    });
    const nested = await db()
      .from('authors')
      .select('name, posts!posts_author_id_fkey(title, comments(body))')
      .eq('name', 'Ada')
      .single();
    expect(nested.data?.posts).toHaveLength(2);
    expect(nested.data?.posts[0].comments.length).toBeGreaterThan(0);
  });

  it('refuses an ambiguous embed with 300 PGRST201 and an unknown one with 400 PGRST200', async () => {
    const ambiguous = await db().from('posts').select('title, authors(name)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.error?.code).toBe('PGRST201');
    const unknown = await db().from('posts').select('title, planets(name)');
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe('PGRST200');
  });

  it('filters parents with !inner and only the embedded rows otherwise; spreads to-one columns', async () => {
    const inner = await db().from('posts').select('title, comments!inner(body)').eq('comments.body', 'thanks');
    expect(inner.data).toEqual([{ title: 'BME280 wiring', comments: [{ body: 'thanks' }] }]);
    const left = await db().from('posts').select('id, comments(body)').eq('comments.body', 'thanks').order('id');
    expect(left.data).toHaveLength(4);
    expect(left.data?.[0].comments).toEqual([]);
    const spread = await db()
      .from('posts')
      .select('title, ...authors!posts_author_id_fkey(author_name:name)')
      .eq('id', 2)
      .single();
    expect(spread.data).toEqual({ title: 'BME280 wiring', author_name: 'Ada' });
    const limited = await db()
      .from('authors')
      .select('name, posts!posts_author_id_fkey(id)')
      .eq('name', 'Ada')
      .limit(1, { referencedTable: 'posts' })
      .single();
    expect(limited.data?.posts).toHaveLength(1);
  });
});

describe('filters', () => {
  const ids = async (query: PromiseLike<{ data: Array<{ id: number }> | null; error: unknown }>) => {
    const { data, error } = await query;
    expect(error).toBeNull();
    return (data ?? []).map((r) => r.id).sort();
  };
  const posts = () => db().from('posts').select('id');

  it('supports the comparison, pattern and null operators, and not.', async () => {
    expect(await ids(posts().eq('author_id', 1))).toEqual([1, 2]);
    expect(await ids(posts().neq('author_id', 1))).toEqual([3, 4]);
    expect(await ids(posts().gt('rating', 3))).toEqual([1]);
    expect(await ids(posts().gte('rating', 3))).toEqual([1, 3]);
    expect(await ids(posts().lt('rating', 3))).toEqual([4]);
    expect(await ids(posts().lte('rating', 3))).toEqual([3, 4]);
    expect(await ids(posts().like('title', '%sleep%'))).toEqual([1]);
    expect(await ids(posts().ilike('title', 'bme*'))).toEqual([2]);
    expect(await ids(posts().match({ author_id: 1, published: true }))).toEqual([1, 2]);
    expect(await ids(posts().filter('title', 'match', '^E'))).toEqual([1]);
    expect(await ids(posts().filter('title', 'imatch', '^e'))).toEqual([1]);
    expect(await ids(posts().is('rating', null))).toEqual([2]);
    expect(await ids(posts().not('rating', 'is', null))).toEqual([1, 3, 4]);
    expect(await ids(posts().filter('rating', 'isdistinct', '5'))).toEqual([2, 3, 4]);
    expect(await ids(posts().in('title', ['Draft, with comma', 'BME280 wiring']))).toEqual([2, 4]);
    expect(await ids(posts().not('author_id', 'in', '(1,2)'))).toEqual([4]);
  });

  it('supports the any/all quantifiers on comparison and pattern operators', async () => {
    expect(await ids(posts().likeAnyOf('title', ['ESP*', 'BME*']))).toEqual([1, 2]);
    expect(await ids(posts().likeAllOf('title', ['*deep*', 'ESP*']))).toEqual([1]);
    expect(await ids(posts().ilikeAnyOf('title', ['esp*', 'draft*']))).toEqual([1, 4]);
    expect(await ids(posts().ilikeAllOf('title', ['*e*', '*wiring']))).toEqual([2]);
    expect(await ids(posts().filter('rating', 'gt(any)', '{4,100}'))).toEqual([1]);
    expect(await ids(posts().filter('author_id', 'eq(any)', '{2,3}'))).toEqual([3, 4]);
    expect(await ids(posts().not('title', 'like(any)', '{ESP*,BME*}'))).toEqual([3, 4]);
    const refused = await posts().filter('tags', 'cs(any)', '{x}');
    expect(refused.status).toBe(400);
    expect(refused.error?.code).toBe('PGRST100');
  });

  it('refuses aggregates as hosted Supabase does (db-aggregates-enabled is off): 400 PGRST123', async () => {
    for (const select of ['count()', 'total:count()', 'rating.sum()', 'author_id, rating.avg()']) {
      const { error, status } = await db().from('posts').select(select);
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'PGRST123', message: 'Use of aggregate functions is not allowed' });
    }
  });

  it('supports array, JSON and full-text operators', async () => {
    expect(await ids(posts().contains('tags', ['esp32']))).toEqual([1]);
    expect(await ids(posts().containedBy('tags', ['safety', 'x']))).toEqual([3, 4]);
    expect(await ids(posts().overlaps('tags', ['i2c', 'safety']))).toEqual([2, 3]);
    expect(await ids(posts().contains('meta', { board: { name: 'uno' } }))).toEqual([2]);
    expect(await ids(posts().eq('meta->board->>name', 'esp32'))).toEqual([1]);
    expect(await ids(posts().textSearch('tsv', 'deep sleep', { type: 'websearch', config: 'english' }))).toEqual([1]);
    expect(await ids(posts().textSearch('tsv', 'mains & breadboard', { config: 'english' }))).toEqual([3]);
    expect(await ids(posts().textSearch('tsv', 'sda scl', { type: 'plain' }))).toEqual([2]);
    expect(await ids(posts().textSearch('body', 'deep sleep', { type: 'phrase', config: 'english' }))).toEqual([1]);
  });

  it('combines filters with or/and trees, also on embedded resources', async () => {
    expect(await ids(posts().or('rating.gte.5,title.ilike.*relay*'))).toEqual([1, 3]);
    expect(await ids(posts().or('author_id.eq.3,and(published.is.true,rating.is.null)'))).toEqual([2, 4]);
    const { data } = await db()
      .from('posts')
      .select('id, comments(body)')
      .eq('id', 1)
      .or('body.eq.hi,body.eq.nope', { referencedTable: 'comments' })
      .single();
    expect(data?.comments).toEqual([{ body: 'hi' }]);
  });
});

describe('order, paging and counts', () => {
  it('orders by a column of a to-one embedded resource, and refuses what PostgREST refuses', async () => {
    const { data, error } = await db()
      .from('posts')
      .select('id, author:authors!posts_author_id_fkey(name)')
      .order('author(name)', { ascending: false, nullsFirst: false })
      .order('id');
    expect(error).toBeNull();
    const names = (data ?? []).map((r) => (r.author as unknown as { name: string } | null)?.name ?? null);
    const expected = [...names].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? 1 : -1));
    expect(names.filter((n) => n !== null).length).toBeGreaterThan(1);
    expect(names).toEqual(expected);
    const notEmbedded = await db().from('posts').select('id').order('authors(name)');
    expect(notEmbedded).toMatchObject({ status: 400, error: { code: 'PGRST108' } });
    const toMany = await db().from('posts').select('id, comments(body)').order('comments(body)');
    expect(toMany).toMatchObject({ status: 400, error: { code: 'PGRST118' } });
  });

  it('orders with nulls first or last', async () => {
    const last = await db().from('posts').select('id').order('rating', { ascending: false, nullsFirst: false });
    expect(last.data?.map((r) => r.id)).toEqual([1, 3, 4, 2]);
    const first = await db().from('posts').select('id').order('rating', { ascending: true, nullsFirst: true });
    expect(first.data?.map((r) => r.id)).toEqual([2, 4, 3, 1]);
  });

  it('pages with range and counts exactly with Content-Range', async () => {
    const { data, count, status } = await db().from('posts').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(data?.map((r) => r.id)).toEqual([2, 3]);
    expect(count).toBe(4);
    expect(status).toBe(206);
    const head = await db().from('posts').select('*', { count: 'exact', head: true });
    expect(head.data).toBeNull();
    expect(head.count).toBe(4);
    const raw = await fetch(`${gateway.url}/rest/v1/posts?select=id&order=id&offset=0&limit=2`, {
      headers: { apikey: publishableKey, 'accept-profile': fixtureSchema },
    });
    expect(raw.headers.get('content-range')).toBe('0-1/*');
    const beyond = await db().from('posts').select('id', { count: 'exact' }).range(10, 12);
    expect(beyond.status).toBe(416);
    expect(beyond.error?.code).toBe('PGRST103');
  });
});

describe('response shapes', () => {
  it('answers single() with one object, or 406 PGRST116; maybeSingle() with null', async () => {
    const none = await db().from('posts').select('id').eq('id', 999).single();
    expect(none.status).toBe(406);
    expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
    const many = await db().from('posts').select('id').single();
    expect(many.error?.details).toBe('The result contains 4 rows');
    const maybe = await db().from('posts').select('id').eq('id', 999).maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });

  it('returns CSV', async () => {
    const { data } = await db().from('authors').select('id,name,bio').order('id').csv();
    expect(data).toBe('id,name,bio\n1,Ada,engineer\n2,Grace,\n3,Linus,kernel');
  });
});

describe('errors', () => {
  it('answers an unknown table with 404 PGRST205 and an unknown column with 400', async () => {
    const table = await db().from('planets').select('*');
    expect(table.status).toBe(404);
    expect(table.error?.code).toBe('PGRST205');
    const column = await db().from('posts').select('id').eq('nope', 1);
    expect(column.status).toBe(400);
    expect(column.error?.code).toBe('42703');
  });

  it('answers bad grammar with 400 PGRST100 and a bad value with 400 22P02', async () => {
    const grammar = await fetch(`${gateway.url}/rest/v1/posts?select=id,(`, {
      headers: { apikey: publishableKey, 'accept-profile': fixtureSchema },
    });
    expect(grammar.status).toBe(400);
    expect((await grammar.json()).code).toBe('PGRST100');
    const operator = await fetch(`${gateway.url}/rest/v1/posts?id=zz.1`, {
      headers: { apikey: publishableKey, 'accept-profile': fixtureSchema },
    });
    expect(operator.status).toBe(400);
    const value = await db().from('posts').select('id').eq('id', 'not-a-number');
    expect(value.status).toBe(400);
    expect(value.error?.code).toBe('22P02');
  });

  it('refuses an unexposed schema with 406 PGRST106 and a bad key with 401', async () => {
    const res = await createClient(gateway.url, anonKey, { db: { schema: 'auth' } })
      .from('users')
      .select('*');
    expect(res.status).toBe(406);
    expect(res.error?.code).toBe('PGRST106');
    const bad = await fetch(`${gateway.url}/rest/v1/posts`, {
      headers: { apikey: anonKey, authorization: 'Bearer not.a.jwt', 'accept-profile': fixtureSchema },
    });
    expect(bad.status).toBe(401);
  });

  it('keeps injection attempts inert: identifiers are checked, values are bound', async () => {
    const column = await db().from('posts').select(`id;drop table ${fixtureSchema}.authors`);
    expect(column.status).toBe(400);
    const quoted = await db().from('posts').select(`"id; drop table ${fixtureSchema}.authors --"`);
    expect(quoted.status).toBe(400);
    const value = await db().from('posts').select('id').eq('title', `'; drop table ${fixtureSchema}.authors; --`);
    expect(value.data).toEqual([]);
    const order = await fetch(`${gateway.url}/rest/v1/posts?order=id;delete from ${fixtureSchema}.authors`, {
      headers: { apikey: publishableKey, 'accept-profile': fixtureSchema },
    });
    expect(order.status).toBe(400);
    const fn = await db().rpc(`add;drop table ${fixtureSchema}.authors`, { a: 1, b: 2 });
    expect(fn.status).toBe(404);
    const authors = await createClient(gateway.url, serviceRoleKey, { db: { schema: fixtureSchema } })
      .from('authors')
      .select('id');
    expect(authors.data).toHaveLength(3);
  });
});
