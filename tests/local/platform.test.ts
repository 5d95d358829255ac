// The platform bootstrap recreates what a hosted Supabase database already has (reference/supabase-db-platform.md).
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { adminDbUrl, dbUrl } from '../support/stack.ts';

const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
const asPostgres = postgres(dbUrl, { max: 1, onnotice: () => {} });
afterAll(async () => {
  await admin.end();
  await asPostgres.end();
});

describe('platform bootstrap', () => {
  it('gives the roles their hosted attributes', async () => {
    const rows = await admin`
      select rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolinherit, rolcanlogin
      from pg_roles where rolname in ('postgres', 'supabase_admin', 'anon', 'authenticated', 'service_role', 'authenticator')
      order by rolname`;
    const byName = Object.fromEntries(rows.map((r) => [r.rolname, r]));
    expect(byName.supabase_admin.rolsuper).toBe(true);
    expect(byName.postgres).toMatchObject({
      rolsuper: false,
      rolbypassrls: true,
      rolcreaterole: true,
      rolcreatedb: true,
      rolcanlogin: true,
    });
    expect(byName.authenticator).toMatchObject({ rolinherit: false, rolcanlogin: true });
    expect(byName.service_role.rolbypassrls).toBe(true);
    expect(byName.anon.rolcanlogin).toBe(false);
  });

  it('makes postgres a member of the API roles and sets their statement timeouts', async () => {
    const [membership] = await asPostgres`
      select pg_has_role('postgres', 'anon', 'member') as anon,
             pg_has_role('postgres', 'authenticated', 'member') as authenticated,
             pg_has_role('postgres', 'service_role', 'member') as service_role`;
    expect(membership).toEqual({ anon: true, authenticated: true, service_role: true });
    const settings = await admin`
      select r.rolname, s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname in ('anon', 'authenticated', 'authenticator')`;
    const config = Object.fromEntries(settings.map((s) => [s.rolname, s.setconfig as string[]]));
    expect(config.anon).toContain('statement_timeout=3s');
    expect(config.authenticated).toContain('statement_timeout=8s');
    expect(config.authenticator).toContain('statement_timeout=8s');
  });

  it('reads claims the way auth.uid(), auth.role(), auth.email() and auth.jwt() do on hosted', async () => {
    const sub = '8c5b1a8e-1111-4e7a-9d55-0a3c6f0e9b21';
    const [row] = await asPostgres.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub, role: 'authenticated', email: 'a@b.c' })}, true)`;
      await tx`set local role authenticated`;
      return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'sub' as jwt_sub`;
    });
    expect(row).toEqual({ uid: sub, role: 'authenticated', email: 'a@b.c', jwt_sub: sub });
    const [legacy] = await asPostgres.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub })}, true)`;
      await tx`select set_config('request.jwt.claim.sub', '00000000-0000-4000-8000-000000000001', true)`;
      return tx`select auth.uid() as uid`;
    });
    expect(legacy.uid).toBe('00000000-0000-4000-8000-000000000001');
    const [none] = await asPostgres`select auth.uid() as uid, auth.jwt() as jwt`;
    expect(none).toEqual({ uid: null, jwt: null });
  });

  it('keeps realtime.messages partitions for today and the next days', async () => {
    const rows = await admin`
      select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'realtime.messages'::regclass`;
    const names = rows.map((r) => r.relname as string);
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `messages_${d.toISOString().slice(0, 10).replaceAll('-', '_')}`;
    };
    for (const offset of [0, 1, 2, 3]) expect(names).toContain(day(offset));
  });

  it('gives new public objects no automatic grants (the 2026 default)', async () => {
    const table = `grant_probe_${Date.now()}`;
    await asPostgres.unsafe(`create table public.${table} (id int primary key)`);
    try {
      const [privs] = await asPostgres`
        select has_table_privilege('anon', ${'public.' + table}, 'select') as anon,
               has_table_privilege('authenticated', ${'public.' + table}, 'select') as authenticated`;
      expect(privs).toEqual({ anon: false, authenticated: false });
    } finally {
      await asPostgres.unsafe(`drop table public.${table}`);
    }
  });

  it('has storage helpers that split object names as Storage does', async () => {
    const [row] = await asPostgres`
      select storage.foldername('a/b/c.png') as folders, storage.filename('a/b/c.png') as file,
             storage.extension('a/b/c.tar.gz') as ext`;
    expect(row).toEqual({ folders: ['a', 'b'], file: 'c.png', ext: 'gz' });
  });
});
