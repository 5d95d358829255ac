// Personal access tokens in the database: the secret is made by create_personal_access_token and stored only as
// its sha256; a user sees and revokes only their own tokens and never a hash; resolve_personal_access_token is the
// one way to learn whose a secret is (anon may ask, signed-in users may not), answering active, revoked or expired.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf, type TestUser } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

async function createToken(user: TestUser, options: { name?: string; scope?: string; days?: number } = {}) {
  const [row] = await as(
    user,
    (sql) => sql`select * from public.create_personal_access_token(${options.name ?? 'Claude Desktop'},
      ${options.scope ?? 'read'}, ${options.days ?? 30})`,
    { commit: true },
  );
  return row as { token: string; id: string; token_prefix: string; expires_at: Date };
}

const resolve = async (secret: string) =>
  (await as('anon', (sql) => sql`select * from public.resolve_personal_access_token(${secret})`, { commit: true }))[0];

describe('personal access tokens', () => {
  it('are made by the database, shown once and stored only as their sha256', async () => {
    const user = await createUser();
    const created = await createToken(user, { scope: 'read_write', days: 90 });
    expect(created.token).toMatch(/^ohm_pat_[0-9a-f]{64}$/);
    expect(created.token_prefix).toBe(created.token.slice(0, 14));
    const [stored] = await admin`select * from public.personal_access_tokens where id = ${created.id}`;
    expect(Buffer.from(stored.token_hash).toString('hex')).toBe(
      createHash('sha256').update(created.token).digest('hex'),
    );
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(14));
    expect(stored.user_id).toBe(user.id);
    expect(stored.scope).toBe('read_write');
    const days = (stored.expires_at.getTime() - stored.created_at.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it('are listed by their owner without the hash, and by nobody else', async () => {
    const [owner, stranger] = [await createUser(), await createUser()];
    const created = await createToken(owner);
    const own = await as(owner, (sql) => sql`select id, name, token_prefix from public.personal_access_tokens`);
    expect(own).toEqual([{ id: created.id, name: 'Claude Desktop', token_prefix: created.token_prefix }]);
    expect(await as(stranger, (sql) => sql`select id from public.personal_access_tokens`)).toEqual([]);
    expect(await sqlstateOf(() => as(owner, (sql) => sql`select token_hash from public.personal_access_tokens`))).toBe(
      '42501',
    );
  });

  it('cannot be inserted with a chosen secret, un-revoked or revoked by another user', async () => {
    const [owner, stranger] = [await createUser(), await createUser()];
    const created = await createToken(owner);
    const insert = () =>
      as(
        owner,
        (
          sql,
        ) => sql`insert into public.personal_access_tokens (user_id, name, token_hash, token_prefix, scope, expires_at)
          values (${owner.id}, 'mine', ${Buffer.alloc(32)}, 'ohm_pat_000000', 'read_write', now() + interval '1 day')`,
      );
    expect(await sqlstateOf(insert)).toBe('42501');
    expect(
      await sqlstateOf(() =>
        as(stranger, (sql) => sql`select public.revoke_personal_access_token(${created.id})`, { commit: true }),
      ),
    ).toBe('PT404');
    expect((await resolve(created.token)).state).toBe('active');

    await as(owner, (sql) => sql`select public.revoke_personal_access_token(${created.id})`, { commit: true });
    expect((await resolve(created.token)).state).toBe('revoked');
    const revive = () =>
      as(owner, (sql) => sql`update public.personal_access_tokens set revoked_at = null where id = ${created.id}`);
    expect(await sqlstateOf(revive)).toBe('42501');
    // Revoking again changes nothing and is no error.
    await as(owner, (sql) => sql`select public.revoke_personal_access_token(${created.id})`, { commit: true });
  });

  it('resolve to their user and scope while active; expired and unknown secrets say so', async () => {
    const user = await createUser({ anonymous: true });
    const created = await createToken(user, { scope: 'read_write' });
    const active = await resolve(created.token);
    expect(active).toMatchObject({ token_id: created.id, user_id: user.id, scope: 'read_write', state: 'active' });
    expect(active.is_anonymous).toBe(true);
    const [used] = await admin`select last_used_at from public.personal_access_tokens where id = ${created.id}`;
    expect(used.last_used_at).not.toBeNull();

    await admin`update public.personal_access_tokens set created_at = now() - interval '2 days',
      expires_at = now() - interval '1 second' where id = ${created.id}`;
    expect((await resolve(created.token)).state).toBe('expired');
    // One character off (a secret that already ends in 0 gets a 1: the same secret would resolve).
    const oneOff = `${created.token.slice(0, -1)}${created.token.endsWith('0') ? '1' : '0'}`;
    expect(await resolve(oneOff)).toBeUndefined();
    expect(await resolve('x'.repeat(500))).toBeUndefined();
  });

  it('may be resolved by anon and the service role only, not by a signed-in user fishing for others', async () => {
    const user = await createUser();
    const created = await createToken(user);
    expect(
      await sqlstateOf(() =>
        as(user, (sql) => sql`select * from public.resolve_personal_access_token(${created.token})`),
      ),
    ).toBe('42501');
    const [row] = await as(
      'service_role',
      (sql) => sql`select * from public.resolve_personal_access_token(${created.token})`,
    );
    expect(row.user_id).toBe(user.id);
  });

  it('keep their limits: a name, 1 to 366 days, at most 20 active at once', async () => {
    const user = await createUser();
    expect(await sqlstateOf(() => createToken(user, { name: '  ' }))).toBe('22023');
    expect(await sqlstateOf(() => createToken(user, { days: 0 }))).toBe('22023');
    expect(await sqlstateOf(() => createToken(user, { days: 367 }))).toBe('22023');
    expect(await sqlstateOf(() => createToken(user, { scope: 'admin' }))).toBe('22P02');
    for (let i = 0; i < 20; i++) await createToken(user, { name: `token ${i}` });
    expect(await sqlstateOf(() => createToken(user, { name: 'one too many' }))).toBe('22023');
    expect(
      await sqlstateOf(() =>
        as('anon', (sql) => sql`select * from public.create_personal_access_token('x', 'read', 1)`),
      ),
    ).toBe('42501');
  });
});
