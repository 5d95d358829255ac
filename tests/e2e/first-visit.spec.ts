import { withSql } from './db';
import { expect, keepScreenshot, test } from './fixtures';

const userCount = () => withSql(async (sql) => (await sql`select count(*)::int as n from auth.users`)[0].n as number);

test('a first-time visitor reads the home page without an account; their first send makes them a guest that survives a reload', async ({
  home,
  page,
}) => {
  const before = await userCount();
  await page.goto('/');
  await expect(page.getByTestId('no-session')).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name.startsWith('sb-'))).toBe(false);
  expect(await userCount()).toBe(before);
  await keepScreenshot(page, 'first-visit');

  await page.getByRole('textbox', { name: 'Message' }).fill('A plant watering timer');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  expect((await page.context().cookies()).some((c) => c.name.startsWith('sb-127-auth-token'))).toBe(true);
  expect(await userCount()).toBe(before + 1);
  await home.open();
  await expect(home.kind()).toHaveText('You are using OHM as a guest.');
  const id = await home.userId();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId('session-user-id')).toHaveText(id);
});

test('50 cookie-less GETs of /, a chat and /search create no user and set no session cookie', async ({ request }) => {
  const before = await userCount();
  const paths = ['/', `/chat/${crypto.randomUUID()}`, '/search?q=weather'];
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => request.get(paths[i % paths.length], { headers: { cookie: '' } })),
  );
  for (const response of responses) {
    expect([200, 404]).toContain(response.status());
    expect(response.headers()['set-cookie'] ?? '').not.toMatch(/sb-/);
  }
  expect(responses.filter((r) => r.status() === 200)).toHaveLength(33);
  expect(await userCount()).toBe(before);
});
