import { expect, freshEmail, keepScreenshot, test } from './fixtures';

test('a guest keeps their account id when they add an email and password', async ({ home, login, page }) => {
  // A guest is someone who has sent something.
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Message' }).fill('A bike light with a dynamo');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.waitForURL(/\/chat\//);
  await home.open();
  const guestId = await home.userId();
  await page.getByRole('link', { name: /add email and password/i }).click();
  await expect(page.getByRole('heading', { name: 'Keep your chats' })).toBeVisible();
  await keepScreenshot(page, 'upgrade-guest');
  const email = freshEmail();
  await login.signUp(email, 'correct-horse-9');
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByTestId('session-email')).toHaveText(email);
  await expect(page.getByTestId('session-user-id')).toHaveText(guestId);
});

test('someone signs up, signs out and signs in again with email and password', async ({ browser }) => {
  // Straight to /login, as a returning visitor would.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  const email = freshEmail();
  const form = page.getByTestId('sign-up-form');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill('correct-horse-9');
  await form.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByTestId('session-email')).toHaveText(email);
  const id = await page.getByTestId('session-user-id').innerText();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  const signIn = page.getByTestId('sign-in-form');
  await signIn.getByLabel('Email').fill(email);
  await signIn.getByLabel('Password').fill('wrong-password');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Wrong email or password.');
  await keepScreenshot(page, 'sign-in-error');
  await signIn.getByLabel('Password').fill('correct-horse-9');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByTestId('session-user-id')).toHaveText(id);
  await keepScreenshot(page, 'signed-in');
  await context.close();
});
