// Every new user gets a profile, readable and editable only by that user.
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as, createUser, sqlstateOf } from './fixtures.ts';

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('profiles', () => {
  it('are created for each new user with the name from sign-up', async () => {
    const user = await createUser({ name: 'Grace' });
    const [profile] = await as(user, (sql) => sql`select id, display_name from public.profiles`);
    expect(profile).toEqual({ id: user.id, display_name: 'Grace' });
  });

  it('are invisible to other users and to the anon key', async () => {
    const owner = await createUser();
    const stranger = await createUser();
    expect(await as(stranger, (sql) => sql`select 1 from public.profiles where id = ${owner.id}`)).toHaveLength(0);
    expect(await sqlstateOf(() => as('anon', (sql) => sql`select 1 from public.profiles`))).toBe('42501');
  });

  it('let users rename themselves but not change their id', async () => {
    const user = await createUser();
    const [renamed] = await as(
      user,
      (sql) => sql`update public.profiles set display_name = 'Ada' where id = ${user.id} returning display_name`,
    );
    expect(renamed.display_name).toBe('Ada');
    expect(await sqlstateOf(() => as(user, (sql) => sql`update public.profiles set id = gen_random_uuid()`))).toBe(
      '42501',
    );
  });
});
