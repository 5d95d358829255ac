import { expect, keepScreenshot, test } from './fixtures';

test('editing a message starts a branch beside it; Previous and Next branch switch, persist and reach other tabs', async ({
  page,
  context,
  chat,
}) => {
  await chat.startChat('Which MCU for a weather station?');
  await chat.send('Which sensor should I use?');
  await expect(chat.messages).toHaveCount(4);
  await chat.waitForReply();

  const other = chat.in(await context.newPage());
  await other.page.goto(page.url());
  await expect(other.messages).toHaveCount(4);

  const question = chat.message(3);
  await question.getByRole('button', { name: 'Edit' }).click();
  await question.getByRole('textbox', { name: 'Edit message' }).fill('x'.repeat(8001));
  await expect(question.getByText(/Too long: 8,001/)).toBeVisible();
  await expect(question.getByRole('button', { name: 'Save' })).toBeDisabled();
  await question.getByRole('button', { name: 'Cancel' }).click();

  await chat.edit(chat.message(3), 'Which display should I use?');
  const edited = chat.lastUserMessage();
  await expect(edited).toContainText('Which display should I use?');
  await expect(edited).toHaveAttribute('data-sequence', '5');
  await expect(chat.branchPosition(edited)).toHaveText('2 / 2');
  await chat.waitForReply();
  await expect(chat.lastReply()).toHaveAttribute('data-sequence', '6');
  await expect(chat.messages).toHaveCount(4);
  await expect(other.lastUserMessage()).toContainText('Which display should I use?');
  await keepScreenshot(page, 'branch-edited');

  await chat.previousBranch(edited);
  const original = chat.lastUserMessage();
  // Keyboard focus stays on the switcher, now the one of the branch shown.
  await expect(original.getByRole('button', { name: 'Next branch' })).toBeFocused();
  await expect(original).toHaveAttribute('data-sequence', '3');
  await expect(original).toContainText('Which sensor should I use?');
  await expect(chat.branchPosition(original)).toHaveText('1 / 2');
  await expect(chat.lastReply()).toHaveAttribute('data-sequence', '4');
  await expect(original.getByRole('button', { name: 'Previous branch' })).toBeDisabled();
  // The live tab follows the switch.
  await expect(other.lastUserMessage()).toHaveAttribute('data-sequence', '3');
  await expect(other.lastReply()).toHaveAttribute('data-sequence', '4');

  await page.reload();
  await expect(chat.lastUserMessage()).toHaveAttribute('data-sequence', '3');
  await expect(chat.branchPosition(chat.lastUserMessage())).toHaveText('1 / 2');

  await chat.nextBranch(chat.lastUserMessage());
  await expect(chat.lastUserMessage()).toHaveAttribute('data-sequence', '5');
  await expect(chat.lastReply()).toHaveAttribute('data-sequence', '6');
  await expect(other.lastUserMessage()).toHaveAttribute('data-sequence', '5');
  await expect(chat.messages).toHaveCount(4);
});

test('editing the first message of a chat starts a second branch from the top', async ({ chat }) => {
  await chat.startChat('Soil moisture sensor for a greenhouse');
  await chat.edit(chat.message(1), 'Soil moisture sensor for a balcony');
  await expect(chat.message(3)).toContainText('balcony');
  await expect(chat.branchPosition(chat.message(3))).toHaveText('2 / 2');
  await chat.waitForReply();
  await expect(chat.messages).toHaveCount(2);
  await chat.previousBranch(chat.message(3));
  await expect(chat.message(1)).toContainText('greenhouse');
  await expect(chat.messages).toHaveCount(2);
});

test('Regenerate writes a new reply beside the old one, and both stay reachable', async ({ page, chat }) => {
  await chat.startChat('How do I power an ESP32 from a LiPo?');
  const first = chat.message(2);
  const firstText = await first.innerText();
  await first.getByRole('button', { name: 'Regenerate' }).click();
  const regenerated = chat.message(3);
  await expect(regenerated).toHaveAttribute('data-role', 'assistant');
  await expect(regenerated).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(chat.branchPosition(regenerated)).toHaveText('2 / 2');
  await expect(chat.messages).toHaveCount(2);
  await keepScreenshot(page, 'regenerated');
  await chat.previousBranch(regenerated);
  await expect(chat.message(2)).toBeVisible();
  await expect(chat.message(3)).toHaveCount(0);
  await expect(chat.branchPosition(chat.message(2))).toHaveText('1 / 2');
  expect(await chat.message(2).innerText()).toContain(firstText.trim());
});

test('a link to a message on another branch shows that branch', async ({ page, chat }) => {
  await chat.startChat('Which anemometer for a weather station?');
  await chat.send('Which rain gauge?');
  await expect(chat.message(4)).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await chat.edit(chat.message(3), 'Which wind vane?');
  await expect(chat.message(6)).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  const url = page.url();
  await page.goto('/');
  await page.goto(`${url}#m-3`);
  await expect(chat.message(3)).toContainText('Which rain gauge?');
  await expect(chat.branchPosition(chat.message(3))).toHaveText('1 / 2');
  await expect(chat.message(3)).toBeInViewport();
  await expect(chat.message(5)).toHaveCount(0);
});
