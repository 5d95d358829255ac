// A schema of its own for the postgres_changes tests: tables in the supabase_realtime publication with and without
// RLS and grants, and one left out of it. Created by the superuser, independent of OHM's tables.
import postgres from 'postgres';

export async function createRealtimeFixture(adminUrl: string, schema: string): Promise<() => Promise<void>> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(fixtureSql.replaceAll('rt_fixture', schema));
  } finally {
    await sql.end();
  }
  return async () => {
    const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await drop.unsafe(`drop schema if exists ${schema} cascade`);
    } finally {
      await drop.end();
    }
  };
}

const fixtureSql = `
  drop schema if exists rt_fixture cascade;
  create schema rt_fixture;
  grant usage on schema rt_fixture to anon, authenticated, service_role;

  -- Owner-only rows: anon may select the table, RLS shows it nothing.
  create table rt_fixture.items (
    id bigint generated always as identity primary key, owner uuid not null, chat_id uuid, n int not null default 0,
    body text not null default '', created_at timestamptz not null default now());
  alter table rt_fixture.items enable row level security;
  create policy "owners see their items" on rt_fixture.items for select to authenticated using (owner = (select auth.uid()));
  grant select on rt_fixture.items to anon, authenticated, service_role;

  -- Everyone's: no RLS.
  create table rt_fixture.notes (id bigint generated always as identity primary key, body text not null);
  grant select on rt_fixture.notes to anon, authenticated, service_role;

  -- Not granted to anon at all.
  create table rt_fixture.secrets (id bigint generated always as identity primary key, owner uuid not null, body text not null);
  alter table rt_fixture.secrets enable row level security;
  create policy "owners see their secrets" on rt_fixture.secrets for select to authenticated using (owner = (select auth.uid()));
  grant select on rt_fixture.secrets to authenticated;

  -- Left out of the publication.
  create table rt_fixture.hidden (id bigint generated always as identity primary key, body text not null);
  grant select on rt_fixture.hidden to anon, authenticated;

  alter publication supabase_realtime add table rt_fixture.items, rt_fixture.notes, rt_fixture.secrets;
`;
