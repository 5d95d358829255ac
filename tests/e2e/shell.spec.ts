// The app shell: the chat list (groups, infinite scroll, rename, archive, delete with undo, the current chat), the
// new-chat shortcut, the account menu and the not-found page that loading and error states must keep.
import { expect, keepScreenshot, seedChats, startGuestSession, supabaseAs, test } from './fixtures';

const day = 24;

test('the sidebar groups chats by recency and loads older chats as the end of the list scrolls into view', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  const thisYear = new Date().getFullYear();
  const recent = [
    { title: 'Today: soil sensor', hoursAgo: 0 },
    { title: 'Yesterday: relay board', hoursAgo: day },
    { title: 'This week: LoRa gateway', hoursAgo: 3 * day },
    { title: 'This month: e-ink clock', hoursAgo: 12 * day },
    { title: 'Long ago: Geiger counter', hoursAgo: 400 * day },
  ];
  const older = Array.from({ length: 70 }, (_, i) => ({
    title: `Archive project ${String(i + 1).padStart(2, '0')}`,
    hoursAgo: 40 * day + i,
  }));
  await seedChats(context, [...recent, ...older]);
  await page.reload();

  const links = shell.chats().getByRole('link');
  await expect(links.first()).toHaveText('Today: soil sensor');
  const titles = await shell.groupTitles();
  expect(titles.slice(0, 4)).toEqual(['Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days']);
  expect(titles[4]).toMatch(/^[A-Z][a-z]+( \d{4})?$/);
  await keepScreenshot(page, 'home');

  // 30 a page: the first page is rendered on the server, the next ones arrive as the list scrolls.
  await expect(links).toHaveCount(30);
  await links.last().scrollIntoViewIfNeeded();
  await expect(links).toHaveCount(60);
  await links.last().scrollIntoViewIfNeeded();
  await expect(links).toHaveCount(75);
  await expect(page.getByTestId('chat-list-more')).toHaveCount(0);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs).size).toBe(75);
  expect(hrefs.every((h) => /^\/chat\/[0-9a-f-]{36}$/.test(h ?? ''))).toBe(true);
  const listed = await links.allInnerTexts();
  expect(listed.slice(4, 74)).toEqual(older.map((c) => c.title));
  expect(listed.at(-1)).toBe('Long ago: Geiger counter');
  expect((await shell.groupTitles()).at(-1)).toMatch(
    new RegExp(`^[A-Z][a-z]+ ${thisYear - 1}$|^[A-Z][a-z]+ ${thisYear - 2}$`),
  );
});

test('a chat is renamed inline; an empty or too long name gets a clear message and changes nothing', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  const [id] = await seedChats(context, [{ title: 'Untitled idea', hoursAgo: 0 }]);
  await page.goto(`/chat/${id}`);
  await expect(page.getByTestId('chat-title')).toHaveText('Untitled idea');

  await shell.chatMenu('Untitled idea', 'Rename');
  const field = shell.chats().getByRole('textbox', { name: 'Chat name' });
  await expect(field).toBeFocused();
  await field.fill('   ');
  await field.press('Enter');
  await expect(shell.chats().getByRole('alert')).toHaveText('Give the chat a name.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('x'.repeat(201));
  await field.press('Enter');
  await expect(shell.chats().getByRole('alert')).toHaveText('A chat name can be at most 200 characters.');
  await field.press('Escape');
  await expect(shell.chatLink('Untitled idea')).toBeVisible();

  await shell.chatMenu('Untitled idea', 'Rename');
  await field.fill('Greenhouse controller');
  await field.press('Enter');
  await expect(shell.chatLink('Greenhouse controller')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('chat-title')).toHaveText('Greenhouse controller');
  await page.reload();
  await expect(shell.chatLink('Greenhouse controller')).toBeVisible();
  const { supabase } = await supabaseAs(context);
  expect((await supabase.from('chats').select('title').eq('id', id).single()).data?.title).toBe(
    'Greenhouse controller',
  );
});

test('archiving hides a chat and Undo brings it back; an archived chat can be found and unarchived', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  await seedChats(context, [
    { title: 'Keep me', hoursAgo: 1 },
    { title: 'Old robot arm', hoursAgo: 2 },
  ]);
  await page.reload();

  await shell.chatMenu('Old robot arm', 'Archive');
  await expect(shell.chatLink('Old robot arm')).toHaveCount(0);
  await shell.toast('Archived “Old robot arm”.').getByRole('button', { name: 'Undo' }).click();
  await expect(shell.chatLink('Old robot arm')).toBeVisible();
  await expect(shell.chats().getByRole('link')).toHaveText(['Keep me', 'Old robot arm']);

  await shell.chatMenu('Old robot arm', 'Archive');
  await expect(shell.toast('Archived “Old robot arm”.')).toBeVisible();
  await page.reload();
  await expect(shell.chatLink('Keep me')).toBeVisible();
  await expect(shell.chatLink('Old robot arm')).toHaveCount(0);
  await page.getByRole('button', { name: 'Archived chats' }).click();
  const archive = page.getByTestId('archived-chats');
  await expect(archive.getByRole('link', { name: 'Old robot arm' })).toBeVisible();
  await archive.getByRole('button', { name: 'Unarchive Old robot arm' }).click();
  await expect(shell.chatLink('Old robot arm')).toBeVisible();
});

test('deleting hides a chat at once and Undo restores it; without Undo it is gone for good', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  const [id] = await seedChats(context, [{ title: 'Doomed draft', hoursAgo: 1 }]);
  await page.goto(`/chat/${id}`);

  await shell.chatMenu('Doomed draft', 'Delete');
  await page.waitForURL((url) => url.pathname === '/');
  await expect(shell.chatLink('Doomed draft')).toHaveCount(0);
  const toast = shell.toast('Deleted “Doomed draft”.');
  await expect(page.getByRole('status').filter({ has: toast })).toHaveAttribute('aria-live', 'polite');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(shell.chatLink('Doomed draft')).toBeVisible();
  expect((await page.goto(`/chat/${id}`))?.status()).toBe(200);

  await shell.chatMenu('Doomed draft', 'Delete');
  await expect(shell.chatLink('Doomed draft')).toHaveCount(0);
  // The toast comes once the database has the chat marked deleted.
  await expect(shell.toast('Deleted “Doomed draft”.')).toBeVisible();
  expect((await page.request.get(`/chat/${id}`)).status()).toBe(404);
  // The toast times out by itself; only then is the chat removed from the database.
  await expect(shell.toast('Deleted “Doomed draft”.')).toHaveCount(0, { timeout: 15_000 });
  const { supabase } = await supabaseAs(context);
  await expect.poll(async () => (await supabase.from('chats').select('id').eq('id', id)).data).toEqual([]);
});

test('a change the database refuses is undone in the list and explained in a toast', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  const [id] = await seedChats(context, [{ title: 'Removed elsewhere', hoursAgo: 1 }]);
  await page.reload();
  // Another tab deletes the chat; this one still lists it.
  const { supabase } = await supabaseAs(context);
  await supabase.from('chats').delete().eq('id', id);

  await shell.chatMenu('Removed elsewhere', 'Rename');
  await shell.chats().getByRole('textbox', { name: 'Chat name' }).fill('New name');
  await shell.chats().getByRole('textbox', { name: 'Chat name' }).press('Enter');
  const toast = shell.toast('This chat does not exist or you do not have access to it.');
  await expect(toast).toHaveAttribute('data-tone', 'error');
  await expect(page.getByRole('status').filter({ has: toast })).toBeAttached();
  await expect(shell.chatLink('Removed elsewhere')).toBeVisible();

  await shell.chatMenu('Removed elsewhere', 'Archive');
  await expect(shell.toast('This chat does not exist or you do not have access to it.')).toHaveCount(2);
  await expect(shell.chatLink('Removed elsewhere')).toBeVisible();
});

test('Ctrl+Shift+O opens a new chat from anywhere, and the open chat is marked in the list', async ({
  page,
  context,
  shell,
}) => {
  await page.goto('/');
  const [first, second] = await seedChats(context, [
    { title: 'First board', hoursAgo: 1 },
    { title: 'Second board', hoursAgo: 2 },
  ]);
  await page.goto(`/chat/${first}`);
  await expect(shell.chatLink('First board')).toHaveAttribute('aria-current', 'page');
  await expect(shell.chatLink('Second board')).not.toHaveAttribute('aria-current', 'page');
  await shell.chatLink('Second board').click();
  await page.waitForURL(`**/chat/${second}`);
  await expect(shell.chatLink('Second board')).toHaveAttribute('aria-current', 'page');
  await expect(shell.chats().locator('[aria-current="page"]')).toHaveCount(1);

  await page.keyboard.press('Control+Shift+O');
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await expect(shell.chats().locator('[aria-current="page"]')).toHaveCount(0);
  await page.getByRole('link', { name: 'New chat' }).focus();
  await expect(page.getByRole('link', { name: 'New chat' })).toHaveAttribute('aria-keyshortcuts', /Control\+Shift\+O/);
});

test('the chat menu works from the keyboard alone', async ({ page, context, shell }) => {
  await page.goto('/');
  await seedChats(context, [{ title: 'Keyboard only', hoursAgo: 1 }]);
  await page.reload();
  const options = shell.chats().getByRole('button', { name: 'Options for Keyboard only' });
  await options.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Archive' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(options).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Typed name');
  await page.keyboard.press('Enter');
  await expect(shell.chatLink('Typed name')).toBeVisible();
});

test('the account menu says who is signed in, links to search and signs out', async ({ page, context, shell }) => {
  await startGuestSession(context);
  await page.goto('/');
  await shell.openAccount();
  await expect(page.getByTestId('account-who')).toHaveText('You are using OHM as a guest.');
  await expect(
    page.getByTestId('account-panel').getByRole('link', { name: 'Save your chats: add email and password' }),
  ).toBeVisible();
  await page.getByTestId('account-panel').getByRole('link', { name: 'Search chats' }).click();
  await page.waitForURL('**/search');
  await expect(page.getByTestId('app-sidebar').getByRole('link', { name: 'Search', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await shell.openAccount();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-panel')).toHaveCount(0);
  await expect(page.getByTestId('account-button')).toBeFocused();
  await shell.openAccount();
  await page.getByTestId('account-panel').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
});

test("a missing chat and another user's chat stay the same 404 page with loading and error states in place", async ({
  page,
  browser,
  context,
}) => {
  await page.goto('/');
  const [mine] = await seedChats(context, [{ title: 'Private plans', hoursAgo: 1 }]);
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto('/');
  for (const url of [`/chat/${mine}`, '/chat/00000000-0000-4000-8000-000000000000', '/chat/not-a-uuid']) {
    const response = await other.goto(url);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(other.getByTestId('error-state')).toHaveCount(0);
    await expect(other.getByTestId('loading')).toHaveCount(0);
  }
  await stranger.close();
  // The owner's chat streams its loading skeleton first, then the page.
  const html = await (await page.request.get(`/chat/${mine}`)).text();
  expect(html).toContain('data-testid="loading"');
  expect((await page.goto(`/chat/${mine}`))?.status()).toBe(200);
  await expect(page.getByTestId('loading')).toHaveCount(0);
});

test("the sidebar follows the user's chats live, in this tab and in another", async ({ page, context, shell }) => {
  await page.goto('/');
  const [, olderId] = await seedChats(context, [
    { title: 'Fresh: plant watering', hoursAgo: 1 },
    { title: 'Older: bike light', hoursAgo: 5 * 24 },
  ]);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('navigation', { name: 'Chats' })).toHaveAttribute('data-live', 'on');
  const otherLinks = other.getByRole('navigation', { name: 'Chats' }).getByRole('link');
  await expect(otherLinks.first()).toHaveText('Fresh: plant watering');

  await page.goto(`/chat/${olderId}`);
  await expect(shell.chats()).toHaveAttribute('data-live', 'on');
  const links = shell.chats().getByRole('link');
  await expect(links.first()).toHaveText('Fresh: plant watering');
  await page.getByRole('textbox', { name: 'Message' }).fill('Which LED driver for a 3 W bike light?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  // No navigation and no reload in either tab: the lists reorder from the database's broadcast.
  await expect(links.first()).toHaveText('Older: bike light');
  await expect(links.nth(1)).toHaveText('Fresh: plant watering');
  expect((await shell.groupTitles())[0]).toBe('Today');
  await expect(otherLinks.first()).toHaveText('Older: bike light');

  // A rename here shows there too.
  await shell.chatMenu('Fresh: plant watering', 'Rename');
  const field = shell.chats().getByRole('textbox', { name: 'Chat name' });
  await field.fill('Plant watering v2');
  await field.press('Enter');
  await expect(otherLinks.nth(1)).toHaveText('Plant watering v2');
});
