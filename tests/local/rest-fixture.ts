// A schema of its own for the /rest/v1 conformance tests: every relationship kind, RLS, and functions of every
// return kind. Created by the superuser, independent of OHM's tables.
import postgres from 'postgres';
import { adminDbUrl } from '../support/stack.ts';

/** Creates the fixture in `schema` (one per test file, so files can run in parallel) and returns a function that drops it. */
export async function createRestFixture(schema: string): Promise<() => Promise<void>> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(fixtureSql.replaceAll('rest_fixture', schema));
    await sql`notify pgrst, 'reload schema'`;
  } finally {
    await sql.end();
  }
  return async () => {
    const drop = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
    try {
      await drop.unsafe(`drop schema if exists ${schema} cascade`);
    } finally {
      await drop.end();
    }
  };
}

const fixtureSql = `
      drop schema if exists rest_fixture cascade;
      create schema rest_fixture;
      grant usage on schema rest_fixture to anon, authenticated, service_role;
      create table rest_fixture.authors (id serial primary key, name text not null unique, bio text);
      create table rest_fixture.posts (
        id serial primary key, author_id int references rest_fixture.authors (id), editor_id int references rest_fixture.authors (id),
        title text not null, body text, tags text[] not null default '{}', meta jsonb not null default '{}',
        rating int, published boolean not null default false, created_at timestamptz not null default now(),
        tsv tsvector generated always as (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) stored);
      create table rest_fixture.comments (id serial primary key, post_id int not null references rest_fixture.posts (id) on delete cascade, body text not null);
      create table rest_fixture.labels (id serial primary key, name text not null unique);
      create table rest_fixture.post_labels (post_id int references rest_fixture.posts (id) on delete cascade,
        label_id int references rest_fixture.labels (id) on delete cascade, primary key (post_id, label_id));
      create table rest_fixture.notes (id uuid primary key default gen_random_uuid(), owner uuid not null default auth.uid(), body text not null check (char_length(body) < 100));
      alter table rest_fixture.notes enable row level security;
      create policy "owners read notes" on rest_fixture.notes for select to authenticated using (owner = (select auth.uid()));
      create policy "owners write notes" on rest_fixture.notes for insert to authenticated with check (owner = (select auth.uid()));
      create policy "owners delete notes" on rest_fixture.notes for delete to authenticated using (owner = (select auth.uid()));
      grant select, insert, update, delete on all tables in schema rest_fixture to anon, authenticated, service_role;
      revoke all on rest_fixture.notes from anon;
      grant usage on all sequences in schema rest_fixture to anon, authenticated, service_role;

      insert into rest_fixture.authors (name, bio) values ('Ada', 'engineer'), ('Grace', null), ('Linus', 'kernel');
      insert into rest_fixture.posts (author_id, editor_id, title, body, tags, meta, rating, published) values
        (1, 2, 'ESP32 deep sleep', 'Save battery with deep sleep on the ESP32', '{esp32,power}', '{"board":{"name":"esp32"},"pins":3}', 5, true),
        (1, null, 'BME280 wiring', 'Connect SDA and SCL', '{sensors,i2c}', '{"board":{"name":"uno"}}', null, true),
        (2, 1, 'Relays, safely', 'Never switch mains on a breadboard', '{safety}', '{}', 3, false),
        (3, null, 'Draft, with comma', null, '{}', '{}', 1, false);
      insert into rest_fixture.comments (post_id, body) values (1, 'great'), (1, 'hi'), (2, 'thanks'), (3, 'careful');
      insert into rest_fixture.labels (name) values ('beginner'), ('advanced');
      insert into rest_fixture.post_labels values (1, 1), (1, 2), (2, 1);

      create function rest_fixture.add(a int, b int) returns int language sql immutable set search_path = '' as $$ select a + b $$;
      create function rest_fixture.greet(name text) returns text language sql immutable set search_path = '' as $$ select 'Hello, ' || name $$;
      create function rest_fixture.greet(first text, last text) returns text language sql immutable set search_path = '' as $$ select 'Hello, ' || first || ' ' || last $$;
      create function rest_fixture.posts_by_tag(tag text) returns setof rest_fixture.posts language sql stable set search_path = '' as $$ select * from rest_fixture.posts where tag = any (tags) $$;
      create function rest_fixture.post_titles() returns table (post_id int, title text) language sql stable set search_path = '' as $$ select id, title from rest_fixture.posts order by id $$;
      create function rest_fixture.numbers(n int) returns setof int language sql immutable set search_path = '' as $$ select generate_series(1, n) $$;
      create function rest_fixture.first_author() returns rest_fixture.authors language sql stable set search_path = '' as $$ select * from rest_fixture.authors order by id limit 1 $$;
      create function rest_fixture.touch() returns void language sql volatile set search_path = '' as $$ update rest_fixture.authors set bio = bio where false $$;
      create function rest_fixture.echo(jsonb) returns jsonb language sql immutable set search_path = '' as $$ select $1 $$;
      create function rest_fixture.fail(message text) returns void language plpgsql set search_path = '' as $$ begin raise exception '%', message; end $$;
      create function rest_fixture.teapot() returns void language plpgsql set search_path = '' as $$ begin raise exception 'short and stout' using errcode = 'PT418'; end $$;
      grant execute on all functions in schema rest_fixture to anon, authenticated, service_role;
`;
